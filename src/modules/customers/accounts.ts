import { eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { CustomerAccounts } from '../identity/index.ts';
import { customers } from './db/schema.ts';
import { samePhone } from './queries.ts';

/** What identity needs of customers (self-registration, the demo seed, an account's customer), on the table alone. */
export function customerAccounts(database: Database): CustomerAccounts {
  return {
    summaries: async (ids, ex = database.db) =>
      ids.length ? ex.select({ id: customers.id, name: customers.name, type: customers.type }).from(customers).where(inArray(customers.id, ids)) : [],
    exists: async (id, ex = database.db) => (await ex.select({ id: customers.id }).from(customers).where(eq(customers.id, id))).length > 0,
    contactTaken: async (email, phone, ex = database.db) => {
      const [taken] = await ex
        .select({ email: customers.email })
        .from(customers)
        .where(or(sql`lower(${customers.email}) = ${email.trim().toLowerCase()}`, samePhone(phone)))
        .limit(1);
      return taken;
    },
    insert: async (tx, customer) => {
      await tx.insert(customers).values(customer);
    },
  };
}
