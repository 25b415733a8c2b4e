-- ADR 0004: audit entries are written without a lock; a sealer chains them behind a transaction-id horizon.
CREATE TABLE "audit"."seals" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"entry_id" bigint NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"format" smallint DEFAULT 2 NOT NULL,
	CONSTRAINT "seals_entry_unique" UNIQUE("entry_id")
);
--> statement-breakpoint
-- The chain so far was built in id order under the lock: it becomes the first seals, positions 1…n.
INSERT INTO "audit"."seals" ("seq", "entry_id", "prev_hash", "hash", "format")
  SELECT row_number() OVER (ORDER BY "id"), "id", "prev_hash", "hash", 1 FROM "audit"."entries";
--> statement-breakpoint
ALTER TABLE "audit"."entries" DROP COLUMN "prev_hash";
--> statement-breakpoint
ALTER TABLE "audit"."entries" DROP COLUMN "hash";
--> statement-breakpoint
ALTER TABLE "audit"."entries" ADD COLUMN "xid" xid8 DEFAULT '0' NOT NULL;
--> statement-breakpoint
ALTER TABLE "audit"."entries" ALTER COLUMN "xid" SET DEFAULT pg_current_xact_id();
--> statement-breakpoint
CREATE INDEX "entries_xid_idx" ON "audit"."entries" USING btree ("xid","id");
--> statement-breakpoint
ALTER TABLE "audit"."chain_head" ADD COLUMN "cursor_xid" xid8 DEFAULT '0' NOT NULL;
--> statement-breakpoint
ALTER TABLE "audit"."chain_head" ADD COLUMN "cursor_id" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "audit"."chain_head" RENAME COLUMN "last_id" TO "last_seq";
--> statement-breakpoint
UPDATE "audit"."chain_head" SET "cursor_id" = "last_seq", "last_seq" = "count";
--> statement-breakpoint
INSERT INTO "audit"."chain_head" ("id", "last_seq", "last_hash", "count", "cursor_xid", "cursor_id")
  VALUES (1, 0, repeat('0', 64), 0, '0', 0) ON CONFLICT ("id") DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER seals_append_only BEFORE UPDATE OR DELETE ON "audit"."seals"
  FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
--> statement-breakpoint
CREATE TRIGGER seals_no_truncate BEFORE TRUNCATE ON "audit"."seals"
  FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
