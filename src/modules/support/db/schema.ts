import { boolean, index, integer, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

export const supportSchema = pgSchema('support');
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Customer requests ("phiếu ghi"). `state` is the domain ticket (clocks included); the columns beside it serve queries. */
export const tickets = supportSchema.table(
  'tickets',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull().unique(),
    customerId: text('customer_id'),
    contractId: text('contract_id'),
    customerPhone: text('customer_phone'),
    channel: text('channel').notNull(),
    requestType: text('request_type').notNull(),
    level: integer('level').notNull(),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    status: text('status').notNull(),
    assigneeStage: text('assignee_stage').notNull(),
    /** The unit holding the ticket: the receiver's unit, the CTKV's product department, or TT CNTT GPTH. */
    assigneeUnitId: text('assignee_unit_id'),
    /** The CTKV whose product department serves this customer (F3 step 1.4). */
    ctkvUnitId: text('ctkv_unit_id'),
    receivedBy: text('received_by'),
    receiverUnitId: text('receiver_unit_id'),
    state: jsonb('state').notNull(),
    dueAt: instant('due_at'),
    stageDueAt: instant('stage_due_at'),
    /** When the SLA job should look at this ticket next (the earliest warning, breach or progress point). */
    nextCheckAt: instant('next_check_at'),
    warned: boolean('warned').notNull().default(false),
    breached: boolean('breached').notNull().default(false),
    answer: text('answer'),
    reviewToken: text('review_token').unique(),
    reopenCount: integer('reopen_count').notNull().default(0),
    resolvedAt: instant('resolved_at'),
    closedAt: instant('closed_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('tickets_status_idx').on(t.status), index('tickets_check_idx').on(t.nextCheckAt), index('tickets_customer_idx').on(t.customerId)],
);

/** The timeline: every event and comment, internal or to the customer. */
export const ticketEvents = supportSchema.table(
  'ticket_events',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id').notNull(),
    at: instant('at').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    actorUnitId: text('actor_unit_id'),
    kind: text('kind', { enum: ['event', 'comment'] }).notNull(),
    event: text('event'),
    visibility: text('visibility', { enum: ['internal', 'customer'] }).notNull(),
    body: text('body'),
    data: jsonb('data'),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.at)],
);

/** Finished resolution cycles (a reopen starts a new one); they stay in the reports. */
export const ticketCycles = supportSchema.table('ticket_cycles', {
  ticketId: text('ticket_id').notNull(),
  cycle: integer('cycle').notNull(),
  clocks: jsonb('clocks').notNull(),
  closedAt: instant('closed_at').notNull(),
});

/** SLA policies as edited by admins (defaults from SPEC F4 until an admin changes one). */
export const slaPolicies = supportSchema.table('sla_policies', {
  requestType: text('request_type').primaryKey(),
  policy: jsonb('policy').notNull(),
  updatedBy: text('updated_by'),
  updatedAt: instant('updated_at').notNull(),
});
