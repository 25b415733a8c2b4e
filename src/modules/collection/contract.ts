import { z } from 'zod';
import { localDate, vndString } from '../../shared/fields.ts';

/**
 * The collection HTTP contract (G2): the policy, the cases, write-offs and the aging report. Amounts go
 * out as whole-đồng strings and instants as ISO text, converted by the use cases.
 */

export const stepAction = z.enum(['remind_email', 'remind_sms', 'suspend', 'lock', 'collect']);
export const policyStep = z.object({ afterDays: z.number().int().min(0).max(365), action: stepAction }).strict();
export const policy = z.object({ steps: z.array(policyStep).max(20) }).strict();
export const policyOut = policy.extend({ updatedBy: z.string().nullable(), updatedAt: z.string().nullable(), version: z.number().int() });

const amount = z.string();
export const promise = z.object({
  id: z.string(),
  promisedDate: z.string(),
  amountVnd: amount,
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export const writeOff = z.object({
  id: z.string(),
  caseId: z.string(),
  contractId: z.string(),
  contractNumber: z.string(),
  amountVnd: amount,
  reason: z.string(),
  status: z.enum(['requested', 'approved', 'rejected']),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export const collectionCase = z.object({
  id: z.string(),
  contractId: z.string(),
  contractNumber: z.string(),
  status: z.enum(['open', 'paid', 'written_off']),
  assigneeUsername: z.string().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  outstandingVnd: amount,
  promises: z.array(promise),
  writeOffs: z.array(writeOff),
});
export const caseList = z.object({ items: z.array(collectionCase) });
export const writeOffList = z.object({ items: z.array(writeOff) });
export const casesQuery = z.object({ status: z.enum(['open', 'paid', 'written_off']).optional() }).strict();
export const writeOffsQuery = z.object({ status: z.enum(['requested', 'approved', 'rejected']).optional() }).strict();
export const assignBody = z.object({ assigneeUsername: z.string().trim().min(1).max(100) }).strict();
export const promiseBody = z.object({ promisedDate: localDate, amountVnd: vndString, note: z.string().trim().max(1000).optional() }).strict();
export const reasonBody = z.object({ reason: z.string().trim().min(5).max(1000) }).strict();
export const runResult = z.object({ overdue: z.number().int(), evaluated: z.number().int(), steps: z.number().int() });

export const agingBucket = z.enum(['0-30', '31-60', '61-90', '90+']);
export const aging = z.object({
  asOf: z.string(),
  buckets: z.array(z.object({ bucket: agingBucket, bills: z.number().int(), amountVnd: amount })),
  contracts: z.array(
    z.object({
      contractId: z.string(),
      contractNumber: z.string(),
      customerName: z.string(),
      stage: z.string(),
      totalVnd: amount,
      byBucket: z.record(agingBucket, amount),
    }),
  ),
});

export type PolicyStep = z.infer<typeof policyStep>;
export type CollectionPolicyOut = z.infer<typeof policyOut>;
export type CollectionCase = z.infer<typeof collectionCase>;
export type WriteOff = z.infer<typeof writeOff>;
export type Aging = z.infer<typeof aging>;
export type AgingBucket = z.infer<typeof agingBucket>;
