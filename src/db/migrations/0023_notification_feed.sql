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
