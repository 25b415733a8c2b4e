-- A bill takes several payments: bank transfers of any part, then the VNPay link for the rest. At most
-- one payment per bill still awaits money (the link's, for the remaining balance).
DROP INDEX "payments"."payments_bill_idx";--> statement-breakpoint
CREATE INDEX "payments_bill_idx" ON "payments"."payments" USING btree ("bill_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_bill_open_idx" ON "payments"."payments" USING btree ("bill_id")
  WHERE "payments"."payments"."status" = 'pending';--> statement-breakpoint
-- A contract whose service is locked for debt (collection's lock step): its API keys are refused.
CREATE TABLE "usage"."service_locks" (
	"contract_id" text PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"locked_at" timestamp with time zone NOT NULL
);
