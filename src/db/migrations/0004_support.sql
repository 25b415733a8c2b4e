CREATE SCHEMA "support";
--> statement-breakpoint
CREATE TABLE "support"."sla_policies" (
	"request_type" text PRIMARY KEY NOT NULL,
	"policy" jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support"."ticket_cycles" (
	"ticket_id" text NOT NULL,
	"cycle" integer NOT NULL,
	"clocks" jsonb NOT NULL,
	"closed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support"."ticket_events" (
	"id" text PRIMARY KEY NOT NULL,
	"ticket_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text,
	"actor_name" text NOT NULL,
	"actor_unit_id" text,
	"kind" text NOT NULL,
	"event" text,
	"visibility" text NOT NULL,
	"body" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "support"."tickets" (
	"id" text PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"customer_id" text,
	"contract_id" text,
	"customer_phone" text,
	"channel" text NOT NULL,
	"request_type" text NOT NULL,
	"level" integer NOT NULL,
	"subject" text NOT NULL,
	"description" text NOT NULL,
	"status" text NOT NULL,
	"assignee_stage" text NOT NULL,
	"assignee_unit_id" text,
	"ctkv_unit_id" text,
	"received_by" text,
	"receiver_unit_id" text,
	"state" jsonb NOT NULL,
	"due_at" timestamp with time zone,
	"stage_due_at" timestamp with time zone,
	"next_check_at" timestamp with time zone,
	"warned" boolean DEFAULT false NOT NULL,
	"breached" boolean DEFAULT false NOT NULL,
	"answer" text,
	"review_token" text,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "tickets_number_unique" UNIQUE("number"),
	CONSTRAINT "tickets_review_token_unique" UNIQUE("review_token")
);
--> statement-breakpoint
CREATE INDEX "ticket_events_ticket_idx" ON "support"."ticket_events" USING btree ("ticket_id","at");--> statement-breakpoint
CREATE INDEX "tickets_status_idx" ON "support"."tickets" USING btree ("status");--> statement-breakpoint
CREATE INDEX "tickets_check_idx" ON "support"."tickets" USING btree ("next_check_at");--> statement-breakpoint
CREATE INDEX "tickets_customer_idx" ON "support"."tickets" USING btree ("customer_id");