-- Contract search at a million contracts (issue 10), continued from 0029.
-- A broad search by customer (a common word of names: thousands of customers, tens of thousands of contracts)
-- counts the matches within the caller's scope. contracts_customer_scope_idx answers it from the index alone,
-- but its entries are wide (the list's order and id, the status; no deduplication): this narrow one holds only
-- the scope's columns, as keys (B-tree deduplication keeps a customer's contracts of the same units and seller
-- as one entry), and the count reads a quarter of the pages in half the time. It leaves the status out on
-- purpose: with it, the planner took a scan of the whole index for a unit's count by status.
CREATE INDEX IF NOT EXISTS "contracts_customer_keys_idx" ON "contracts"."contracts" USING btree ("customer_id", "selling_unit_id", "managing_unit_id", "sales_user_id");--> statement-breakpoint
-- A staff member's count (with a status) is the sum of three disjoint counts, one for each way of the scope:
-- the selling unit's; the managing unit's that another unit sold; the seller's that neither manages. Each is
-- answered from its own index alone when that index holds the columns the earlier ways test.
DROP INDEX IF EXISTS "contracts"."contracts_managing_unit_status_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contracts_managing_unit_status_idx" ON "contracts"."contracts" USING btree ("managing_unit_id", "status", "created_at" DESC, "id" DESC) INCLUDE ("selling_unit_id");--> statement-breakpoint
DROP INDEX IF EXISTS "contracts"."contracts_sales_user_status_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contracts_sales_user_status_idx" ON "contracts"."contracts" USING btree ("sales_user_id", "status", "created_at" DESC, "id" DESC) INCLUDE ("selling_unit_id", "managing_unit_id") WHERE "sales_user_id" IS NOT NULL;--> statement-breakpoint
-- A staff member's list walks the newest first (or a status's newest first) and keeps what lies in their scope:
-- with the scope's columns in the index the walk reads the index alone and the page's contracts are read by
-- id (an AM's page 10 passed over 2,400 contracts' table rows).
DROP INDEX IF EXISTS "contracts"."contracts_created_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contracts_created_idx" ON "contracts"."contracts" USING btree ("created_at" DESC, "id" DESC) INCLUDE ("selling_unit_id", "managing_unit_id", "sales_user_id");--> statement-breakpoint
DROP INDEX IF EXISTS "contracts"."contracts_status_created_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contracts_status_created_idx" ON "contracts"."contracts" USING btree ("status", "created_at" DESC, "id" DESC) INCLUDE ("selling_unit_id", "managing_unit_id", "sales_user_id");
