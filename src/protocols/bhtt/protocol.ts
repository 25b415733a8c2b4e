/**
 * The revenue feed to BHTT (the sales-support system, issue #11 item 8): one record per contract,
 * month and kind, upserted by its id and read back by it. Shared by the QLDV adapter and the local
 * simulator. Amounts are signed whole đồng as decimal strings; `period` is the local month (tháng N).
 *
 *   PUT  {base}/api/v1/revenue-records/{recordId}   body BhttRecord → 200 BhttAnswer (code 00; a repeat is a no-op)
 *   GET  {base}/api/v1/revenue-records/{recordId}   → 200 BhttAnswer with the record, or 404 code 04
 *   Authorization: Bearer {BHTT_API_KEY}
 */
export const BHTT_RECORDS_PATH = '/api/v1/revenue-records';

export const BHTT_KINDS = ['revenue', 'collection', 'commission'] as const;
export type BhttKind = (typeof BHTT_KINDS)[number];

export interface BhttRecord {
  recordId: string;
  kind: BhttKind;
  /** YYYY-MM */
  period: string;
  contractId: string;
  contractNumber: string;
  /** revenue: billed before VAT; collection: collected (VAT included, refunds deducted); commission: earned. */
  amount: string;
  /** revenue only: the VAT billed. */
  vat: string | null;
  currency: 'VND';
  source: 'QLDV';
}

/** 00 stored; 01 invalid record; 02 unauthorized; 04 not found; 99 provider error. */
export type BhttCode = '00' | '01' | '02' | '04' | '99';

export interface BhttAnswer {
  code: BhttCode;
  message: string;
  record?: BhttRecord & { receivedAt: string; revision: number };
}

/** The record id: the idempotency key of the push, one per contract, month and kind. */
export const bhttRecordId = (contractId: string, period: string, kind: BhttKind): string => `${contractId}.${period}.${kind}`;

const SIGNED = /^-?\d{1,18}$/;

/** What is wrong with a record (empty when valid): checked by the simulator as BHTT would. */
export function bhttRecordProblems(r: Partial<BhttRecord>, pathId?: string): string[] {
  const problems: string[] = [];
  if (!r.recordId || (pathId !== undefined && r.recordId !== pathId)) problems.push('recordId must match the path');
  if (!BHTT_KINDS.includes(r.kind as BhttKind)) problems.push('kind must be revenue, collection or commission');
  if (!/^20\d\d-(0[1-9]|1[0-2])$/.test(r.period ?? '')) problems.push('period must be YYYY-MM');
  if (!r.contractId || !r.contractNumber) problems.push('contractId and contractNumber are required');
  if (!SIGNED.test(r.amount ?? '')) problems.push('amount must be whole đồng');
  if (r.vat !== null && r.vat !== undefined && !SIGNED.test(r.vat)) problems.push('vat must be whole đồng or null');
  if (r.currency !== 'VND' || r.source !== 'QLDV') problems.push('currency VND and source QLDV');
  if (
    r.recordId && r.contractId && r.period && r.kind && r.recordId !== bhttRecordId(r.contractId, r.period, r.kind)
  ) problems.push('recordId is contractId.period.kind');
  return problems;
}

/** The same business content (what a retry compares after looking the record up). */
export const sameBhttRecord = (a: BhttRecord, b: BhttRecord): boolean =>
  a.recordId === b.recordId && a.amount === b.amount && (a.vat ?? null) === (b.vat ?? null) && a.contractNumber === b.contractNumber;
