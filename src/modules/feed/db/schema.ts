import { index, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const feedSchema = pgSchema('feed');

/** What each user has read of their notification feed, by the item's stable key. */
export const readMarks = feedSchema.table(
  'read_marks',
  {
    userId: text('user_id').notNull(),
    itemKey: text('item_key').notNull(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.itemKey] }), index('read_marks_read_at_idx').on(t.readAt)],
);
