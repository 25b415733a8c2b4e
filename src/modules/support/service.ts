import { randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { nextDocumentNumber } from '../../platform/counters.ts';
import { AppError } from '../../platform/errors.ts';
import { acceptUpload, listFiles, readFile, storeFile } from '../../platform/files.ts';
import { newId } from '../../platform/ids.ts';
import type { JobQueue } from '../../platform/jobs.ts';
import { redactError, type Logger } from '../../platform/log.ts';
import { addDays, toLocalDate, type WorkCalendar } from '../../platform/calendar.ts';
import type { AuditLog } from '../audit/index.ts';
import type { CalendarService } from '../calendar/index.ts';
import type { CustomerService } from '../customers/index.ts';
import { hasPermission, withinScope, type IdentityService } from '../identity/index.ts';
import type { NotificationService } from '../notifications/index.ts';
import { slaPolicies, ticketCycles, ticketEvents, tickets } from './db/schema.ts';
import { addClockMinutes, consumed, dueAt, evaluate, markNotified, type ClockSet, type Evaluation } from './domain/clocks.ts';
import { REQUEST_TYPE_LABELS, STAGE_LABELS, type Channel, type Level, type RequestType, type Stage } from './domain/levels.ts';
import { ticketFromJson, ticketToJson } from './domain/serialize.ts';
import { DEFAULT_SLA_POLICIES, policyFor, validatePolicy, warningPoint, type SlaPolicy, type SlaPolicyTable } from './domain/sla.ts';
import { allowedEvents, applyEvent, autoCloseDue, DEFAULT_AUTO_CLOSE_DAYS, progressRequired, receive, STAGE_ROLES, type Ticket, type TicketCommand } from './domain/ticket.ts';

type TicketRow = typeof tickets.$inferSelect;

export const SLA_CHECK_QUEUE = 'support.sla_check';
const OPEN = ['new', 'in_progress', 'waiting_customer', 'reopened', 'resolved'];
/** Who acts when the SLA job escalates or closes a ticket. */
const SLA_CTX: Ctx = { actor: { kind: 'system', id: null, name: 'system:sla', roles: [], orgUnitId: null, orgUnitPath: null, customerId: null }, locale: 'vi' };
/** Open tickets whose next SLA check time has come. */
const dueForCheck = (now: Date) => and(inArray(tickets.status, OPEN), isNotNull(tickets.nextCheckAt), lte(tickets.nextCheckAt, now));
const DESK_ROLES = ['call_center', 'am', 'kam', 'product_ctkv', 'gpth', 'customer'];
/** Roles that see every ticket (the call center serves all regions; TT CNTT owns the products). */
const ALL_TICKETS = ['admin', 'call_center', 'gpth', 'approver_ttcntt'];

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

export interface TicketFilter {
  scope?: 'mine' | 'all';
  status?: string;
  level?: number;
  requestType?: string;
  stage?: string;
  breached?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

const EVENT_TEXT: Record<string, string> = {
  receive: 'đã được tiếp nhận',
  answer_at_intake: 'đã được trả lời',
  resolve: 'đã có kết quả xử lý, mời quý khách đánh giá',
  request_info: 'cần quý khách bổ sung thông tin',
  update_progress: 'cập nhật tiến độ xử lý',
  forward: 'đã chuyển tiếp',
  reopened: 'đã mở lại để xử lý tiếp',
  closed: 'đã đóng',
};

/** Customer requests across units with their time limits (SPEC F). */
export class SupportService {
  private policyTable: SlaPolicyTable | undefined;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly deps: {
      audit: AuditLog;
      jobs: JobQueue;
      identity: IdentityService;
      customers: CustomerService;
      calendar: CalendarService;
      notifications: NotificationService;
      /** The customer and number of a contract (the contracts module owns contracts); with `ctx`, null unless that caller may see it. */
      contractOwner: (contractId: string, ctx?: Ctx) => Promise<{ customerId: string; number: string } | null>;
      publicBaseUrl: string;
      log?: Pick<Logger, 'error'>;
    },
  ) {
    deps.jobs.register(SLA_CHECK_QUEUE, () => this.checkSla().then(() => undefined));
  }

  // ---- policies -----------------------------------------------------------------------------------

  /** `ex`: inside a transaction pass it — on PGlite (one connection) reading through the root client would wait for itself. */
  async policies(ex: Executor = this.database.db): Promise<SlaPolicyTable> {
    if (!this.policyTable) await this.loadPolicies(ex);
    return this.policyTable!;
  }

  /** (Re)reads the policy table: at boot, and whenever any process changes it (platform/cache.ts). */
  async loadPolicies(ex: Executor = this.database.db): Promise<void> {
    const rows = await ex.select().from(slaPolicies);
    const table = { ...DEFAULT_SLA_POLICIES };
    for (const r of rows) table[r.requestType as RequestType] = r.policy as SlaPolicy;
    this.policyTable = table;
  }

  async setPolicy(ctx: Ctx, requestType: RequestType, body: Omit<SlaPolicy, 'requestType'>) {
    const policy = validatePolicy({ ...body, requestType });
    const before = (await this.policies())[requestType];
    await this.database.db.transaction(async (tx) => {
      const row = { requestType, policy, updatedBy: ctx.actor.id, updatedAt: this.clock.now() };
      await tx.insert(slaPolicies).values(row).onConflictDoUpdate({ target: slaPolicies.requestType, set: row });
      await this.deps.audit.record(tx, ctx, { action: 'sla_policy.updated', entityType: 'sla_policy', entityId: requestType, before, after: policy });
    });
    await this.loadPolicies();
    return (await this.policies())[requestType];
  }

  // ---- intake (F3 steps 1.1–1.4) ------------------------------------------------------------------

  async create(ctx: Ctx, input: NewTicket) {
    const now = this.clock.now();
    const role = this.deskRole(ctx, null);
    if (!role) throw new AppError('FORBIDDEN', undefined, 'only the call center, AM/KAM and customers receive requests');
    const customer = await this.customerOf(ctx, role, input);
    const customerId = customer?.id ?? null;
    const policies = await this.policies();
    const { ticket, entry } = receive({ requestType: input.requestType, channel: input.channel, level: role === 'customer' ? undefined : input.level }, { now, role, policies, calendar: this.calendar() });
    const ctkvUnitId = this.ctkvOf(customer?.managingUnitId ?? null, ctx.actor.orgUnitId);
    const receiverUnitId = ctx.actor.orgUnitId;
    const row = await this.database.db.transaction(async (tx) => {
      const id = newId('ticket', now);
      const number = await nextDocumentNumber(tx, 'YC', Number(toLocalDate(now).slice(0, 4)));
      const data: TicketRow = {
        id,
        number,
        customerId,
        contractId: input.contractId ?? null,
        customerPhone: input.customerPhone ?? customer?.phone ?? null,
        channel: input.channel,
        requestType: input.requestType,
        level: ticket.level,
        subject: input.subject,
        description: input.description,
        status: ticket.status,
        assigneeStage: ticket.assigneeStage,
        assigneeUnitId: this.unitFor(ticket.assigneeStage, ctkvUnitId, receiverUnitId),
        ctkvUnitId,
        receivedBy: ctx.actor.id,
        receiverUnitId,
        state: ticketToJson(ticket),
        ...this.cached(ticket, now, policyFor(policies, ticket.requestType)),
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
      await this.log(tx, ctx, data, 'receive', { visibility: 'customer', body: input.description, data: { to: entry.to } });
      await this.deps.audit.record(tx, ctx, { action: 'ticket.created', entityType: 'ticket', entityId: id, after: { ...data, state: undefined } });
      await this.tellCustomer(tx, data, 'receive', `Thời hạn xử lý dự kiến: ${fmt(data.dueAt)}`);
      if (data.assigneeStage !== 'receiver') await this.tellUnit(tx, data, `mới tiếp nhận, chuyển ${STAGE_LABELS[data.assigneeStage as Stage].vi}`);
      return data;
    });
    return this.detail(ctx, row.id);
  }

  /**
   * The customer of a new ticket. Every id the body names must be within the caller's scope (a customer:
   * their own); a phone that matches several customers is not guessed at: the receiver chooses.
   */
  private async customerOf(ctx: Ctx, role: string, input: NewTicket) {
    const customers = this.deps.customers;
    let customerId = role === 'customer' ? ctx.actor.customerId : (input.customerId ?? null);
    if (customerId) await customers.visibleRow(ctx, customerId);
    if (input.contractId) {
      const owner = await this.deps.contractOwner(input.contractId, ctx);
      if (!owner) throw new AppError('NOT_FOUND', { contract: input.contractId });
      if (customerId && owner.customerId !== customerId) throw new AppError('VALIDATION_FAILED', { contractId: input.contractId }, 'the contract is not this customer\'s');
      customerId = owner.customerId;
    }
    if (!customerId && input.customerPhone) {
      const found = await customers.byPhone(ctx, input.customerPhone);
      if (found.length > 1) throw new AppError('CUSTOMER_AMBIGUOUS', { candidates: found.map((c) => ({ id: c.id, name: c.name, type: c.type })) });
      customerId = found[0]?.id ?? null;
    }
    return customerId ? customers.row(customerId) : null;
  }

  /** A receiver finds who is calling by their phone number, among the customers of their own scope. */
  async lookup(ctx: Ctx, phone: string) {
    if (!hasPermission(ctx.actor, 'ticket.lookup_customer')) throw new AppError('FORBIDDEN', { permission: 'ticket.lookup_customer' });
    const found = await this.deps.customers.byPhone(ctx, phone);
    return { customers: found.map((c) => ({ id: c.id, name: c.name, type: c.type, phone: c.phone, email: c.email })), contracts: [] as { id: string; number: string; productCode: string; status: string }[] };
  }

  // ---- the flow (F3 steps 1.3–3.1 and the review) -------------------------------------------------

  async act(ctx: Ctx, id: string, cmd: TicketCommand) {
    await this.database.db.transaction(async (tx) => {
      const row = await this.lock(tx, id);
      this.assertCanSee(ctx, row);
      const role = this.deskRole(ctx, row);
      if (!role) throw new AppError('FORBIDDEN', { ticket: id });
      await this.applyIn(tx, ctx, row, role, cmd);
    });
    return this.detail(ctx, id);
  }

  private async applyIn(tx: Executor, ctx: Ctx, row: TicketRow, role: string, cmd: TicketCommand) {
    const now = this.clock.now();
    const before = ticketFromJson(row.state);
    const policies = await this.policies(tx);
    const { ticket, previousCycle } = applyEvent(before, cmd, { now, role, policies, calendar: this.calendar() });
    if (previousCycle) await tx.insert(ticketCycles).values({ ticketId: row.id, cycle: previousCycle.cycle, clocks: JSON.parse(JSON.stringify(previousCycle)), closedAt: now });
    const answered = cmd.event === 'resolve' || cmd.event === 'answer_at_intake';
    const patch: Partial<TicketRow> = {
      status: ticket.status,
      level: ticket.level,
      requestType: ticket.requestType,
      assigneeStage: ticket.assigneeStage,
      assigneeUnitId: this.unitFor(ticket.assigneeStage, row.ctkvUnitId, row.receiverUnitId),
      state: ticketToJson(ticket),
      ...this.cached(ticket, now, policyFor(policies, ticket.requestType)),
      reopenCount: ticket.reopenCount,
      resolvedAt: ticket.resolvedAt,
      ...(answered ? { answer: cmd.answer, reviewToken: randomBytes(24).toString('base64url') } : {}),
      ...(ticket.status === 'closed' ? { closedAt: now, reviewToken: null } : {}),
      ...(previousCycle ? { warned: false, breached: false, closedAt: null } : {}),
    };
    const saved = await this.save(tx, row, patch);
    const text = commandText(cmd);
    const toCustomer = ['answer_at_intake', 'resolve', 'request_info', 'customer_replied', 'review_satisfied', 'review_not_satisfied'].includes(cmd.event);
    await this.log(tx, ctx, saved, cmd.event, { visibility: toCustomer ? 'customer' : 'internal', body: text, data: cmd });
    await this.deps.audit.record(tx, ctx, {
      action: `ticket.${cmd.event}`,
      entityType: 'ticket',
      entityId: row.id,
      before: { status: row.status, stage: row.assigneeStage, level: row.level },
      after: { status: saved.status, stage: saved.assigneeStage, level: saved.level, ...cmd },
    });
    if (answered) await this.tellCustomer(tx, saved, cmd.event, text ?? '', `${this.deps.publicBaseUrl}/review/${saved.reviewToken}`, 'Đánh giá kết quả xử lý');
    if (cmd.event === 'request_info') await this.tellCustomer(tx, saved, 'request_info', text ?? '', `${this.deps.publicBaseUrl}/my-requests`, 'Trả lời');
    if (cmd.event === 'update_progress' && cmd.expectedCompletionAt) await this.tellCustomer(tx, saved, 'update_progress', `${text}\nDự kiến hoàn thành: ${fmt(cmd.expectedCompletionAt)}`);
    if (cmd.event === 'forward' || (cmd.event === 'reclassify' && saved.assigneeStage !== row.assigneeStage)) await this.tellUnit(tx, saved, `được chuyển tới ${STAGE_LABELS[saved.assigneeStage as Stage].vi}`, text ?? '');
    if (cmd.event === 'review_not_satisfied') {
      await this.tellCustomer(tx, saved, 'reopened', '');
      await this.tellUnit(tx, saved, 'khách hàng chưa hài lòng, mở lại', text ?? '');
    }
  }

  async comment(ctx: Ctx, id: string, body: string, visibility: 'internal' | 'customer') {
    await this.database.db.transaction(async (tx) => {
      const row = await this.lock(tx, id);
      this.assertCanSee(ctx, row);
      const isCustomer = !!ctx.actor.customerId;
      if (isCustomer && row.status === 'waiting_customer') {
        // A customer answering the desk's question resumes the clocks (F4 pause ends).
        return this.applyIn(tx, ctx, row, 'customer', { event: 'customer_replied', message: body });
      }
      await this.log(tx, ctx, row, null, { visibility: isCustomer ? 'customer' : visibility, body });
      await this.deps.audit.record(tx, ctx, { action: 'ticket.commented', entityType: 'ticket', entityId: id, after: { visibility: isCustomer ? 'customer' : visibility } });
      if (!isCustomer && visibility === 'customer') await this.tellCustomer(tx, row, 'update_progress', body);
    });
    return this.detail(ctx, id);
  }

  /** The review link of the answer e-mail: no sign-in, the token is the key, valid until the ticket closes. */
  async reviewInfo(token: string) {
    const row = await this.byToken(token);
    return { number: row.number, subject: row.subject, answer: row.answer, status: row.status };
  }

  async reviewByToken(token: string, satisfied: boolean, comment?: string) {
    const row = await this.byToken(token);
    const ctx: Ctx = { actor: { kind: 'user', id: null, name: `customer:${row.number}`, roles: ['customer'], orgUnitId: null, orgUnitPath: null, customerId: row.customerId }, locale: 'vi' };
    await this.database.db.transaction(async (tx) => {
      const locked = await this.lock(tx, row.id);
      await this.applyIn(tx, ctx, locked, 'customer', satisfied ? { event: 'review_satisfied', comment } : { event: 'review_not_satisfied', comment });
    });
    const after = await this.row(row.id);
    return { status: after.status };
  }

  private async byToken(token: string): Promise<TicketRow> {
    if (!/^[\w-]{20,64}$/.test(token)) throw new AppError('NOT_FOUND');
    const [row] = await this.database.db.select().from(tickets).where(eq(tickets.reviewToken, token));
    if (!row) throw new AppError('NOT_FOUND', undefined, 'this review link is no longer valid');
    return row;
  }

  // ---- SLA job (F4): warnings, breaches, progress after 48 h, auto-close -----------------------------

  /**
   * Looks at every ticket whose next check time has come, each in a transaction of its own: a ticket
   * that cannot be checked is logged and left for the next run while the others go on. Each is locked
   * and skipped if another worker holds it or has just checked it, and its notifications are queued in
   * the same transaction that marks them sent: two workers never escalate the same breach twice.
   */
  async checkSla(limit = 200): Promise<number> {
    const now = this.clock.now();
    const policies = await this.policies();
    const due = await this.database.db.select({ id: tickets.id }).from(tickets).where(dueForCheck(now)).orderBy(asc(tickets.nextCheckAt)).limit(limit);
    let handled = 0;
    for (const { id } of due) {
      try {
        if (await this.database.db.transaction((tx) => this.checkTicket(tx, id, now, policies))) handled++;
      } catch (err) {
        this.deps.log?.error({ err: redactError(err), ticket: id }, 'SLA check of a ticket failed; retried on the next run');
      }
    }
    return handled;
  }

  /** One ticket's SLA check; false when another worker holds it or has checked it meanwhile. */
  private async checkTicket(tx: Executor, id: string, now: Date, policies: SlaPolicyTable): Promise<boolean> {
    const [row] = await tx.select().from(tickets).where(and(eq(tickets.id, id), dueForCheck(now))).for('update', { skipLocked: true });
    if (!row) return false;
    let t = ticketFromJson(row.state);
    if (autoCloseDue(t, now, DEFAULT_AUTO_CLOSE_DAYS)) {
      await this.applyIn(tx, SLA_CTX, row, 'system', { event: 'auto_close' });
      return true;
    }
    const cal = this.calendar();
    const policy = policyFor(policies, t.requestType);
    const found = evaluate(t.clocks, now, policy, cal);
    if (found.warnings.length || found.breaches.length) {
      await this.escalate(tx, row, found);
      t = { ...t, clocks: markNotified(t.clocks, found, now) };
    }
    const progress = progressRequired(t, now, policy, cal);
    const remindedAt = (row.state as { progressReminderFor?: string }).progressReminderFor;
    const sinceKey = progress.required ? progress.since.toISOString() : undefined;
    if (progress.required && remindedAt !== sinceKey) {
      await this.tellUnit(tx, row, 'quá 48 giờ: TT CNTT cần cập nhật tiến độ và thời gian dự kiến hoàn thành', '', ['gpth', 'product_ctkv']);
      await this.log(tx, SLA_CTX, row, 'progress_required', { visibility: 'internal', body: `Cần cập nhật tiến độ (${progress.reason})` });
    }
    await this.save(tx, row, {
      state: { ...(ticketToJson(t) as object), ...(sinceKey ? { progressReminderFor: sinceKey } : {}) },
      ...this.cached(t, now, policy, progress.required),
      warned: row.warned || found.warnings.length > 0,
      breached: row.breached || found.breaches.length > 0,
    });
    return true;
  }

  /** Warning → the unit holding the ticket; breach → also the next level's manager (F4 escalation). */
  private async escalate(tx: Executor, row: TicketRow, found: Evaluation) {
    for (const w of found.warnings) {
      await this.tellUnit(tx, row, `sắp quá hạn (${labelOf(w.stage)}: hạn ${fmt(w.dueAt)})`);
      await this.log(tx, null, row, 'sla_warning', { visibility: 'internal', body: `Cảnh báo sắp quá hạn: ${labelOf(w.stage)}`, data: w });
    }
    for (const b of found.breaches) {
      const managers = b.stage === 'ttcntt' || b.stage === 'total' ? ['approver_ttcntt', 'gpth'] : b.stage === 'ctkv' ? ['approver_ctkv', 'gpth'] : ['product_ctkv', 'approver_ctkv'];
      await this.tellUnit(tx, row, `QUÁ HẠN (${labelOf(b.stage)}), chuyển cấp quản lý`, `Hạn: ${fmt(b.dueAt)}`, managers);
      await this.log(tx, null, row, 'sla_breach', { visibility: 'internal', body: `Quá hạn: ${labelOf(b.stage)} — đã báo ${managers.join(', ')}`, data: b });
      await this.deps.audit.record(tx, SLA_CTX, { action: 'ticket.sla_breached', entityType: 'ticket', entityId: row.id, after: b });
    }
  }

  /** Denormalised deadlines for queues, and when the SLA job should look again. */
  private cached(t: Ticket, now: Date, policy: SlaPolicy, progressDue = false): Pick<TicketRow, 'dueAt' | 'stageDueAt' | 'nextCheckAt'> {
    const cal = this.calendar();
    const mode = t.clocks.mode;
    const total = t.clocks.clocks.find((c) => c.stage === 'total');
    const stage = t.clocks.clocks.find((c) => c.stage === t.assigneeStage);
    const totalDue = total ? dueAt(total, now, mode, cal) : null;
    const stageDue = stage ? dueAt(stage, now, mode, cal) : null;
    if (t.status === 'closed') return { dueAt: totalDue, stageDueAt: stageDue, nextCheckAt: null };
    if (t.status === 'resolved') return { dueAt: totalDue, stageDueAt: stageDue, nextCheckAt: new Date((t.resolvedAt ?? now).getTime() + DEFAULT_AUTO_CLOSE_DAYS * 86_400_000) };
    const points: Date[] = [];
    for (const c of t.clocks.clocks) {
      if (c.state !== 'running' || c.targetMin === null) continue;
      const used = consumed(c, now, mode, cal);
      const warnAt = warningPoint(c.targetMin, policy.warning);
      if (warnAt !== null && !c.notified?.warning && used < warnAt) points.push(addClockMinutes(mode, now, warnAt - used, cal));
      const due = dueAt(c, now, mode, cal);
      if (due && !c.notified?.breach) points.push(new Date(due.getTime() + 1000));
    }
    if (progressDue || (t.assigneeStage === 'ttcntt' && total?.notified?.breach)) points.push(new Date(now.getTime() + 60 * 60_000));
    const next = points.length ? new Date(Math.max(now.getTime(), Math.min(...points.map((p) => p.getTime())))) : null;
    return { dueAt: totalDue, stageDueAt: stageDue, nextCheckAt: next };
  }

  // ---- reading ------------------------------------------------------------------------------------

  private visibility(ctx: Ctx): SQL | undefined {
    if (ctx.actor.customerId) return eq(tickets.customerId, ctx.actor.customerId);
    if (ctx.actor.roles.some((r) => ALL_TICKETS.includes(r))) return undefined;
    const scope = this.deps.identity.scopePathOf(ctx.actor);
    const units = scope ? this.deps.identity.orgUnitList().filter((u) => u.path.startsWith(scope)).map((u) => u.id) : [];
    const ids = units.length ? units : ['-'];
    return or(inArray(tickets.assigneeUnitId, ids), inArray(tickets.ctkvUnitId, ids), inArray(tickets.receiverUnitId, ids), ctx.actor.id ? eq(tickets.receivedBy, ctx.actor.id) : undefined);
  }

  canSee(ctx: Ctx, row: TicketRow): boolean {
    if (ctx.actor.customerId) return row.customerId === ctx.actor.customerId;
    if (ctx.actor.roles.some((r) => ALL_TICKETS.includes(r))) return true;
    if (ctx.actor.id && row.receivedBy === ctx.actor.id) return true;
    const scope = this.deps.identity.scopePathOf(ctx.actor);
    return [row.assigneeUnitId, row.ctkvUnitId, row.receiverUnitId].some((u) => !!u && withinScope(ctx.actor, scope, this.deps.identity.orgUnit(u)?.path ?? '~'));
  }

  private assertCanSee(ctx: Ctx, row: TicketRow) {
    if (!this.canSee(ctx, row)) throw new AppError(ctx.actor.customerId ? 'NOT_FOUND' : 'FORBIDDEN', { ticket: row.id });
  }

  async list(ctx: Ctx, f: TicketFilter) {
    if (!ctx.actor.customerId && !hasPermission(ctx.actor, 'ticket.read')) throw new AppError('FORBIDDEN');
    const where: SQL[] = [];
    const vis = this.visibility(ctx);
    if (vis) where.push(vis);
    if (f.scope === 'mine' && !ctx.actor.customerId) {
      const stages = Object.entries(STAGE_ROLES).filter(([, roles]) => roles.some((r) => ctx.actor.roles.includes(r))).map(([s]) => s);
      where.push(or(inArray(tickets.assigneeStage, stages.length ? stages : ['-']), ctx.actor.id ? eq(tickets.receivedBy, ctx.actor.id) : undefined)!, inArray(tickets.status, OPEN));
    }
    if (f.status) where.push(eq(tickets.status, f.status));
    if (f.level) where.push(eq(tickets.level, f.level));
    if (f.requestType) where.push(eq(tickets.requestType, f.requestType));
    if (f.stage) where.push(eq(tickets.assigneeStage, f.stage));
    if (f.breached) where.push(eq(tickets.breached, true), inArray(tickets.status, OPEN));
    if (f.q) where.push(or(ilike(tickets.number, `%${f.q}%`), ilike(tickets.subject, `%${f.q}%`), ilike(tickets.customerPhone, `%${f.q}%`))!);
    const cond = where.length ? and(...where) : undefined;
    const db = this.database.db;
    const [rows, [{ total }]] = await Promise.all([
      db
        .select()
        .from(tickets)
        .where(cond)
        // Staff work soonest-due first; a customer reads their requests newest first.
        .orderBy(...(ctx.actor.customerId ? [desc(tickets.createdAt)] : [asc(sql`coalesce(${tickets.stageDueAt}, ${tickets.dueAt})`), desc(tickets.createdAt)]))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize),
      db.select({ total: count() }).from(tickets).where(cond),
    ]);
    return { items: await this.summaries(rows), total, page: f.page, pageSize: f.pageSize };
  }

  private async summaries(rows: TicketRow[]) {
    const names = await this.deps.customers.namesOf([...new Set(rows.map((r) => r.customerId).filter((x): x is string => !!x))]);
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      subject: r.subject,
      customer: r.customerId ? { id: r.customerId, name: names.get(r.customerId) ?? '' } : null,
      customerPhone: r.customerPhone,
      channel: r.channel,
      requestType: r.requestType,
      level: r.level,
      status: r.status,
      assigneeStage: r.assigneeStage,
      assigneeUnit: this.unitRef(r.assigneeUnitId),
      createdAt: r.createdAt,
      resolvedAt: r.resolvedAt,
      dueAt: r.dueAt,
      stageDueAt: r.stageDueAt,
      warned: r.warned,
      breached: r.breached,
      reopenCount: r.reopenCount,
    }));
  }

  async detail(ctx: Ctx, id: string) {
    const row = await this.row(id);
    this.assertCanSee(ctx, row);
    const [summary] = await this.summaries([row]);
    const t = ticketFromJson(row.state);
    const now = this.clock.now();
    const cal = this.calendar();
    const db = this.database.db;
    const [events, cycles, attachments] = await Promise.all([
      db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id)).orderBy(asc(ticketEvents.at), asc(ticketEvents.id)),
      db.select().from(ticketCycles).where(eq(ticketCycles.ticketId, id)).orderBy(asc(ticketCycles.cycle)),
      listFiles(db, 'ticket', id),
    ]);
    const role = this.deskRole(ctx, row);
    const policy = policyFor(await this.policies(), t.requestType);
    const names = await this.deps.identity.namesOf(events.map((e) => e.actorId));
    return {
      ...summary,
      description: row.description,
      contract: row.contractId ? { id: row.contractId, number: (await this.deps.contractOwner(row.contractId))?.number ?? null } : null,
      clocks: clockView(t.clocks, now, cal),
      previousCycles: cycles.map((c) => clockView(c.clocks as ClockSet, now, cal)),
      allowedEvents: role ? allowedEvents(t, role) : [],
      progressRequired: progressRequired(t, now, policy, cal),
      progress: t.progress,
      resolvedAt: row.resolvedAt,
      closedAt: row.closedAt,
      answer: row.answer,
      events: events
        .filter((e) => !ctx.actor.customerId || e.visibility === 'customer')
        .map((e) => ({ id: e.id, at: e.at, actorName: (e.actorId && names.get(e.actorId)) || e.actorName, actorUnit: this.unitRef(e.actorUnitId), kind: e.kind, event: e.event, visibility: e.visibility, body: e.body, data: e.data })),
      attachments,
    };
  }

  async addAttachment(ctx: Ctx, id: string, upload: { name: string; contentBase64: string }) {
    const file = acceptUpload(upload.name, upload.contentBase64);
    return this.database.db.transaction(async (tx) => {
      const row = await this.lock(tx, id);
      this.assertCanSee(ctx, row);
      const meta = await storeFile(tx, { ownerType: 'ticket', ownerId: id, ...file, uploadedBy: ctx.actor.id, now: this.clock.now() });
      await this.log(tx, ctx, row, null, { visibility: ctx.actor.customerId ? 'customer' : 'internal', body: `Đính kèm: ${meta.name}` });
      await this.deps.audit.record(tx, ctx, { action: 'ticket.attachment_added', entityType: 'ticket', entityId: id, after: meta });
      return meta;
    });
  }

  async attachment(ctx: Ctx, id: string, fileId: string) {
    this.assertCanSee(ctx, await this.row(id));
    return readFile(this.database.db, 'ticket', id, fileId);
  }

  // ---- dashboard and export -----------------------------------------------------------------------

  async dashboard(ctx: Ctx, from: string, to: string) {
    const vis = this.visibility(ctx);
    const db = this.database.db;
    const range = and(gte(tickets.createdAt, new Date(`${from}T00:00:00+07:00`)), lt(tickets.createdAt, new Date(`${addDays(to, 1)}T00:00:00+07:00`)));
    const open = and(inArray(tickets.status, ['new', 'in_progress', 'waiting_customer', 'reopened']), vis);
    const inRange = and(range, vis);
    const [byLevel, byUnit, inPeriod] = await Promise.all([
      db.select({ level: tickets.level, count: count() }).from(tickets).where(open).groupBy(tickets.level).orderBy(tickets.level),
      db.select({ unitId: tickets.assigneeUnitId, stage: tickets.assigneeStage, count: count() }).from(tickets).where(open).groupBy(tickets.assigneeUnitId, tickets.assigneeStage),
      db.select().from(tickets).where(inRange),
    ]);
    const finished = inPeriod.filter((r) => r.resolvedAt);
    const met = inPeriod.filter((r) => !r.breached).length;
    const byType = new Map<string, { minutes: number; count: number }>();
    for (const r of finished) {
      const e = byType.get(r.requestType) ?? { minutes: 0, count: 0 };
      e.minutes += (r.resolvedAt!.getTime() - r.createdAt.getTime()) / 60_000;
      e.count++;
      byType.set(r.requestType, e);
    }
    const perDay = new Map<string, { created: number; resolved: number }>();
    for (let d = from; d <= to && perDay.size < 400; d = addDays(d, 1)) perDay.set(d, { created: 0, resolved: 0 });
    for (const r of inPeriod) {
      const c = perDay.get(toLocalDate(r.createdAt));
      if (c) c.created++;
      const rd = r.resolvedAt ? perDay.get(toLocalDate(r.resolvedAt)) : undefined;
      if (rd) rd.resolved++;
    }
    return {
      openByLevel: byLevel,
      openByUnit: byUnit.map((u) => ({ unit: this.unitRef(u.unitId), stage: u.stage, count: u.count })),
      compliance: { total: inPeriod.length, met, breached: inPeriod.length - met, percent: inPeriod.length ? Math.round((met * 1000) / inPeriod.length) / 10 : 100 },
      breaches: inPeriod.length - met,
      avgHandlingMinutesByType: [...byType].map(([requestType, v]) => ({ requestType, minutes: Math.round(v.minutes / v.count), count: v.count })),
      perDay: [...perDay].map(([date, v]) => ({ date, ...v })),
    };
  }

  /** Rows for CSV/Excel export (the same filter and visibility as the queue, up to 10,000 rows). */
  async exportRows(ctx: Ctx, f: Omit<TicketFilter, 'page' | 'pageSize'>) {
    const page = await this.list(ctx, { ...f, page: 1, pageSize: 10_000 });
    return page.items.map((t) => ({
      'Số phiếu': t.number,
      'Tiêu đề': t.subject,
      'Khách hàng': t.customer?.name ?? '',
      'Điện thoại': t.customerPhone ?? '',
      'Loại yêu cầu': REQUEST_TYPE_LABELS[t.requestType as RequestType]?.vi ?? t.requestType,
      'Cấp độ': t.level,
      'Đơn vị xử lý': t.assigneeUnit?.name ?? STAGE_LABELS[t.assigneeStage as Stage]?.vi ?? '',
      'Trạng thái': STATUS_VI[t.status] ?? t.status,
      'Tiếp nhận': fmt(t.createdAt),
      'Hạn xử lý': fmt(t.dueAt),
      'Quá hạn': t.breached ? 'Có' : 'Không',
      'Số lần mở lại': t.reopenCount,
    }));
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private calendar(): WorkCalendar {
    return this.deps.calendar.forUnit(null);
  }

  /** The desk role the caller acts in on this ticket: the role of the stage holding it, if they have it. */
  private deskRole(ctx: Ctx, row: TicketRow | null): string | null {
    if (ctx.actor.customerId) return 'customer';
    const roles = ctx.actor.roles.filter((r) => DESK_ROLES.includes(r));
    if (row) {
      const holder = roles.find((r) => STAGE_ROLES[row.assigneeStage as Stage]?.includes(r));
      if (holder) {
        // A CTKV product department acts only on its own CTKV's tickets.
        if (holder === 'product_ctkv' && !withinScope(ctx.actor, this.deps.identity.scopePathOf(ctx.actor), this.deps.identity.orgUnit(row.assigneeUnitId ?? '')?.path ?? '~')) return null;
        return holder;
      }
    }
    return roles.find((r) => STAGE_ROLES.receiver.includes(r)) ?? roles[0] ?? null;
  }

  /** The CTKV product department (TT KDCNS) serving a customer: from its managing unit, else the receiver's region, else CTKV 1. */
  private ctkvOf(managingUnitId: string | null, receiverUnitId: string | null): string | null {
    const id = this.deps.identity;
    for (const unitId of [managingUnitId, receiverUnitId]) {
      const u = unitId ? id.orgUnit(unitId) : undefined;
      const region = u?.path.split('/').filter(Boolean).map((x) => id.orgUnit(x)).find((x) => x?.kind === 'regional_company');
      if (region) return id.orgUnitByCode(`${region.code}-KDCNS-SP`)?.id ?? region.id;
    }
    return id.orgUnitByCode('CTKV1-KDCNS-SP')?.id ?? null;
  }

  private unitFor(stage: string, ctkvUnitId: string | null, receiverUnitId: string | null): string | null {
    if (stage === 'receiver') return receiverUnitId;
    if (stage === 'ctkv') return ctkvUnitId;
    return this.deps.identity.orgUnitByCode('TTCNTT-GPTH')?.id ?? null;
  }

  private unitRef(id: string | null) {
    const u = id ? this.deps.identity.orgUnit(id) : undefined;
    return u ? { id: u.id, code: u.code, name: u.name } : null;
  }

  private async row(id: string, ex: Executor = this.database.db): Promise<TicketRow> {
    const [r] = await ex.select().from(tickets).where(eq(tickets.id, id));
    if (!r) throw new AppError('NOT_FOUND', { ticket: id });
    return r;
  }

  private async lock(tx: Executor, id: string): Promise<TicketRow> {
    const [r] = await tx.select().from(tickets).where(eq(tickets.id, id)).for('update');
    if (!r) throw new AppError('NOT_FOUND', { ticket: id });
    return r;
  }

  private async save(tx: Executor, row: TicketRow, patch: Partial<TicketRow>): Promise<TicketRow> {
    const [after] = await tx
      .update(tickets)
      .set({ ...patch, updatedAt: this.clock.now(), version: row.version + 1 })
      .where(and(eq(tickets.id, row.id), eq(tickets.version, row.version)))
      .returning();
    if (!after) throw new AppError('CONFLICT', { ticket: row.id });
    return after;
  }

  private async log(tx: Executor, ctx: Ctx | null, row: TicketRow, event: string | null, e: { visibility: 'internal' | 'customer'; body?: string | null; data?: unknown }) {
    const now = this.clock.now();
    await tx.insert(ticketEvents).values({
      id: newId('ticketEvent', now),
      ticketId: row.id,
      at: now,
      actorId: ctx?.actor.id ?? null,
      actorName: ctx?.actor.name ?? 'system:sla',
      actorUnitId: ctx?.actor.orgUnitId ?? null,
      kind: event ? 'event' : 'comment',
      event,
      visibility: e.visibility,
      body: e.body ?? null,
      data: e.data === undefined ? null : JSON.parse(JSON.stringify(e.data)),
    });
  }

  private async tellCustomer(tx: Executor, row: TicketRow, event: string, detail: string, link = `${this.deps.publicBaseUrl}/my-requests`, linkText = 'Xem yêu cầu') {
    const customer = row.customerId ? await this.deps.customers.row(row.customerId, tx).catch(() => null) : null;
    if (!customer?.email) return;
    await this.deps.notifications.email(tx, {
      to: customer.email,
      template: 'ticket.customer_update',
      locale: 'vi',
      data: { number: row.number, subject: row.subject, event: EVENT_TEXT[event] ?? event, detail, link, linkText },
      related: { type: 'ticket', id: row.id },
    });
  }

  /** E-mails the people of the unit holding the ticket (or the given roles, for escalations). */
  private async tellUnit(tx: Executor, row: TicketRow, event: string, detail = '', roles?: string[]) {
    const stageRoles = roles ?? [...STAGE_ROLES[row.assigneeStage as Stage]].filter((r) => r !== 'am' && r !== 'kam');
    const emails = new Set<string>();
    for (const role of stageRoles) {
      const underUnit = role === 'product_ctkv' || role === 'approver_ctkv' ? row.ctkvUnitId : null;
      for (const e of await this.deps.identity.emailsOfRole(role, underUnit, tx)) emails.add(e);
    }
    for (const to of emails) {
      await this.deps.notifications.email(tx, {
        to,
        template: 'ticket.staff_update',
        locale: 'vi',
        data: { number: row.number, subject: row.subject, level: row.level, stage: STAGE_LABELS[row.assigneeStage as Stage]?.vi ?? row.assigneeStage, event, detail, link: `${this.deps.publicBaseUrl}/tickets/${row.id}` },
        related: { type: 'ticket', id: row.id },
      });
    }
  }
}

function commandText(cmd: TicketCommand): string | null {
  switch (cmd.event) {
    case 'answer_at_intake':
    case 'resolve':
      return cmd.answer;
    case 'forward':
    case 'reclassify':
      return cmd.reason;
    case 'update_progress':
      return cmd.note;
    case 'request_info':
      return cmd.question;
    case 'customer_replied':
      return cmd.message ?? null;
    case 'review_satisfied':
    case 'review_not_satisfied':
      return cmd.comment ?? null;
    default:
      return null;
  }
}

function clockView(set: ClockSet, now: Date, cal: WorkCalendar) {
  return {
    cycle: set.cycle,
    mode: set.mode,
    paused: set.pausedSince !== null,
    items: set.clocks.map((c) => ({
      stage: c.stage,
      targetMin: c.targetMin,
      consumedMin: Math.round(consumed(c, now, set.mode, cal) * 10) / 10,
      dueAt: dueAt(c, now, set.mode, cal),
      state: c.state,
    })),
  };
}

const STATUS_VI: Record<string, string> = {
  new: 'Mới tiếp nhận',
  in_progress: 'Đang xử lý',
  waiting_customer: 'Chờ khách hàng',
  resolved: 'Đã trả lời',
  closed: 'Đã đóng',
  reopened: 'Mở lại',
};

const labelOf = (stage: string) => (stage === 'total' ? 'tổng thời gian' : (STAGE_LABELS[stage as Stage]?.vi ?? stage));

/** dd/MM/yyyy HH:mm in Hà Nội time. */
function fmt(d: Date | null | undefined): string {
  if (!d) return '—';
  const local = new Date(d.getTime() + 7 * 3_600_000).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
}

