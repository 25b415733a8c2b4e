import { bigint, date, index, integer, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import type { CollectionPolicy } from '../domain/policy.ts';

export const collectionSchema = pgSchema('collection');
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const vnd = (name: string) => bigint(name, { mode: 'bigint' });

/** The one editable policy (row id 'default'); every change is audited. */
export const policies = collectionSchema.table('policies', {
  id: text('id').primaryKey(),
  policy: jsonb('policy').$type<CollectionPolicy>().notNull(),
  updatedBy: text('updated_by'),
  updatedAt: instant('updated_at').notNull(),
  version: integer('version').notNull().default(1),
});

/** Where each contract with debt stands: the steps taken in the current episode of debt. */
export const contractStates = collectionSchema.table('contract_states', {
  contractId: text('contract_id').primaryKey(),
  stage: text('stage', { enum: ['current', 'reminded', 'suspended', 'locked', 'in_collection'] }).notNull(),
  doneSteps: jsonb('done_steps').$type<string[]>().notNull(),
  oldestDueDate: date('oldest_due_date', { mode: 'string' }),
  evaluatedOn: date('evaluated_on', { mode: 'string' }),
  updatedAt: instant('updated_at').notNull(),
});

/** Debt collection after the service is locked: assigned to the AM or the collection staff. */
export const cases = collectionSchema.table(
  'cases',
  {
    id: text('id').primaryKey(),
    contractId: text('contract_id').notNull(),
    status: text('status', { enum: ['open', 'paid', 'written_off'] }).notNull(),
    assigneeUserId: text('assignee_user_id'),
    openedAt: instant('opened_at').notNull(),
    closedAt: instant('closed_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('cases_contract_idx').on(t.contractId), index('cases_status_idx').on(t.status)],
);

/** A customer's promise to pay by a date (noted by whoever works the case). */
export const promises = collectionSchema.table('promises', {
  id: text('id').primaryKey(),
  caseId: text('case_id').notNull(),
  promisedDate: date('promised_date', { mode: 'string' }).notNull(),
  amountVnd: vnd('amount_vnd').notNull(),
  note: text('note'),
  createdBy: text('created_by').notNull(),
  createdAt: instant('created_at').notNull(),
});

/** A bad-debt write-off: requested on a case, approved (or rejected) by the accountant, never by the requester. */
export const writeOffs = collectionSchema.table(
  'write_offs',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    contractId: text('contract_id').notNull(),
    billIds: jsonb('bill_ids').$type<string[]>().notNull(),
    amountVnd: vnd('amount_vnd').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['requested', 'approved', 'rejected'] }).notNull(),
    requestedBy: text('requested_by').notNull(),
    requestedById: text('requested_by_id'),
    requestedAt: instant('requested_at').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: instant('decided_at'),
  },
  (t) => [index('write_offs_case_idx').on(t.caseId)],
);
