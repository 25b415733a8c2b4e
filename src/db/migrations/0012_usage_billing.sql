CREATE SCHEMA "billing";
--> statement-breakpoint
CREATE SCHEMA "usage";
--> statement-breakpoint
CREATE TABLE "billing"."bill_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"bill_id" text NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"metric" text,
	"quantity" integer NOT NULL,
	"unit" text NOT NULL,
	"unit_price_vnd" bigint NOT NULL,
	"amount_vnd" bigint NOT NULL,
	"vat_rate" text NOT NULL,
	"vat_vnd" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing"."bills" (
	"id" text PRIMARY KEY NOT NULL,
	"contract_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"period" text NOT NULL,
	"status" text NOT NULL,
	"number" text,
	"issue_date" date,
	"due_date" date,
	"subtotal_vnd" bigint NOT NULL,
	"vat_vnd" bigint NOT NULL,
	"total_vnd" bigint NOT NULL,
	"paid_vnd" bigint NOT NULL,
	"paid_at" timestamp with time zone,
	"notified_at" timestamp with time zone,
	"payment_id" text,
	"run_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "bills_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "billing"."runs" (
	"id" text PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"status" text NOT NULL,
	"contracts_total" integer NOT NULL,
	"contracts_done" integer NOT NULL,
	"bills_created" integer NOT NULL,
	"started_by" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "usage"."api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"contract_id" text NOT NULL,
	"key_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"name" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "usage"."closed_periods" (
	"contract_id" text PRIMARY KEY NOT NULL,
	"closed_through" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "usage"."events" (
	"contract_id" text NOT NULL,
	"transaction_id" text NOT NULL,
	"metric" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"period" text NOT NULL,
	"quantity" bigint NOT NULL,
	"properties" jsonb,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "events_contract_id_transaction_id_pk" PRIMARY KEY("contract_id","transaction_id")
);
--> statement-breakpoint
CREATE TABLE "usage"."monthly" (
	"contract_id" text NOT NULL,
	"period" text NOT NULL,
	"metric" text NOT NULL,
	"events" bigint NOT NULL,
	"quantity_sum" bigint NOT NULL,
	"quantity_max" bigint NOT NULL,
	CONSTRAINT "monthly_contract_id_period_metric_pk" PRIMARY KEY("contract_id","period","metric")
);
--> statement-breakpoint
DROP INDEX "payments"."payments_purpose_idx";--> statement-breakpoint
ALTER TABLE "payments"."payments" ADD COLUMN "bill_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "bill_lines_bill_position_idx" ON "billing"."bill_lines" USING btree ("bill_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "bills_contract_period_idx" ON "billing"."bills" USING btree ("contract_id","period");--> statement-breakpoint
CREATE INDEX "bills_status_due_idx" ON "billing"."bills" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "bills_customer_idx" ON "billing"."bills" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "bills_period_idx" ON "billing"."bills" USING btree ("period");--> statement-breakpoint
CREATE INDEX "runs_period_idx" ON "billing"."runs" USING btree ("period","started_at");--> statement-breakpoint
CREATE INDEX "api_keys_contract_idx" ON "usage"."api_keys" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "monthly_period_idx" ON "usage"."monthly" USING btree ("period");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_bill_idx" ON "payments"."payments" USING btree ("bill_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_purpose_idx" ON "payments"."payments" USING btree ("contract_id",coalesce("amendment_id", '')) WHERE "payments"."payments"."bill_id" is null;