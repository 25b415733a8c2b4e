/**
 * The notification feed (issue #15): the bell in the header lists what needs the user — approvals
 * waiting, tasks near their deadline, SLA warnings on tickets, payments received — read from the
 * owning modules' public APIs with the caller's scope, and the user's read marks (`feed.read_marks`).
 * Routes are in `routes.ts`, mounted by app.ts.
 */
import type { Ctx } from '../../platform/context.ts';
import type { MarkRead } from './contract.ts';
import type { FeedDeps } from './deps.ts';
import { markRead } from './use-cases/mark-read.ts';
import { showFeed } from './use-cases/show-feed.ts';

export function createFeed(d: FeedDeps) {
  return {
    feed: (ctx: Ctx) => showFeed(d, ctx),
    markRead: (ctx: Ctx, request: MarkRead) => markRead(d, ctx, request),
  };
}

export type FeedService = ReturnType<typeof createFeed>;
export type { FeedDeps };
