-- The sellable catalog (products, plans, dated price versions) is cached in every process like the org
-- units, calendar and SLA policies (migration 0010): any change, by the app or by hand, bumps the
-- `catalog` cache version in the same transaction and notifies the other processes on commit.
CREATE TRIGGER products_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalog.products
  FOR EACH STATEMENT EXECUTE FUNCTION platform.bump_cache_version('catalog');
--> statement-breakpoint
CREATE TRIGGER plans_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalog.plans
  FOR EACH STATEMENT EXECUTE FUNCTION platform.bump_cache_version('catalog');
--> statement-breakpoint
CREATE TRIGGER price_versions_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalog.price_versions
  FOR EACH STATEMENT EXECUTE FUNCTION platform.bump_cache_version('catalog');
--> statement-breakpoint
-- The renewal reminder job remembers the end date it reminded of, so a run repeated after a crash (kill -9
-- between its commit and the job's completion) e-mails nobody twice.
ALTER TABLE "contracts"."contracts" ADD COLUMN "reminded_for" date;
