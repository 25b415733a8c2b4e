CREATE SCHEMA "payments";
--> statement-breakpoint
CREATE TABLE "payments"."attempts" (
	"txn_ref" text PRIMARY KEY NOT NULL,
	"payment_id" text NOT NULL,
	"amount_vnd" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"ip_addr" text NOT NULL,
	"status" text NOT NULL,
	"response_code" text,
	"transaction_status" text,
	"transaction_no" text,
	"bank_code" text,
	"pay_date" timestamp with time zone,
	"settled_by" text,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payments"."ipn_log" (
	"id" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"txn_ref" text,
	"query" jsonb NOT NULL,
	"rsp_code" text NOT NULL,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "payments"."payments" (
	"id" text PRIMARY KEY NOT NULL,
	"contract_id" text NOT NULL,
	"amendment_id" text,
	"customer_id" text NOT NULL,
	"amount_vnd" bigint NOT NULL,
	"description" text NOT NULL,
	"status" text NOT NULL,
	"paid_txn_ref" text,
	"paid_at" timestamp with time zone,
	"refunded_vnd" bigint DEFAULT 0 NOT NULL,
	"apply_error" text,
	"link_expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments"."reconciliations" (
	"date" date PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"summary" jsonb,
	"items" jsonb,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "payments"."refunds" (
	"id" text PRIMARY KEY NOT NULL,
	"payment_id" text NOT NULL,
	"txn_ref" text NOT NULL,
	"amount_vnd" bigint NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"response_code" text,
	"transaction_no" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "attempts_payment_idx" ON "payments"."attempts" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "attempts_created_idx" ON "payments"."attempts" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_purpose_idx" ON "payments"."payments" USING btree ("contract_id",coalesce("amendment_id", ''));--> statement-breakpoint
CREATE INDEX "payments_status_idx" ON "payments"."payments" USING btree ("status");