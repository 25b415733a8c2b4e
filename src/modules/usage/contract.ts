import { z } from 'zod';
import { id, instantOut, listOf } from '../../shared/fields.ts';

/** The usage module's HTTP contract (API keys, events, a contract's usage and projected bill). */

/** Why an event is refused; each refused event is reported with its index and one of these. */
export const REJECTION_CODES = [
  'UNKNOWN_METRIC',
  'INVALID_TIMESTAMP',
  'BEFORE_CONTRACT_START',
  'PERIOD_CLOSED',
  'CONTRACT_SUSPENDED',
  'CONTRACT_TERMINATED',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export const period = z.string().regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/, 'YYYY-MM');

export const newApiKey = z.object({ name: z.string().trim().min(1).max(100).default('API') }).strict();
export const apiKeyCreated = z.object({ id, key: z.string(), prefix: z.string(), name: z.string() });
export const apiKey = z.object({
  id,
  prefix: z.string(),
  name: z.string(),
  createdAt: instantOut,
  revokedAt: instantOut.nullable(),
});
export const apiKeyList = listOf(apiKey);
export const keyParams = z.object({ id, keyId: id }).strict();

/** Timestamp and metric are checked per event (a bad one is rejected with its code, not the batch). */
export const usageEvent = z
  .object({
    transactionId: z.string().min(1).max(100),
    metric: z.string().min(1).max(100),
    timestamp: z.string().max(40),
    quantity: z.number().int().min(0).max(1_000_000_000).optional(),
    properties: z.record(z.string().max(100), z.unknown()).optional(),
  })
  .strict();
export const usageBatch = z.object({ events: z.array(usageEvent).min(1).max(1000) }).strict();
export const rejectionCode = z.enum(REJECTION_CODES);
export const ingestResult = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), code: rejectionCode })),
});

/** A contract's usage of a period: the total per metric and per local day (for the chart). */
export const usageOfPeriod = z.object({
  period: z.string(),
  metrics: z.record(z.string(), z.object({ quantity: z.number() })),
  daily: z.array(z.object({ date: z.string(), metric: z.string(), quantity: z.number() })),
});

export type ApiKey = z.infer<typeof apiKey>;
export type ApiKeyCreated = z.infer<typeof apiKeyCreated>;
export type UsageBatch = z.infer<typeof usageBatch>;
export type IngestResult = z.infer<typeof ingestResult>;
export type UsageOfPeriod = z.infer<typeof usageOfPeriod>;
