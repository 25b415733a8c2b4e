-- Most payments are a bill's VNPay link (no bank reference, no other module's purpose, not yet paid):
-- index only the rows each lookup can find, so a bill run's 100,000 payments write three indexes, not six.
DROP INDEX IF EXISTS "payments"."payments_bank_ref_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "payments_bank_ref_idx" ON "payments"."payments" USING btree ("bank_ref") WHERE "bank_ref" IS NOT NULL;--> statement-breakpoint
DROP INDEX IF EXISTS "payments"."payments_purpose_ref_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "payments_purpose_ref_idx" ON "payments"."payments" USING btree ("purpose","purpose_ref") WHERE "purpose" IS NOT NULL;--> statement-breakpoint
-- The status index served the ledger's "paid between" read: a partial index on the paid instant does it better.
DROP INDEX IF EXISTS "payments"."payments_status_idx";--> statement-breakpoint
CREATE INDEX "payments_paid_at_idx" ON "payments"."payments" USING btree ("paid_at") WHERE "paid_at" IS NOT NULL;
--> statement-breakpoint
-- A bill's lines are found by their bill and kept in order: (bill_id, position) is their key, and the
-- generated id nobody read was one more index per line.
ALTER TABLE "billing"."bill_lines" DROP CONSTRAINT "bill_lines_pkey";--> statement-breakpoint
ALTER TABLE "billing"."bill_lines" DROP COLUMN "id";--> statement-breakpoint
DROP INDEX "billing"."bill_lines_bill_position_idx";--> statement-breakpoint
ALTER TABLE "billing"."bill_lines" ADD CONSTRAINT "bill_lines_pkey" PRIMARY KEY ("bill_id","position");
