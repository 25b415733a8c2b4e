import { z } from 'zod';
import { id, instantOut, localDate, pageQuery, paged, vndOut } from '../../shared/fields.ts';
import { billing, periodMonths, priceModel, productCode, quantity, vatRate } from '../catalog/contract.ts';

/** The contracts module's HTTP contract: contracts, their commands, appendices, documents and the task inbox. */

/** Status words are the API's; "active" is a contract in use (the state machine is domain/lifecycle.ts). */
export const CONTRACT_STATUSES = [
  'draft',
  'awaiting_payment',
  'pending_approval',
  'provisioning',
  'active',
  'suspended',
  'expired',
  'terminated',
  'cancelled',
  'rejected',
] as const;
/** Actions a screen may offer on a contract (domain/lifecycle.ts `allowedActions` decides which). */
export const CONTRACT_ACTIONS = [
  'submit',
  'approve',
  'reject',
  'record_payment',
  'complete_provisioning',
  'cancel',
  'terminate',
  'suspend',
  'resume',
  'renew',
  'amend',
] as const;
export const CHANNELS = ['self_service', 'am', 'agent'] as const;
/** The steps of a contract that carry a working-day deadline (C4, C8). */
export const TASK_KINDS = ['declare', 'approve_ctkv', 'approve_ttcntt', 'provision', 'configure_amendment', 'configure_termination', 'renew'] as const;
export const AMENDMENT_KINDS = ['upgrade', 'add_package', 'adjust'] as const;
export const AMENDMENT_STATUSES = ['awaiting_payment', 'configuring', 'applied', 'cancelled'] as const;

export const contractStatus = z.enum(CONTRACT_STATUSES);
export const contractAction = z.enum(CONTRACT_ACTIONS);
export const channel = z.enum(CHANNELS);
export const taskKind = z.enum(TASK_KINDS);
const taskStatus = z.enum(['open', 'done', 'cancelled']);
const text = (max: number) => z.string().max(max);
const reasonText = z.string().trim().min(3).max(1000);
/** Where the customer uses the service: shown to them as a link, so only http(s). */
const accessUrl = z.url({ protocol: /^https?$/ }).max(500);

// ---- responses ----------------------------------------------------------------------------------------

export const unitRef = z.object({ id, code: z.string(), name: z.string() });

export const contractSummary = z.object({
  id,
  number: z.string(),
  status: contractStatus,
  customer: z.object({ id, name: z.string(), type: z.enum(['individual', 'enterprise']) }).nullable(),
  product: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }).nullable(),
  plan: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }).nullable(),
  channel,
  billing,
  quantity: z.number().int(),
  periodMonths: z.number().int(),
  totalVnd: vndOut,
  startDate: localDate.nullable(),
  endDate: localDate.nullable(),
  sellingUnit: unitRef.nullable(),
  createdAt: instantOut,
});

export const contractTask = z.object({
  id,
  amendmentId: z.string().nullable(),
  kind: taskKind,
  status: taskStatus,
  openedAt: instantOut,
  dueAt: instantOut,
  doneAt: instantOut.nullable(),
  doneBy: z.string().nullable(),
  doneByName: z.string().nullable(),
  overdue: z.boolean(),
});

/** Credit for the unused part, charge for the new package, net = charge − credit (C6). */
const proration = { creditVnd: vndOut, chargeVnd: vndOut, netVnd: vndOut };

export const amendment = z.object({
  id,
  kind: z.enum(AMENDMENT_KINDS),
  status: z.enum(AMENDMENT_STATUSES),
  fromQuantity: z.number().int(),
  quantity: z.number().int(),
  periodMonths: z.number().int(),
  changeDate: localDate,
  ...proration,
  /** What the customer pays for it, VAT included (0 when the appendix credits them). */
  payableVnd: vndOut,
  note: z.string().nullable(),
  createdAt: instantOut,
  appliedAt: instantOut.nullable(),
});
/** The day-by-day proration of an appendix (C6). */
export const upgradeSettlement = z.object({
  totalDays: z.number().int(),
  usedDays: z.number().int(),
  remainingDays: z.number().int(),
  ...proration,
});
/** An appendix as created or previewed: with its proration. */
export const amendmentResult = amendment.extend({ settlement: upgradeSettlement });

/** A changed field in words: ids already turned into names; values are status codes, dates, instants or text. */
export const fieldChange = z.object({
  field: z.string(),
  from: z.union([z.string(), z.number(), z.boolean()]).nullable(),
  to: z.union([z.string(), z.number(), z.boolean()]).nullable(),
});

export const timelineEntry = z.object({
  id: z.number().int(),
  at: instantOut,
  actorName: z.string().nullable(),
  action: z.string(),
  changes: z.array(fieldChange),
  /** The raw audit entry, only for those who may read the audit trail. */
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

export const approval = z.object({ required: z.boolean(), by: z.string().nullable(), byName: z.string().nullable(), at: instantOut.nullable() });

/** What the customer can use: the account and link once provisioned; before that, when they are expected. */
export const serviceAccess = z.union([
  z.object({ status: z.literal('provisioning'), expectedBy: instantOut.nullable(), accountRef: z.null(), accessUrl: z.null() }),
  z.object({ status: z.literal('ready'), expectedBy: z.null(), accountRef: z.string(), accessUrl: z.string().nullable() }),
]);

export const contractDocument = z.object({
  id,
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  createdAt: instantOut,
});

/** The settlement of an early termination (C7): the months used re-priced, the refund, one sentence why. */
export const terminationQuote = z.object({
  date: localDate,
  usedMonths: z.number().int(),
  repricedPeriodMonths: z.number().int(),
  usedValueVnd: vndOut,
  refundVnd: vndOut,
  explanation: z.string(),
});

export const contractDetail = contractSummary.extend({
  kind: z.enum(['new', 'renewal']),
  parentId: z.string().nullable(),
  unitPriceVnd: vndOut,
  subtotalVnd: vndOut,
  vatRate,
  vatVnd: vndOut,
  signedDate: localDate.nullable(),
  managingUnit: unitRef.nullable(),
  salesUser: z.object({ id, fullName: z.string() }).nullable(),
  /** Only the approvals this contract's flow has; null: does not apply (self-service has none). */
  approvals: z.object({ ctkv: approval.nullable(), ttcntt: approval.nullable() }),
  /** Null before payment (or approval) and for contracts that never got an account. */
  service: serviceAccess.nullable(),
  paidAt: instantOut.nullable(),
  paymentRef: z.string().nullable(),
  activatedAt: instantOut.nullable(),
  accountRef: z.string().nullable(),
  accessUrl: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  terminatedAt: instantOut.nullable(),
  terminationDate: localDate.nullable(),
  terminationReason: z.string().nullable(),
  /** Kept when the contract was terminated early. */
  settlement: terminationQuote.nullable(),
  note: z.string().nullable(),
  /** The price model signed on: later price versions never change it. */
  priceModel,
  tasks: z.array(contractTask),
  amendments: z.array(amendment),
  allowedActions: z.array(contractAction),
  documents: z.array(contractDocument),
  timeline: z.array(timelineEntry),
});

/** One step in the inbox, with the contract it belongs to. */
export const task = z.object({
  id,
  kind: taskKind,
  status: taskStatus,
  amendmentId: z.string().nullable(),
  /** What an approver decides on, without opening the contract: amount, customer, product, seller, documents. */
  contract: z.object({
    id,
    number: z.string(),
    status: contractStatus,
    customerName: z.string(),
    productCode: z.string(),
    totalVnd: vndOut,
    sellerName: z.string().nullable(),
    documentCount: z.number().int(),
  }),
  unit: unitRef.nullable(),
  openedAt: instantOut,
  dueAt: instantOut,
  doneAt: instantOut.nullable(),
  overdue: z.boolean(),
});

/** `totalCapped`: there are more than `total` (the count stops at 10,000, see list-contracts.ts). */
export const contractPage = paged(contractSummary).extend({ totalCapped: z.boolean().optional() });
export const taskPage = paged(task);

// ---- requests -----------------------------------------------------------------------------------------

export const byId = z.object({ id });
export const documentParams = z.object({ id, fileId: id });
export const contractsQuery = z
  .object({
    status: contractStatus.optional(),
    product: productCode.optional(),
    channel: channel.optional(),
    unitId: id.optional(),
    customerId: id.optional(),
    expiringBefore: localDate.optional(),
    q: z.string().trim().max(100).optional(),
    ...pageQuery,
  })
  .strict();
export const newContract = z
  .object({
    customerId: id,
    product: productCode,
    planCode: productCode.optional(),
    billing: billing.optional(),
    quantity,
    periodMonths: periodMonths.optional(),
    signedDate: localDate,
    startDate: localDate.optional(),
    onpremQuoteId: id.optional(),
    note: text(2000).optional(),
  })
  .strict();
export const selfServiceOrder = z.object({ product: productCode, quantity, periodMonths: periodMonths.optional() }).strict();
export const empty = z.object({}).strict();
export const paymentRequestSent = z.object({ contractId: id, sent: z.literal(true) });
export const reasonBody = z.object({ reason: reasonText }).strict();
export const terminateBody = z.object({ date: localDate, reason: reasonText }).strict();
export const accountBody = z
  .object({ accountRef: z.string().trim().min(2).max(200), accessUrl: accessUrl.optional(), note: text(2000).optional() })
  .strict();
export const terminationQuoteQuery = z.object({ date: localDate }).strict();
export const documentUpload = z.object({ name: z.string().trim().min(1).max(200), contentBase64: z.string().min(1) }).strict();
export const renewBody = z.object({ quantity: quantity.optional(), periodMonths: periodMonths.optional() }).strict();
export const amendQuery = z.object({ preview: z.enum(['true', 'false']).optional() }).strict();
export const amendBody = z
  .object({
    kind: z.enum(AMENDMENT_KINDS),
    quantity: quantity.optional(),
    periodMonths: periodMonths.optional(),
    changeDate: localDate,
    note: text(2000).optional(),
  })
  .strict();
export const tasksQuery = z.object({ status: z.enum(['open', 'done']).optional(), kind: taskKind.optional(), ...pageQuery }).strict();

/** The body each command posted on a contract takes (a bank transfer goes to the payments ledger instead). */
export const actionBodies = {
  submit: empty,
  approve: empty,
  reject: reasonBody,
  cancel: reasonBody,
  suspend: reasonBody,
  resume: empty,
  terminate: terminateBody,
  complete_provisioning: accountBody,
  renew: renewBody,
  amend: amendBody,
} as const satisfies Record<Exclude<(typeof CONTRACT_ACTIONS)[number], 'record_payment'>, z.ZodType>;
export type PostedAction = keyof typeof actionBodies;
export type ActionBody<A extends PostedAction> = z.input<(typeof actionBodies)[A]>;

export type ContractStatus = z.infer<typeof contractStatus>;
export type ContractAction = z.infer<typeof contractAction>;
export type Channel = z.infer<typeof channel>;
export type TaskKind = z.infer<typeof taskKind>;
export type UnitRef = z.infer<typeof unitRef>;
export type ContractSummary = z.infer<typeof contractSummary>;
export type ContractTask = z.infer<typeof contractTask>;
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];
export type Amendment = z.infer<typeof amendment>;
export type AmendmentResult = z.infer<typeof amendmentResult>;
export type TimelineEntry = z.infer<typeof timelineEntry>;
export type FieldChange = z.infer<typeof fieldChange>;
export type Approval = z.infer<typeof approval>;
export type ServiceAccess = z.infer<typeof serviceAccess>;
export type ContractDocument = z.infer<typeof contractDocument>;
export type ContractDetail = z.infer<typeof contractDetail>;
export type TerminationQuote = z.infer<typeof terminationQuote>;
export type Task = z.infer<typeof task>;
export type NewContract = z.input<typeof newContract>;
export type AmendBody = z.input<typeof amendBody>;
