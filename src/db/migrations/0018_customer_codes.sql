-- A customer code people can read and print (MKHang on the e-invoice): KH000001, KH000002 … from a sequence,
-- so creating customers never waits on a counter row; existing customers get theirs now.
CREATE SEQUENCE IF NOT EXISTS "identity"."customer_code_seq";
--> statement-breakpoint
ALTER TABLE "identity"."customers" ADD COLUMN "code" text NOT NULL DEFAULT ('KH' || lpad(nextval('identity.customer_code_seq')::text, 6, '0'));
--> statement-breakpoint
CREATE UNIQUE INDEX "customers_code_uq" ON "identity"."customers" ("code");
