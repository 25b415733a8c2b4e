-- Contract list and search at a million contracts (issue 10), continued from 0027.
-- A unit's staff see what their units sold or manage and what they sold themselves: each of the three ways
-- has an index that also holds the status and the list's order, so a scoped list with a status filter reads
-- (and counts) only the unit's contracts of that status instead of every contract of the status or unit.
DROP INDEX IF EXISTS "contracts"."contracts_selling_unit_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contracts_selling_unit_status_idx" ON "contracts"."contracts" USING btree ("selling_unit_id", "status", "created_at" DESC, "id" DESC);--> statement-breakpoint
DROP INDEX IF EXISTS "contracts"."contracts_managing_unit_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contracts_managing_unit_status_idx" ON "contracts"."contracts" USING btree ("managing_unit_id", "status", "created_at" DESC, "id" DESC);--> statement-breakpoint
DROP INDEX IF EXISTS "contracts"."contracts_sales_user_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contracts_sales_user_status_idx" ON "contracts"."contracts" USING btree ("sales_user_id", "status", "created_at" DESC, "id" DESC) WHERE "sales_user_id" IS NOT NULL;--> statement-breakpoint
-- A search by customer finds the matching customers' contracts, newest first, and tells from the index alone
-- whether each lies in the caller's scope and has the status asked for (an index-only scan: a common word of
-- names matches tens of thousands of contracts, whose table rows are not read).
DROP INDEX IF EXISTS "contracts"."contracts_customer_created_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contracts_customer_scope_idx" ON "contracts"."contracts" USING btree ("customer_id", "created_at" DESC, "id" DESC) INCLUDE ("status", "selling_unit_id", "managing_unit_id", "sales_user_id");--> statement-breakpoint
-- The start of a tax code (digits: ILIKE '0100…%' can use a B-tree), which trigrams of digits serve badly.
CREATE INDEX IF NOT EXISTS "customers_tax_code_prefix_idx" ON "identity"."customers" USING btree ("tax_code" text_pattern_ops);
