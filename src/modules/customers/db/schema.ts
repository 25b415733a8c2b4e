import { sql } from 'drizzle-orm';
import { integer, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

/** The table stayed in the `identity` Postgres schema when customers became their own module (no migration). */
const identitySchema = pgSchema('identity');
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const customers = identitySchema.table('customers', {
  id: text('id').primaryKey(),
  /** KH000001 …: given by the database (a sequence), printed on invoices as the customer code. */
  code: text('code')
    .notNull()
    .default(sql`('KH' || lpad(nextval('identity.customer_code_seq')::text, 6, '0'))`),
  type: text('type', { enum: ['individual', 'enterprise'] }).notNull(),
  name: text('name').notNull(),
  taxCode: text('tax_code'),
  email: text('email'),
  phone: text('phone'),
  address: text('address'),
  managingUnitId: text('managing_unit_id'),
  /** The AM/KAM or agent who looks after this customer. */
  salesUserId: text('sales_user_id'),
  contacts: jsonb('contacts').$type<{ name: string; position?: string; email?: string; phone?: string }[]>().notNull().default([]),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at'),
  version: integer('version').notNull().default(1),
});
