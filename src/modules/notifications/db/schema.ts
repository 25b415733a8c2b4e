import { index, integer, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

export const notificationsSchema = pgSchema('notifications');
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Every e-mail and SMS, in and out: the outbox that delivery works from and the log staff read. */
export const messages = notificationsSchema.table(
  'messages',
  {
    id: text('id').primaryKey(),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    direction: text('direction', { enum: ['out', 'in'] }).notNull(),
    to: text('to_addr').notNull(),
    from: text('from_addr').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    html: text('html'),
    template: text('template'),
    locale: text('locale'),
    status: text('status', { enum: ['queued', 'sent', 'delivered', 'failed', 'received'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    providerIds: text('provider_ids').array(),
    error: text('error'),
    relatedType: text('related_type'),
    relatedId: text('related_id'),
    createdAt: instant('created_at').notNull(),
    sentAt: instant('sent_at'),
    deliveredAt: instant('delivered_at'),
  },
  (t) => [index('messages_channel_created_idx').on(t.channel, t.createdAt)],
);
