-- Refunds become rows sent by a job with a stable vnp_RequestId; payments can be recorded by hand (bank transfer).
ALTER TABLE "payments"."refunds" ADD COLUMN "request_id" text;--> statement-breakpoint
UPDATE "payments"."refunds" SET "request_id" = substr(replace("id", '_', ''), 1, 32);--> statement-breakpoint
ALTER TABLE "payments"."refunds" ALTER COLUMN "request_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "payments"."refunds" ADD COLUMN "transaction_type" text NOT NULL DEFAULT '03';--> statement-breakpoint
ALTER TABLE "payments"."refunds" ALTER COLUMN "transaction_type" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "payments"."refunds" ADD COLUMN "message" text;--> statement-breakpoint
ALTER TABLE "payments"."refunds" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
UPDATE "payments"."refunds" SET "updated_at" = "created_at";--> statement-breakpoint
ALTER TABLE "payments"."refunds" ALTER COLUMN "updated_at" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_request_idx" ON "payments"."refunds" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "refunds_payment_idx" ON "payments"."refunds" USING btree ("payment_id");--> statement-breakpoint
ALTER TABLE "payments"."payments" ADD COLUMN "method" text NOT NULL DEFAULT 'vnpay';--> statement-breakpoint
ALTER TABLE "payments"."payments" ADD COLUMN "bank_ref" text;--> statement-breakpoint
ALTER TABLE "payments"."payments" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "payments"."payments" ADD COLUMN "recorded_by" text;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_bank_ref_idx" ON "payments"."payments" USING btree ("bank_ref");
