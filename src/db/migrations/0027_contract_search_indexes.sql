-- Contract list and search over a million contracts (issue 10): each way the contracts page reads has an index.
-- Newest first, with the id breaking ties so that pages never overlap: the unfiltered list walks this index.
CREATE INDEX IF NOT EXISTS "contracts_created_idx" ON "contracts"."contracts" USING btree ("created_at" DESC, "id" DESC);--> statement-breakpoint
-- A status filter walks its own slice of the list in order (and still serves "status in (…)" reads).
DROP INDEX IF EXISTS "contracts"."contracts_status_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contracts_status_created_idx" ON "contracts"."contracts" USING btree ("status", "created_at" DESC, "id" DESC);--> statement-breakpoint
-- A customer's contracts, newest first (the customer's own list and the search by customer).
DROP INDEX IF EXISTS "contracts"."contracts_customer_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contracts_customer_created_idx" ON "contracts"."contracts" USING btree ("customer_id", "created_at" DESC, "id" DESC);--> statement-breakpoint
-- A search by the start of a contract number (HD-2026-00…), whatever the database's collation.
CREATE INDEX IF NOT EXISTS "contracts_number_prefix_idx" ON "contracts"."contracts" USING btree ("number" text_pattern_ops);--> statement-breakpoint
-- A unit's staff see what their units sold or manage, and what they sold themselves.
CREATE INDEX IF NOT EXISTS "contracts_selling_unit_idx" ON "contracts"."contracts" USING btree ("selling_unit_id", "created_at" DESC);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contracts_managing_unit_idx" ON "contracts"."contracts" USING btree ("managing_unit_id", "created_at" DESC);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contracts_sales_user_idx" ON "contracts"."contracts" USING btree ("sales_user_id") WHERE "sales_user_id" IS NOT NULL;--> statement-breakpoint
-- "Contains" searches (ilike '%…%') by contract number, customer name and tax code use trigram indexes (pg_trgm).
-- Where the extension cannot be created (a server without contrib), nothing fails: those searches scan instead.
-- PGlite loads pg_trgm too (src/db/client.ts).
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN others THEN
  RAISE NOTICE 'pg_trgm is not available (%): contract and customer searches will scan', SQLERRM;
END $$;--> statement-breakpoint
DO $$
DECLARE ops text;
BEGIN
  SELECT quote_ident(n.nspname) || '.gin_trgm_ops' INTO ops
    FROM pg_opclass c JOIN pg_namespace n ON n.oid = c.opcnamespace
   WHERE c.opcname = 'gin_trgm_ops' LIMIT 1;
  IF ops IS NOT NULL THEN
    EXECUTE format('CREATE INDEX IF NOT EXISTS contracts_number_trgm_idx ON contracts.contracts USING gin (number %s)', ops);
    EXECUTE format('CREATE INDEX IF NOT EXISTS customers_name_trgm_idx ON identity.customers USING gin (name %s)', ops);
    EXECUTE format('CREATE INDEX IF NOT EXISTS customers_tax_code_trgm_idx ON identity.customers USING gin (tax_code %s)', ops);
  END IF;
END $$;
