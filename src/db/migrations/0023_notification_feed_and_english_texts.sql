CREATE SCHEMA IF NOT EXISTS "feed";
--> statement-breakpoint
CREATE TABLE "feed"."read_marks" (
	"user_id" text NOT NULL,
	"item_key" text NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "read_marks_user_id_item_key_pk" PRIMARY KEY("user_id","item_key")
);
--> statement-breakpoint
CREATE INDEX "read_marks_read_at_idx" ON "feed"."read_marks" USING btree ("read_at");
--> statement-breakpoint
-- English mode in full: a product's description in English (the seed's two products get theirs).
ALTER TABLE "catalog"."products" ADD COLUMN IF NOT EXISTS "description_en" text;
--> statement-breakpoint
UPDATE "catalog"."products" SET "description_en" = 'Online identity verification for banks, finance, securities and insurance; priced by the number of requests each month.' WHERE "code" = 'EKYC' AND "description_en" IS NULL;
--> statement-breakpoint
UPDATE "catalog"."products" SET "description_en" = 'Priced per meeting room per month, prepaid for 1, 6 or 12 months; includes initial setup support; up to 100 endpoints recommended.' WHERE "code" = 'MEETING' AND "description_en" IS NULL;
