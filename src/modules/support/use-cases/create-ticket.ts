import { toLocalDate } from '../../../platform/calendar.ts';
import type { Ctx } from '../../../platform/context.ts';
import { nextDocumentNumber } from '../../../platform/counters.ts';
import { fail } from '../../../platform/errors.ts';
// CUSTOMER_AMBIGUOUS belongs to customers (issue #9, s/9b); until customers export it, the legacy table serves it.
import { newId } from '../../../platform/ids.ts';
import { tickets } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { supportError } from '../errors.ts';
import { customerError } from '../../customers/index.ts';
import { ticketDeadlines } from '../domain/deadlines.ts';
import { STAGE_LABELS, type Channel, type Level, type RequestType, type Stage } from '../domain/levels.ts';
import { formatDateTime } from '../domain/notices.ts';
import { ticketToJson } from '../domain/serialize.ts';
import { policyFor } from '../domain/sla.ts';
import { receive } from '../domain/ticket.ts';
import { assertCanSee, calendarOf, deskRole, unitFor, type TicketRow } from '../queries.ts';
import { tellCustomer, tellUnit } from '../notify.ts';
import { appendTimeline } from '../persist.ts';
import { ticketDetail } from './get-ticket.ts';

export interface NewTicket {
  channel: Channel;
  requestType: RequestType;
  level?: Level;
  subject: string;
  description: string;
  customerPhone?: string;
  customerId?: string;
  contractId?: string;
}

/** Intake (F3 steps 1.1–1.4): the call center, AM/KAM or the customer receives a request; it goes to the stage of its level. */
export async function createTicket(d: Deps, ctx: Ctx, input: NewTicket) {
  const now = d.clock.now();
  const role = deskRole(d, ctx, null);
  if (!role) throw supportError('TICKET_RECEIVER_ONLY');
  const customer = await customerOf(d, ctx, role, input);
  const policies = await d.policies.get();
  const level = role === 'customer' ? undefined : input.level;
  const { ticket, entry } = receive({ requestType: input.requestType, channel: input.channel, level }, { now, role, policies, calendar: calendarOf(d) });
  const ctkvUnitId = ctkvOf(d, customer?.managingUnitId ?? null, ctx.actor.orgUnitId);
  const receiverUnitId = ctx.actor.orgUnitId;
  // Drawn before the transaction, as an order's contract number is (orderSelfService): inside it, the counter's
  // row would stay locked until commit and every intake would wait for the one before.
  const number = await nextDocumentNumber(d.database.db, 'YC', Number(toLocalDate(now).slice(0, 4)));
  const row = await d.database.db.transaction(async (tx) => {
    const id = newId('ticket', now);
    const data: TicketRow = {
      id,
      number,
      customerId: customer?.id ?? null,
      contractId: input.contractId ?? null,
      customerPhone: input.customerPhone ?? customer?.phone ?? null,
      channel: input.channel,
      requestType: input.requestType,
      level: ticket.level,
      subject: input.subject,
      description: input.description,
      status: ticket.status,
      assigneeStage: ticket.assigneeStage,
      assigneeUnitId: unitFor(d, ticket.assigneeStage, ctkvUnitId, receiverUnitId),
      ctkvUnitId,
      receivedBy: ctx.actor.id,
      receiverUnitId,
      state: ticketToJson(ticket),
      ...ticketDeadlines(ticket, now, policyFor(policies, ticket.requestType), calendarOf(d)),
      warned: false,
      breached: false,
      answer: null,
      reviewToken: null,
      reopenCount: 0,
      resolvedAt: null,
      closedAt: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await tx.insert(tickets).values(data);
    const received = await appendTimeline(d, tx, ctx, data, 'receive', { visibility: 'customer', body: input.description, data: { to: entry.to } });
    await d.audit.record(tx, ctx, { action: 'ticket.created', entityType: 'ticket', entityId: id, after: { ...data, state: undefined } });
    await tellCustomer(d, tx, data, 'receive', `Thời hạn xử lý dự kiến: ${formatDateTime(data.dueAt)}`, undefined, customer);
    if (data.assigneeStage !== 'receiver') await tellUnit(d, tx, data, `mới tiếp nhận, chuyển ${STAGE_LABELS[data.assigneeStage as Stage].vi}`);
    return { data, received };
  });
  // A new ticket's timeline is its receipt, with no closed cycle or attachment yet: answered without reading it back.
  assertCanSee(d, ctx, row.data);
  return ticketDetail(d, ctx, row.data, { events: [row.received], cycles: [], attachments: [] });
}

/**
 * The customer of a new ticket. Every id the body names must be within the caller's scope (a customer:
 * their own); a phone that matches several customers is not guessed at: the receiver chooses.
 */
async function customerOf(d: Deps, ctx: Ctx, role: string, input: NewTicket) {
  const customers = d.customers;
  let customerId = role === 'customer' ? ctx.actor.customerId : (input.customerId ?? null);
  const named = customerId ? await customers.visibleRow(ctx, customerId) : null;
  if (input.contractId) {
    const owner = await d.contractOwner(input.contractId, ctx);
    if (!owner) throw fail('NOT_FOUND', { contract: input.contractId });
    if (customerId && owner.customerId !== customerId) {
      throw supportError('TICKET_CONTRACT_OF_ANOTHER_CUSTOMER', { contractId: input.contractId, customerId });
    }
    customerId = owner.customerId;
  }
  if (!customerId && input.customerPhone) {
    const found = await customers.byPhone(ctx, input.customerPhone);
    if (found.length > 1) throw customerError('CUSTOMER_AMBIGUOUS', { candidates: found.map((c) => ({ id: c.id, name: c.name, type: c.type })) });
    customerId = found[0]?.id ?? null;
  }
  if (named && named.id === customerId) return named;
  return customerId ? customers.row(customerId) : null;
}

/** The CTKV product department (TT KDCNS) serving a customer: from its managing unit, else the receiver's region, else CTKV 1. */
function ctkvOf(d: Deps, managingUnitId: string | null, receiverUnitId: string | null): string | null {
  const id = d.identity;
  for (const unitId of [managingUnitId, receiverUnitId]) {
    const u = unitId ? id.orgUnit(unitId) : undefined;
    const region = u?.path.split('/').filter(Boolean).map((x) => id.orgUnit(x)).find((x) => x?.kind === 'regional_company');
    if (region) return id.orgUnitByCode(`${region.code}-KDCNS-SP`)?.id ?? region.id;
  }
  return id.orgUnitByCode('CTKV1-KDCNS-SP')?.id ?? null;
}
