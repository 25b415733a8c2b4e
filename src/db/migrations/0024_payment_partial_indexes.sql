-- Most payments are a bill's VNPay link (no bank reference, no other module's purpose, not yet paid):
-- index only the rows each lookup can find, so a bill run's 100,000 payments write three indexes, not six.
DROP INDEX IF EXISTS "payments"."payments_bank_ref_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "payments_bank_ref_idx" ON "payments"."payments" USING btree ("bank_ref") WHERE "bank_ref" IS NOT NULL;--> statement-breakpoint
DROP INDEX IF EXISTS "payments"."payments_purpose_ref_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "payments_purpose_ref_idx" ON "payments"."payments" USING btree ("purpose","purpose_ref") WHERE "purpose" IS NOT NULL;--> statement-breakpoint
-- The status index served the ledger's "paid between" read: a partial index on the paid instant does it better.
DROP INDEX IF EXISTS "payments"."payments_status_idx";--> statement-breakpoint
CREATE INDEX "payments_paid_at_idx" ON "payments"."payments" USING btree ("paid_at") WHERE "paid_at" IS NOT NULL;
