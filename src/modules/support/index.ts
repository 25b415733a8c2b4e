/**
 * Customer requests across units with their time limits (SPEC F): each use case in `use-cases/` loads,
 * applies the pure rules of `domain/` (state machine, routing, SLA clocks), persists with its audit
 * entry and queues its e-mails in the same transaction. This is the module's public API.
 */
import type { Executor } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Deps, SupportDeps } from './deps.ts';
import type { RequestType } from './domain/levels.ts';
import type { SlaPolicy } from './domain/sla.ts';
import type { TicketCommand } from './domain/ticket.ts';
import { createPolicyCache } from './policy-cache.ts';
import { canSee, type TicketRow } from './queries.ts';
import { addAttachment } from './use-cases/add-attachment.ts';
import { applyTicketEvent } from './use-cases/apply-ticket-event.ts';
import { checkSla, SLA_CHECK_QUEUE } from './use-cases/check-sla.ts';
import { commentOnTicket } from './use-cases/comment-on-ticket.ts';
import { createTicket, type NewTicket } from './use-cases/create-ticket.ts';
import { exportTickets } from './use-cases/export-tickets.ts';
import { getTicket } from './use-cases/get-ticket.ts';
import { listTickets, type TicketFilter } from './use-cases/list-tickets.ts';
import { lookupCustomer } from './use-cases/lookup-customer.ts';
import { readAttachment } from './use-cases/read-attachment.ts';
import { readReview } from './use-cases/read-review.ts';
import { reviewAnswer } from './use-cases/review-answer.ts';
import { setSlaPolicy } from './use-cases/set-sla-policy.ts';
import { showDashboard } from './use-cases/show-dashboard.ts';

/** Builds the module, with its minute SLA job registered. */
export function createSupport(deps: SupportDeps) {
  const d: Deps = { ...deps, policies: createPolicyCache(deps.database) };
  deps.jobs.register(SLA_CHECK_QUEUE, () => checkSla(d).then(() => undefined));
  return {
    policies: (ex?: Executor) => d.policies.get(ex),
    /** (Re)reads the policy table: at boot, and whenever any process changes it (platform/cache.ts). */
    loadPolicies: (ex?: Executor) => d.policies.load(ex),
    setPolicy: (ctx: Ctx, requestType: RequestType, body: Omit<SlaPolicy, 'requestType'>) => setSlaPolicy(d, ctx, requestType, body),
    create: (ctx: Ctx, input: NewTicket) => createTicket(d, ctx, input),
    lookup: (ctx: Ctx, phone: string) => lookupCustomer(d, ctx, phone),
    act: (ctx: Ctx, id: string, cmd: TicketCommand) => applyTicketEvent(d, ctx, id, cmd),
    comment: (ctx: Ctx, id: string, body: string, visibility: 'internal' | 'customer') => commentOnTicket(d, ctx, id, body, visibility),
    reviewInfo: (token: string) => readReview(d, token),
    reviewByToken: (token: string, satisfied: boolean, comment?: string) => reviewAnswer(d, token, satisfied, comment),
    checkSla: (limit?: number) => checkSla(d, limit),
    list: (ctx: Ctx, f: TicketFilter) => listTickets(d, ctx, f),
    detail: (ctx: Ctx, id: string) => getTicket(d, ctx, id),
    canSee: (ctx: Ctx, row: TicketRow) => canSee(d, ctx, row),
    addAttachment: (ctx: Ctx, id: string, upload: { name: string; contentBase64: string }) => addAttachment(d, ctx, id, upload),
    attachment: (ctx: Ctx, id: string, fileId: string) => readAttachment(d, ctx, id, fileId),
    dashboard: (ctx: Ctx, from: string, to: string) => showDashboard(d, ctx, from, to),
    exportRows: (ctx: Ctx, f: Omit<TicketFilter, 'page' | 'pageSize'>) => exportTickets(d, ctx, f),
  };
}

/** The module object app.ts and the routes receive. */
export type SupportService = ReturnType<typeof createSupport>;

export type { NewTicket, SupportDeps, TicketFilter };
export { SLA_CHECK_QUEUE };
