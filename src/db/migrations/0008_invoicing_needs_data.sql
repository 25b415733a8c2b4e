-- Invoices whose buyer or line data cannot make a valid invoice wait in `needs_data` with the reasons.
ALTER TABLE "invoicing"."invoices" ADD COLUMN "data_problems" jsonb;
--> statement-breakpoint
-- Pushes of one series run one at a time: a lease (who, until when) taken in a short transaction
-- instead of a row lock held across the provider's HTTP call.
ALTER TABLE "invoicing"."series_counters" ADD COLUMN "lease_invoice_id" text;
--> statement-breakpoint
ALTER TABLE "invoicing"."series_counters" ADD COLUMN "lease_until" timestamp with time zone;
