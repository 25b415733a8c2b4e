CREATE SCHEMA "collection";
--> statement-breakpoint
CREATE SCHEMA "commissions";
--> statement-breakpoint
CREATE SCHEMA "revenue_feed";
--> statement-breakpoint
CREATE TABLE "collection"."cases" (
	"id" text PRIMARY KEY NOT NULL,
	"contract_id" text NOT NULL,
	"status" text NOT NULL,
	"assignee_user_id" text,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collection"."contract_states" (
	"contract_id" text PRIMARY KEY NOT NULL,
	"stage" text NOT NULL,
	"done_steps" jsonb NOT NULL,
	"oldest_due_date" date,
	"evaluated_on" date,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collection"."policies" (
	"id" text PRIMARY KEY NOT NULL,
	"policy" jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collection"."promises" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"promised_date" date NOT NULL,
	"amount_vnd" bigint NOT NULL,
	"note" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collection"."write_offs" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"contract_id" text NOT NULL,
	"bill_ids" jsonb NOT NULL,
	"amount_vnd" bigint NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_by_id" text,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "commissions"."accruals" (
	"id" text PRIMARY KEY NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"payment_id" text,
	"period" text NOT NULL,
	"contract_id" text NOT NULL,
	"contract_number" text NOT NULL,
	"beneficiary_user_id" text NOT NULL,
	"beneficiary_username" text NOT NULL,
	"beneficiary_kind" text NOT NULL,
	"collected_vnd" bigint NOT NULL,
	"net_vnd" bigint NOT NULL,
	"rate_bp" integer NOT NULL,
	"amount_vnd" bigint NOT NULL,
	"statement_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commissions"."statements" (
	"id" text PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"beneficiary_user_id" text NOT NULL,
	"beneficiary_username" text NOT NULL,
	"beneficiary_kind" text NOT NULL,
	"collected_vnd" bigint NOT NULL,
	"amount_vnd" bigint NOT NULL,
	"approved_by" text NOT NULL,
	"approved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "revenue_feed"."pushes" (
	"id" text PRIMARY KEY NOT NULL,
	"record_id" text NOT NULL,
	"contract_id" text NOT NULL,
	"period" text NOT NULL,
	"kind" text NOT NULL,
	"record" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "cases_contract_idx" ON "collection"."cases" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "cases_status_idx" ON "collection"."cases" USING btree ("status");--> statement-breakpoint
CREATE INDEX "write_offs_case_idx" ON "collection"."write_offs" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accruals_source_idx" ON "commissions"."accruals" USING btree ("source_type","source_id");--> statement-breakpoint
CREATE INDEX "accruals_period_idx" ON "commissions"."accruals" USING btree ("period","beneficiary_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "statements_period_beneficiary_idx" ON "commissions"."statements" USING btree ("period","beneficiary_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pushes_record_idx" ON "revenue_feed"."pushes" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "pushes_period_idx" ON "revenue_feed"."pushes" USING btree ("period","status");