import { and, eq, notInArray } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import type { MarkRead } from '../contract.ts';
import { readMarks } from '../db/schema.ts';
import type { FeedDeps } from '../deps.ts';
import { feedItems, keysToMark, withReadMarks } from '../domain/feed.ts';
import { feedError } from '../errors.ts';
import { readSources, userOf } from './show-feed.ts';

/**
 * Marks items of the caller's feed read (some, or all). A key not in the caller's feed — handled
 * since, or never theirs — is refused and nothing changes. Marks of items gone from the feed are
 * dropped in the same transaction, so the table holds only what the feed still shows.
 */
export async function markRead(d: FeedDeps, ctx: Ctx, request: MarkRead) {
  const userId = userOf(ctx);
  const now = d.clock.now();
  const items = feedItems(await readSources(d, ctx), now);
  const feedKeys = items.map((i) => i.key);
  const { mark, unknown } = keysToMark(feedKeys, request);
  if (unknown.length) throw feedError('FEED_ITEM_GONE', { keys: unknown });
  const read = await d.database.db.transaction(async (tx) => {
    const gone = feedKeys.length ? notInArray(readMarks.itemKey, feedKeys) : undefined;
    await tx.delete(readMarks).where(and(eq(readMarks.userId, userId), gone));
    if (mark.length) {
      await tx
        .insert(readMarks)
        .values(mark.map((itemKey) => ({ userId, itemKey, readAt: now })))
        .onConflictDoNothing();
      await d.audit.record(tx, ctx, { action: 'notification.read', entityType: 'notification_feed', entityId: userId, after: { keys: mark } });
    }
    return tx.select({ key: readMarks.itemKey }).from(readMarks).where(eq(readMarks.userId, userId));
  });
  return { marked: mark.length, unread: withReadMarks(items, new Set(read.map((r) => r.key))).unread };
}
