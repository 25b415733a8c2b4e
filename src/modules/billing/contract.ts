import { z } from 'zod';
import { id, instantOut, localDate, paged, vndOut } from '../../shared/fields.ts';
import { period, usageOfPeriod } from '../usage/contract.ts';

/** The billing module's HTTP contract: bill runs, bills, a contract's usage with its projected bill. */

export const BILL_STATUS_VALUES = ['draft', 'issued', 'partly_paid', 'overdue', 'paid', 'written_off'] as const;
export const billStatus = z.enum(BILL_STATUS_VALUES);

export const newRun = z.object({ period }).strict();
export const run = z.object({
  id,
  period: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  contractsTotal: z.number().int(),
  contractsDone: z.number().int(),
  billsCreated: z.number().int(),
  startedBy: z.string(),
  startedAt: instantOut,
  finishedAt: instantOut.nullable(),
  error: z.string().nullable(),
});
export const runList = z.object({ items: z.array(run) });

export const billsQuery = z
  .object({
    contractId: id.optional(),
    period: period.optional(),
    status: billStatus.optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();

export const billLine = z.object({
  kind: z.enum(['usage', 'fixed']),
  description: z.string(),
  metric: z.string().nullable(),
  quantity: z.number().int(),
  unit: z.string(),
  unitPriceVnd: vndOut,
  amountVnd: vndOut,
  vatRate: z.string(),
  vatVnd: vndOut,
});

export const billSummary = z.object({
  id,
  number: z.string().nullable(),
  contractId: id,
  contractNumber: z.string(),
  customerId: id,
  customerName: z.string(),
  period: z.string(),
  status: billStatus,
  issueDate: localDate.nullable(),
  dueDate: localDate.nullable(),
  subtotalVnd: vndOut,
  vatVnd: vndOut,
  totalVnd: vndOut,
  paidVnd: vndOut,
  paidAt: instantOut.nullable(),
});
export const billPage = paged(billSummary);
/** Money received on a bill: a part by bank transfer, or the rest through VNPay or a transfer. */
export const billPayment = z.object({
  id,
  method: z.enum(['vnpay', 'bank_transfer']),
  amountVnd: vndOut,
  paidAt: instantOut.nullable(),
  bankRef: z.string().nullable(),
});
export const billDetail = billSummary.extend({
  lines: z.array(billLine),
  /** What the bill still owes (total less what was paid). */
  outstandingVnd: vndOut,
  payments: z.array(billPayment),
  /** The VNPay link page while the bill is open (the same link as in the fee e-mail). */
  payUrl: z.string().nullable(),
});

export const contractUsage = usageOfPeriod.extend({
  projected: z.object({ subtotalVnd: vndOut, vatVnd: vndOut, totalVnd: vndOut, lines: z.array(billLine) }),
});
export const usageQuery = z.object({ period: period.optional() }).strict();

export type Run = z.infer<typeof run>;
export type BillSummary = z.infer<typeof billSummary>;
export type BillDetail = z.infer<typeof billDetail>;
export type BillLine = z.infer<typeof billLine>;
export type BillPayment = z.infer<typeof billPayment>;
export type ContractUsage = z.infer<typeof contractUsage>;
export type BillStatusValue = z.infer<typeof billStatus>;
