/**
 * The notification feed (issue #15): what needs the user, as items with a stable key each, so a read
 * mark keeps meaning the same thing. Pure: the sources are read elsewhere and `now` is given.
 */
import type { TaskKind } from '../../contracts/contract.ts';
import type { FeedKind } from '../contract.ts';

/** One item of the feed as the domain builds it (the contract's `feedItem` serialises it). */
export interface FeedItem {
  key: string;
  kind: FeedKind;
  at: Date;
  dueAt: Date | null;
  overdue: boolean;
  link: string;
  ref: string;
  subject: string | null;
  taskKind: TaskKind | null;
  amountVnd: bigint | null;
  read: boolean;
}

/** A task is "near its deadline" from this long before it (and stays so once overdue). */
export const NEAR_DEADLINE_MS = 24 * 60 * 60 * 1000;
/** Payments received are news for a week. */
export const PAYMENT_DAYS = 7;
/** The feed shows at most this many items, the newest first. */
export const FEED_LIMIT = 50;

export interface TaskSource {
  id: string;
  kind: TaskKind;
  openedAt: Date;
  dueAt: Date;
  contract: { id: string; number: string; customerName: string; totalVnd: bigint };
}

export interface TicketSource {
  id: string;
  number: string;
  subject: string;
  warned: boolean;
  breached: boolean;
  /** The deadline of the unit holding the ticket, else the total one. */
  dueAt: Date | null;
}

export interface PaymentSource {
  id: string;
  contractId: string;
  contractNumber: string;
  customerName: string | null;
  amountVnd: bigint;
  paidAt: Date;
}

export interface FeedSources {
  tasks: TaskSource[];
  tickets: TicketSource[];
  payments: PaymentSource[];
}

/** Is this task kind a decision of an approver? */
export const isApproval = (kind: string): boolean => kind.startsWith('approve_');

/** Whether a deadline is within `NEAR_DEADLINE_MS` of now, or past. */
export const nearDeadline = (dueAt: Date, now: Date): boolean => dueAt.getTime() - now.getTime() <= NEAR_DEADLINE_MS;

type Unread = Omit<FeedItem, 'read'>;

/** The items of the sources: every approval waiting, other tasks near their deadline, SLA alerts, payments. */
export function feedItems(s: FeedSources, now: Date): Unread[] {
  const items: Unread[] = [];
  for (const t of s.tasks) {
    const approval = isApproval(t.kind);
    if (!approval && !nearDeadline(t.dueAt, now)) continue;
    items.push({
      key: `task:${t.id}`,
      kind: approval ? 'approval' : 'task_due',
      at: approval ? t.openedAt : t.dueAt,
      dueAt: t.dueAt,
      overdue: t.dueAt < now,
      link: `/contracts/${t.contract.id}`,
      ref: t.contract.number,
      subject: t.contract.customerName,
      taskKind: t.kind,
      amountVnd: approval ? t.contract.totalVnd : null,
    });
  }
  for (const t of s.tickets) {
    if (!t.warned && !t.breached) continue;
    // A breach after the warning is news again: its own key.
    const kind: FeedKind = t.breached ? 'sla_breach' : 'sla_warning';
    items.push({
      key: `ticket:${t.id}:${t.breached ? 'breach' : 'warning'}`,
      kind,
      at: t.dueAt ?? now,
      dueAt: t.dueAt,
      overdue: t.breached,
      link: `/tickets/${t.id}`,
      ref: t.number,
      subject: t.subject,
      taskKind: null,
      amountVnd: null,
    });
  }
  for (const p of s.payments) {
    items.push({
      key: `payment:${p.id}`,
      kind: 'payment_received',
      at: p.paidAt,
      dueAt: null,
      overdue: false,
      link: `/contracts/${p.contractId}`,
      ref: p.contractNumber,
      subject: p.customerName,
      taskKind: null,
      amountVnd: p.amountVnd,
    });
  }
  return items.sort((a, b) => b.at.getTime() - a.at.getTime() || a.key.localeCompare(b.key)).slice(0, FEED_LIMIT);
}

/** The feed with the user's read marks: each item marked, and how many are unread. */
export function withReadMarks(items: Unread[], read: ReadonlySet<string>): { items: FeedItem[]; unread: number } {
  const marked = items.map((i) => ({ ...i, read: read.has(i.key) }));
  return { items: marked, unread: marked.filter((i) => !i.read).length };
}

/**
 * Which keys a mark request may set: only items of the caller's own feed (an id the request names is
 * checked against what the caller may see). Returns the keys to mark and those not in the feed.
 */
export function keysToMark(feedKeys: readonly string[], request: { all: true } | { keys: string[] }): { mark: string[]; unknown: string[] } {
  if ('all' in request) return { mark: [...feedKeys], unknown: [] };
  const known = new Set(feedKeys);
  const asked = [...new Set(request.keys)];
  return { mark: asked.filter((k) => known.has(k)), unknown: asked.filter((k) => !known.has(k)) };
}
