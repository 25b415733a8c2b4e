import { z } from 'zod';
import { instantOut, vndOut } from '../../shared/fields.ts';
import { TASK_KINDS } from '../contracts/contract.ts';

/** The notification feed's HTTP contract (the bell in the header, issue #15). */

export const FEED_KINDS = ['approval', 'task_due', 'sla_warning', 'sla_breach', 'payment_received'] as const;
export const feedKind = z.enum(FEED_KINDS);

/** One thing that needs the user, with where to go for it. */
export const feedItem = z.object({
  /** Stable: `task:<id>`, `ticket:<id>:warning|breach`, `payment:<id>`. */
  key: z.string(),
  kind: feedKind,
  /** When it became news (a task's opening or deadline, a ticket's deadline, a payment's time). */
  at: instantOut,
  dueAt: instantOut.nullable(),
  overdue: z.boolean(),
  /** The page of the item in the web app. */
  link: z.string(),
  /** The contract or ticket number. */
  ref: z.string(),
  /** The customer's name, or the ticket's subject. */
  subject: z.string().nullable(),
  taskKind: z.enum(TASK_KINDS).nullable(),
  amountVnd: vndOut.nullable(),
  read: z.boolean(),
});

export const feed = z.object({ items: z.array(feedItem), unread: z.number().int() });

const key = z.string().min(1).max(80);
/** Mark some items read, or all of the feed. */
export const markRead = z.union([
  z.object({ keys: z.array(key).min(1).max(100) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export const markedRead = z.object({ marked: z.number().int(), unread: z.number().int() });

export type FeedKind = z.infer<typeof feedKind>;
export type Feed = z.output<typeof feed>;
export type FeedEntry = z.output<typeof feedItem>;
export type MarkRead = z.output<typeof markRead>;
