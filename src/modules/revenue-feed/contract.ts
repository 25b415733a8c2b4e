import { z } from 'zod';
import { period } from '../usage/contract.ts';

/** The revenue feed's HTTP contract (what was queued and sent to BHTT per contract, month and kind). */

export const periodBody = z.object({ period }).strict();

export const feedItem = z.object({
  recordId: z.string(),
  kind: z.enum(['revenue', 'collection', 'commission']),
  contractId: z.string(),
  contractNumber: z.string(),
  amount: z.string(),
  vat: z.string().nullable(),
  status: z.enum(['pending', 'sent']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
});
export const feedList = z.object({ items: z.array(feedItem) });
export const closeResult = z.object({ queued: z.number().int() });

export type FeedItem = z.infer<typeof feedItem>;
