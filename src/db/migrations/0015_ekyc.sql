CREATE SCHEMA IF NOT EXISTS "ekyc";
--> statement-breakpoint
CREATE TABLE "ekyc"."accounts" (
	"contract_id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"account_ref" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "accounts_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "ekyc"."requests" (
	"id" text PRIMARY KEY NOT NULL,
	"contract_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"request_id" text NOT NULL,
	"kind" text NOT NULL,
	"body_hash" text NOT NULL,
	"outcome" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"response" jsonb,
	"duration_ms" integer NOT NULL,
	"api_key_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"erase_after" timestamp with time zone NOT NULL,
	"erased_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ekyc"."images" (
	"id" text PRIMARY KEY NOT NULL,
	"request_row_id" text NOT NULL,
	"contract_id" text NOT NULL,
	"part" text NOT NULL,
	"mime" text NOT NULL,
	"size" bigint NOT NULL,
	"key_id" text NOT NULL,
	"iv" bytea,
	"tag" bytea,
	"ciphertext" bytea,
	"created_at" timestamp with time zone NOT NULL,
	"erased_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "requests_contract_request_idx" ON "ekyc"."requests" USING btree ("contract_id","request_id");
--> statement-breakpoint
CREATE INDEX "requests_contract_created_idx" ON "ekyc"."requests" USING btree ("contract_id","created_at");
--> statement-breakpoint
CREATE INDEX "requests_erase_idx" ON "ekyc"."requests" USING btree ("erase_after");
--> statement-breakpoint
CREATE INDEX "images_request_idx" ON "ekyc"."images" USING btree ("request_row_id");
