import { z } from 'zod';
import { period } from '../usage/contract.ts';

/**
 * The commissions HTTP contract (A6): what routes validate and document, and what the web reads.
 * Amounts go out as signed whole-đồng strings (a reversal is negative) and instants as ISO text, already
 * converted by the use cases (the response serializer encodes, and a transform cannot be encoded).
 */
const signedVnd = z.string().regex(/^-?\d{1,18}$/);
const isoInstant = z.string();

const username = z.string().trim().min(1).max(100);

export const periodQuery = z.object({ period }).strict();
export const statementQuery = z.object({ period, beneficiaryUsername: username }).strict();
export const approveStatement = z.object({ period, beneficiaryUsername: username }).strict();

export const commissionStatus = z.enum(['accrued', 'approved']);
export const commissionItem = z.object({
  beneficiaryUsername: z.string(),
  contractId: z.string(),
  contractNumber: z.string(),
  collectedVnd: signedVnd,
  rateBp: z.number().int(),
  amountVnd: signedVnd,
  status: commissionStatus,
});
export const commissionList = z.object({ items: z.array(commissionItem) });

export const statement = z.object({
  period: z.string(),
  beneficiaryUsername: z.string(),
  beneficiaryKind: z.enum(['am', 'agent']),
  collectedVnd: signedVnd,
  amountVnd: signedVnd,
  status: commissionStatus,
  approvedBy: z.string().nullable(),
  approvedAt: isoInstant.nullable(),
});
export const statementList = z.object({ items: z.array(statement) });
export const syncResult = z.object({ added: z.number().int() });

export type CommissionItem = z.infer<typeof commissionItem>;
export type CommissionStatement = z.infer<typeof statement>;
export type CommissionStatus = z.infer<typeof commissionStatus>;
