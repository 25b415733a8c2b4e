CREATE SCHEMA "catalog";
--> statement-breakpoint
CREATE SCHEMA "contracts";
--> statement-breakpoint
CREATE TABLE "platform"."counters" (
	"name" text PRIMARY KEY NOT NULL,
	"value" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog"."onprem_quotes" (
	"id" text PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"customer_id" text NOT NULL,
	"product_id" text NOT NULL,
	"unit_id" text,
	"description" text NOT NULL,
	"lines" jsonb NOT NULL,
	"total_vnd" bigint NOT NULL,
	"valid_until" date NOT NULL,
	"status" text NOT NULL,
	"created_by" text NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"reason" text,
	"used_by_contract_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "onprem_quotes_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "catalog"."plans" (
	"id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"edition" text NOT NULL,
	"billing" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plans_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "catalog"."price_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"model" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog"."products" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"description" text,
	"vat_rate" text NOT NULL,
	"agent_commission_bp" integer NOT NULL,
	"am_commission_bp" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "products_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "catalog"."trial_policies" (
	"product_id" text PRIMARY KEY NOT NULL,
	"limit_from" date NOT NULL,
	"meeting_minutes_limit" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contracts"."amendments" (
	"id" text PRIMARY KEY NOT NULL,
	"contract_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"from_quantity" integer NOT NULL,
	"quantity" integer NOT NULL,
	"period_months" integer NOT NULL,
	"change_date" date NOT NULL,
	"credit_vnd" bigint NOT NULL,
	"charge_vnd" bigint NOT NULL,
	"net_vnd" bigint NOT NULL,
	"payment_ref" text,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"applied_at" timestamp with time zone,
	CONSTRAINT "amendments_payment_ref_unique" UNIQUE("payment_ref")
);
--> statement-breakpoint
CREATE TABLE "contracts"."contracts" (
	"id" text PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"parent_id" text,
	"customer_id" text NOT NULL,
	"product_id" text NOT NULL,
	"plan_id" text NOT NULL,
	"price_version_id" text,
	"price_model" jsonb NOT NULL,
	"onprem_quote_id" text,
	"channel" text NOT NULL,
	"billing" text NOT NULL,
	"selling_unit_id" text,
	"managing_unit_id" text,
	"sales_user_id" text,
	"quantity" integer NOT NULL,
	"period_months" integer NOT NULL,
	"unit_price_vnd" bigint NOT NULL,
	"subtotal_vnd" bigint NOT NULL,
	"vat_rate" text NOT NULL,
	"vat_vnd" bigint NOT NULL,
	"total_vnd" bigint NOT NULL,
	"status" text NOT NULL,
	"signed_date" date,
	"start_date" date,
	"end_date" date,
	"needs_ctkv_approval" integer DEFAULT 0 NOT NULL,
	"ctkv_approved_by" text,
	"ctkv_approved_at" timestamp with time zone,
	"ttcntt_approved_by" text,
	"ttcntt_approved_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"payment_ref" text,
	"activated_at" timestamp with time zone,
	"account_ref" text,
	"rejection_reason" text,
	"terminated_at" timestamp with time zone,
	"termination_date" date,
	"termination_reason" text,
	"settlement" jsonb,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "contracts_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "contracts"."tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"contract_id" text NOT NULL,
	"amendment_id" text,
	"kind" text NOT NULL,
	"unit_id" text,
	"status" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" text
);
--> statement-breakpoint
ALTER TABLE "identity"."customers" ADD COLUMN "sales_user_id" text;--> statement-breakpoint
ALTER TABLE "identity"."customers" ADD COLUMN "contacts" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "identity"."customers" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "plans_product_idx" ON "catalog"."plans" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "price_versions_plan_version_idx" ON "catalog"."price_versions" USING btree ("plan_id","version");--> statement-breakpoint
CREATE INDEX "contracts_customer_idx" ON "contracts"."contracts" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "contracts_status_idx" ON "contracts"."contracts" USING btree ("status");--> statement-breakpoint
CREATE INDEX "contracts_end_idx" ON "contracts"."contracts" USING btree ("end_date");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_payment_ref_idx" ON "contracts"."contracts" USING btree ("payment_ref");--> statement-breakpoint
CREATE INDEX "tasks_open_idx" ON "contracts"."tasks" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "tasks_contract_idx" ON "contracts"."tasks" USING btree ("contract_id");