-- Caches of rarely changed tables (org units, calendar, SLA policies) live in every process. Any change
-- to those tables, by the app or by hand, bumps its cache's version in the same transaction and notifies
-- the other processes on commit; they reload (see src/platform/cache.ts).
CREATE TABLE "platform"."cache_versions" (
	"name" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE FUNCTION platform.bump_cache_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO platform.cache_versions (name, version) VALUES (TG_ARGV[0], 1)
    ON CONFLICT (name) DO UPDATE SET version = platform.cache_versions.version + 1;
  PERFORM pg_notify('qldv_cache', TG_ARGV[0]);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER org_units_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON identity.org_units
  FOR EACH STATEMENT EXECUTE FUNCTION platform.bump_cache_version('org_units');
--> statement-breakpoint
CREATE TRIGGER day_overrides_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar.day_overrides
  FOR EACH STATEMENT EXECUTE FUNCTION platform.bump_cache_version('calendar');
--> statement-breakpoint
CREATE TRIGGER working_hours_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar.working_hours
  FOR EACH STATEMENT EXECUTE FUNCTION platform.bump_cache_version('calendar');
--> statement-breakpoint
CREATE TRIGGER sla_policies_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON support.sla_policies
  FOR EACH STATEMENT EXECUTE FUNCTION platform.bump_cache_version('sla_policies');
