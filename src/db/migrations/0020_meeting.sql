-- MobiFone Meeting (issue #13): organisations provisioned from contracts (or trials), their members,
-- units, rooms (quota), meetings, participants, invitations, API keys and webhooks.
CREATE SCHEMA IF NOT EXISTS "meeting";
--> statement-breakpoint
CREATE TABLE "meeting"."organisations" (
  "id" text PRIMARY KEY NOT NULL,
  "customer_id" text NOT NULL UNIQUE,
  "name" text NOT NULL,
  "trial" boolean NOT NULL,
  "contract_id" text,
  "room_quota" integer NOT NULL,
  "rooms_used" integer NOT NULL DEFAULT 0,
  "status" text NOT NULL,
  "created_at" timestamp with time zone NOT NULL,
  "updated_at" timestamp with time zone NOT NULL,
  CONSTRAINT "organisations_rooms_check" CHECK ("rooms_used" >= 0)
);
--> statement-breakpoint
CREATE INDEX "organisations_contract_idx" ON "meeting"."organisations" ("contract_id");
--> statement-breakpoint
CREATE TABLE "meeting"."provisions" (
  "idempotency_key" text PRIMARY KEY NOT NULL,
  "organisation_id" text NOT NULL,
  "contract_id" text NOT NULL,
  "created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting"."members" (
  "organisation_id" text NOT NULL,
  "user_id" text NOT NULL UNIQUE,
  "role" text NOT NULL,
  "unit_id" text,
  "created_at" timestamp with time zone NOT NULL,
  PRIMARY KEY ("organisation_id", "user_id")
);
--> statement-breakpoint
CREATE TABLE "meeting"."units" (
  "id" text PRIMARY KEY NOT NULL,
  "organisation_id" text NOT NULL,
  "name" text NOT NULL,
  "created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting"."rooms" (
  "id" text PRIMARY KEY NOT NULL,
  "organisation_id" text NOT NULL,
  "name" text NOT NULL,
  "fixed" boolean NOT NULL,
  "allowed_unit_ids" jsonb NOT NULL,
  "allowed_user_ids" jsonb NOT NULL,
  "max_participants" integer NOT NULL,
  "created_by" text,
  "created_at" timestamp with time zone NOT NULL,
  "deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "rooms_org_idx" ON "meeting"."rooms" ("organisation_id");
--> statement-breakpoint
CREATE TABLE "meeting"."meetings" (
  "id" text PRIMARY KEY NOT NULL,
  "organisation_id" text NOT NULL,
  "room_id" text NOT NULL,
  "title" text NOT NULL,
  "scheduled_at" timestamp with time zone NOT NULL,
  "link_code" text NOT NULL UNIQUE,
  "status" text NOT NULL,
  "host_user_id" text,
  "source" text NOT NULL,
  "started_at" timestamp with time zone,
  "ended_at" timestamp with time zone,
  "end_reason" text,
  "current_participants" integer NOT NULL DEFAULT 0,
  "peak_participants" integer NOT NULL DEFAULT 0,
  "minutes" integer,
  "created_by" text,
  "created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "meetings_org_idx" ON "meeting"."meetings" ("organisation_id", "scheduled_at");
--> statement-breakpoint
CREATE INDEX "meetings_started_idx" ON "meeting"."meetings" ("organisation_id", "started_at");
--> statement-breakpoint
CREATE TABLE "meeting"."participants" (
  "id" text PRIMARY KEY NOT NULL,
  "meeting_id" text NOT NULL,
  "organisation_id" text NOT NULL,
  "user_id" text,
  "display_name" text NOT NULL,
  "role" text NOT NULL,
  "state" text NOT NULL,
  "token_expires_at" timestamp with time zone NOT NULL,
  "joined_at" timestamp with time zone,
  "left_at" timestamp with time zone,
  "leave_reason" text,
  "created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "participants_meeting_idx" ON "meeting"."participants" ("meeting_id", "state");
--> statement-breakpoint
CREATE TABLE "meeting"."invitations" (
  "id" text PRIMARY KEY NOT NULL,
  "meeting_id" text NOT NULL,
  "email" text NOT NULL,
  "invited_by" text,
  "created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting"."api_keys" (
  "id" text PRIMARY KEY NOT NULL,
  "organisation_id" text NOT NULL,
  "name" text NOT NULL,
  "prefix" text NOT NULL,
  "key_hash" text NOT NULL UNIQUE,
  "created_by" text,
  "created_at" timestamp with time zone NOT NULL,
  "revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "meeting"."webhooks" (
  "organisation_id" text PRIMARY KEY NOT NULL,
  "url" text NOT NULL,
  "secret" text NOT NULL,
  "updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting"."webhook_deliveries" (
  "id" text PRIMARY KEY NOT NULL,
  "organisation_id" text NOT NULL,
  "meeting_id" text NOT NULL,
  "event" text NOT NULL,
  "payload" jsonb NOT NULL,
  "status" text NOT NULL,
  "attempts" integer NOT NULL DEFAULT 0,
  "last_error" text,
  "created_at" timestamp with time zone NOT NULL,
  "delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_event_idx" ON "meeting"."webhook_deliveries" ("meeting_id", "event");
--> statement-breakpoint
CREATE INDEX "deliveries_org_idx" ON "meeting"."webhook_deliveries" ("organisation_id", "created_at");
