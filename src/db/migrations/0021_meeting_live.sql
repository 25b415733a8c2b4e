-- Meeting's live layer: which Janus carries each meeting's room, who is connected now (any process),
-- and the events fanned out between processes (NOTIFY meeting_live wakes the readers).
CREATE SCHEMA IF NOT EXISTS "meeting_live";
--> statement-breakpoint
CREATE TABLE "meeting_live"."rooms" (
  "meeting_id" text PRIMARY KEY,
  "instance" text NOT NULL,
  "janus_room" bigint NOT NULL UNIQUE,
  "secret" text NOT NULL,
  "pin" text NOT NULL,
  "max_participants" integer NOT NULL,
  "ends_at" timestamptz,
  "created_at" timestamptz NOT NULL,
  "ended_at" timestamptz,
  "end_reason" text,
  -- When the last participant left (database time); the meeting ends as empty after a grace period.
  "emptied_at" timestamptz
);
--> statement-breakpoint
CREATE INDEX "rooms_open_by_instance" ON "meeting_live"."rooms" ("instance") WHERE "ended_at" IS NULL;
--> statement-breakpoint
CREATE TABLE "meeting_live"."presence" (
  "participant_id" text PRIMARY KEY,
  "meeting_id" text NOT NULL,
  "display_name" text NOT NULL,
  "role" text NOT NULL,
  "feed_id" bigint NOT NULL,
  "audio_muted" boolean NOT NULL DEFAULT false,
  "video_muted" boolean NOT NULL DEFAULT false,
  "hand_raised" boolean NOT NULL DEFAULT false,
  "host_muted" boolean NOT NULL DEFAULT false,
  "screen_sharing" boolean NOT NULL DEFAULT false,
  "process" text NOT NULL,
  "joined_at" timestamptz NOT NULL,
  -- Database time, refreshed by the owning process; rows of a process that died go stale and are removed.
  "seen_at" timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX "presence_meeting" ON "meeting_live"."presence" ("meeting_id");
--> statement-breakpoint
CREATE TABLE "meeting_live"."events" (
  "seq" bigserial PRIMARY KEY,
  "meeting_id" text NOT NULL,
  "body" jsonb NOT NULL,
  "at" timestamptz NOT NULL DEFAULT now()
);
