import { desc, eq } from 'drizzle-orm';
import { invoices } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { summary } from '../queries.ts';

/** The invoices of a contract, newest first (the caller has checked that the contract may be seen). */
export async function listContractInvoices(d: Deps, contractId: string) {
  const rows = await d.database.db
    .select()
    .from(invoices)
    .where(eq(invoices.contractId, contractId))
    .orderBy(desc(invoices.createdAt), desc(invoices.id));
  return rows.map((r) => summary(r, false));
}
