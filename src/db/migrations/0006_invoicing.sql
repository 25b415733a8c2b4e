CREATE SCHEMA "invoicing";
--> statement-breakpoint
CREATE TABLE "invoicing"."invoices" (
	"id" text PRIMARY KEY NOT NULL,
	"source_payment_id" text,
	"paid_at" timestamp with time zone NOT NULL,
	"customer_id" text,
	"contract_id" text,
	"buyer" jsonb NOT NULL,
	"seller" jsonb NOT NULL,
	"lines" jsonb NOT NULL,
	"payment_method" text NOT NULL,
	"subtotal_vnd" bigint NOT NULL,
	"vat_vnd" bigint NOT NULL,
	"discount_vnd" bigint NOT NULL,
	"total_vnd" bigint NOT NULL,
	"form" text NOT NULL,
	"series" text NOT NULL,
	"number" integer,
	"status" text NOT NULL,
	"provider" text,
	"provider_ref" text,
	"tax_authority_code" text,
	"xml" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"issued_date" date,
	"issued_at" timestamp with time zone,
	"replaces_id" text,
	"replaced_by_id" text,
	"relation" jsonb,
	"cancel_reason" text,
	"cancelled_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "invoices_source_payment_id_unique" UNIQUE("source_payment_id")
);
--> statement-breakpoint
CREATE TABLE "invoicing"."series_counters" (
	"form" text NOT NULL,
	"series" text NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	"last_issued_date" date,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "series_counters_form_series_pk" PRIMARY KEY("form","series")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_series_number_idx" ON "invoicing"."invoices" USING btree ("form","series","number");--> statement-breakpoint
CREATE INDEX "invoices_status_idx" ON "invoicing"."invoices" USING btree ("status");--> statement-breakpoint
CREATE INDEX "invoices_customer_idx" ON "invoicing"."invoices" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "invoices_created_idx" ON "invoicing"."invoices" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "invoices_replaces_idx" ON "invoicing"."invoices" USING btree ("replaces_id");