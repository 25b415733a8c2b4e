ALTER TABLE "payments"."payments" ADD COLUMN "purpose" text;
--> statement-breakpoint
ALTER TABLE "payments"."payments" ADD COLUMN "purpose_ref" text;
--> statement-breakpoint
DROP INDEX "payments"."payments_purpose_idx";
--> statement-breakpoint
CREATE UNIQUE INDEX "payments_purpose_idx" ON "payments"."payments" USING btree ("contract_id",coalesce("amendment_id", '')) WHERE "payments"."payments"."bill_id" is null and "payments"."payments"."purpose" is null;
--> statement-breakpoint
CREATE UNIQUE INDEX "payments_purpose_ref_idx" ON "payments"."payments" USING btree ("purpose","purpose_ref");
--> statement-breakpoint
CREATE SCHEMA IF NOT EXISTS "billpay";
--> statement-breakpoint
CREATE TABLE "billpay"."orders" (
	"id" text PRIMARY KEY NOT NULL,
	"msisdn" text NOT NULL,
	"kind" text NOT NULL,
	"amount_vnd" bigint NOT NULL,
	"card_type" text NOT NULL,
	"status" text NOT NULL,
	"day" date NOT NULL,
	"center" integer NOT NULL,
	"ip" text NOT NULL,
	"email" text,
	"payment_id" text NOT NULL,
	"txn_ref" text NOT NULL,
	"bank_code" text,
	"expires_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"risk_score" integer,
	"risk_hits" jsonb,
	"posting" jsonb,
	"cleared_at" timestamp with time zone,
	"cleared_by" text,
	"clearing_error" text,
	"cancel_reason" text,
	"cancelled_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "billpay_orders_msisdn_idx" ON "billpay"."orders" USING btree ("msisdn","created_at");
--> statement-breakpoint
CREATE INDEX "billpay_orders_status_idx" ON "billpay"."orders" USING btree ("status","center");
--> statement-breakpoint
CREATE INDEX "billpay_orders_ip_idx" ON "billpay"."orders" USING btree ("ip","created_at");
--> statement-breakpoint
CREATE TABLE "billpay"."day_usage" (
	"msisdn" text NOT NULL,
	"day" date NOT NULL,
	"count" integer NOT NULL,
	"bill_vnd" bigint NOT NULL,
	CONSTRAINT "day_usage_msisdn_day_pk" PRIMARY KEY("msisdn","day")
);
--> statement-breakpoint
CREATE TABLE "billpay"."passwords" (
	"msisdn" text PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"failed_since" timestamp with time zone,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billpay"."recovery_cases" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"center" integer NOT NULL,
	"status" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"resolution" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	CONSTRAINT "recovery_cases_order_id_unique" UNIQUE("order_id")
);
--> statement-breakpoint
CREATE INDEX "billpay_cases_status_idx" ON "billpay"."recovery_cases" USING btree ("status","center");
--> statement-breakpoint
CREATE TABLE "billpay"."settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billpay"."day_reports" (
	"date" date PRIMARY KEY NOT NULL,
	"balanced" boolean NOT NULL,
	"differences" integer NOT NULL,
	"report" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billpay"."vat_requests" (
	"order_id" text PRIMARY KEY NOT NULL,
	"msisdn" text NOT NULL,
	"center" integer NOT NULL,
	"buyer_name" text NOT NULL,
	"tax_code" text,
	"address" text NOT NULL,
	"email" text,
	"channel" text NOT NULL,
	"day" date NOT NULL,
	"batch_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "billpay_vat_day_idx" ON "billpay"."vat_requests" USING btree ("day","center");
--> statement-breakpoint
CREATE TABLE "billpay"."invoice_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"day" date NOT NULL,
	"center" integer NOT NULL,
	"count" integer NOT NULL,
	"total_vnd" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "billpay_batches_day_center_idx" ON "billpay"."invoice_batches" USING btree ("day","center");
