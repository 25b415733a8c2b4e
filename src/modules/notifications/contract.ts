import { z } from 'zod';
import { id, instantOut, pageQuery, paged } from '../../shared/fields.ts';

/** The notifications' HTTP contract: the mail and SMS log, and the SMS centre simulator's inbound message. */

export const MESSAGE_STATUSES = ['queued', 'sent', 'delivered', 'failed', 'received'] as const;
export const channel = z.enum(['email', 'sms']);
export const direction = z.enum(['out', 'in']);
export const messageStatus = z.enum(MESSAGE_STATUSES);

/** One e-mail or SMS; the body of a secret-bearing one (a reset link) is hidden. */
export const message = z.object({
  id: z.string(),
  channel,
  direction,
  to: z.string(),
  from: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  html: z.string().nullable(),
  template: z.string().nullable(),
  locale: z.string().nullable(),
  status: messageStatus,
  attempts: z.number().int(),
  error: z.string().nullable(),
  relatedType: z.string().nullable(),
  relatedId: z.string().nullable(),
  createdAt: instantOut,
  sentAt: instantOut.nullable(),
  deliveredAt: instantOut.nullable(),
});

export const messageQuery = z.object({ channel: channel.optional(), direction: direction.optional(), status: messageStatus.optional(), ...pageQuery }).strict();
export const messagesPage = paged(message);
export const idParams = z.object({ id });
export const smsMo = z
  .object({
    from: z.string().regex(/^(84|0)\d{9,10}$/, 'subscriber number like 84901234567'),
    to: z.string().regex(/^\d{3,6}$/).default('9223'),
    text: z.string().trim().min(1).max(480),
  })
  .strict();
export const accepted = z.object({ accepted: z.literal(true) });

export type MessageStatus = z.infer<typeof messageStatus>;
export type OutboxMessage = z.infer<typeof message>;
export type MessageQuery = z.output<typeof messageQuery>;
export type SmsMo = z.input<typeof smsMo>;
