/**
 * The contract lifecycle (SPEC C1–C8) as one object: each use case in `use-cases/` loads, applies the
 * pure rules of `domain/`, persists with its audit entry, and notifies through jobs.
 */
import type { Executor } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import type { ContractModuleDeps, Deps, PaymentLinkFn, ProvisioningPort, ResumeGuard, ServiceAccount, ServiceListener } from './deps.ts';
import { contractUrl } from './notify.ts';
import { assertCanSee, canSee, contractRow, countPostpaidRunningBetween, idsSoldBy, numbersOf, postpaidRunningBetween, type ContractRow } from './queries.ts';
import { addDocument } from './use-cases/add-document.ts';
import { amendContract, type AmendInput } from './use-cases/amend-contract.ts';
import { approveContract } from './use-cases/approve-contract.ts';
import { cancelContract } from './use-cases/cancel-contract.ts';
import { completeAmendment } from './use-cases/complete-amendment.ts';
import { completeProvisioning } from './use-cases/complete-provisioning.ts';
import { confirmPayment, confirmPaymentIn, type PaymentConfirmation } from './use-cases/confirm-payment.ts';
import { declareContract, type DeclareInput } from './use-cases/declare-contract.ts';
import { describeInvoiceLine } from './use-cases/describe-invoice-line.ts';
import { EXPIRE_QUEUE, expireContract } from './use-cases/expire-contract.ts';
import { getContract } from './use-cases/get-contract.ts';
import { listContracts, type ContractFilter } from './use-cases/list-contracts.ts';
import { listTasks, type TaskQuery } from './use-cases/list-tasks.ts';
import { orderSelfService, type InTransaction, type SelfServiceOrder } from './use-cases/order-self-service.ts';
import { quoteTermination } from './use-cases/quote-termination.ts';
import { readDocument } from './use-cases/read-document.ts';
import { rejectContract } from './use-cases/reject-contract.ts';
import { renewContract } from './use-cases/renew-contract.ts';
import { resumeContract } from './use-cases/resume-contract.ts';
import { PROVISION_QUEUE, runProvisioning } from './use-cases/run-provisioning.ts';
import { REMIND_QUEUE, sendRenewalReminder } from './use-cases/send-renewal-reminder.ts';
import { submitContract } from './use-cases/submit-contract.ts';
import { resendPaymentRequest } from './use-cases/resend-payment-request.ts';
import { suspendContract } from './use-cases/suspend-contract.ts';
import { terminateContract } from './use-cases/terminate-contract.ts';

export const CONTRACT_JOBS = { remind: REMIND_QUEUE, expire: EXPIRE_QUEUE, provision: PROVISION_QUEUE } as const;

/** Builds the module: its jobs registered, the portal page as the payment link until payments plugs in. */
export function createContracts(deps: ContractModuleDeps) {
  const d: Deps = {
    ...deps,
    ports: {
      provisioning: new Map(),
      paymentLink: async (_tx, p) => contractUrl(deps, p.contractId),
      checkOnlineTotal: () => {},
      resumeGuards: [],
      serviceListeners: [],
    },
  };
  deps.jobs.register(REMIND_QUEUE, (p: { contractId: string }) => sendRenewalReminder(d, p));
  deps.jobs.register(EXPIRE_QUEUE, (p: { contractId: string }) => expireContract(d, p));
  deps.jobs.register(PROVISION_QUEUE, (p: { contractId: string }, job) => runProvisioning(d, p, job.attempt));
  return {
    /** Where the customer pays (a signed VNPay link), and which online totals the gateway refuses. */
    usePaymentLinks(link: PaymentLinkFn, checkOnlineTotal: (totalVnd: bigint) => void): void {
      d.ports.paymentLink = link;
      d.ports.checkOnlineTotal = checkOnlineTotal;
    },
    /** A check before a suspended service resumes (by staff or by a module), in the resume's transaction. */
    guardResume(guard: ResumeGuard): void {
      d.ports.resumeGuards.push(guard);
    },
    /** A product module follows its contracts' changes (see ServiceListener), in each change's transaction. */
    onServiceChange(listener: ServiceListener): void {
      d.ports.serviceListeners.push(listener);
    },
    registerProvisioning(productCode: string, port: ProvisioningPort): void {
      d.ports.provisioning.set(productCode, port);
    },
    declare: (ctx: Ctx, input: DeclareInput) => declareContract(d, ctx, input),
    selfService: (ctx: Ctx, input: SelfServiceOrder, inTransaction?: InTransaction) => orderSelfService(d, ctx, input, inTransaction),
    submit: (ctx: Ctx, id: string) => submitContract(d, ctx, id),
    resendPaymentRequest: (ctx: Ctx, id: string) => resendPaymentRequest(d, ctx, id),
    confirmPayment: (ctx: Ctx, contractId: string, p: PaymentConfirmation) => confirmPayment(d, ctx, contractId, p),
    confirmPaymentIn: (tx: Executor, ctx: Ctx, contractId: string, p: PaymentConfirmation) => confirmPaymentIn(d, tx, ctx, contractId, p),
    approve: (ctx: Ctx, id: string) => approveContract(d, ctx, id),
    reject: (ctx: Ctx, id: string, reason: string) => rejectContract(d, ctx, id, reason),
    completeProvisioning: (ctx: Ctx, id: string, account: ServiceAccount, note?: string) => completeProvisioning(d, ctx, id, account, note),
    renew: (ctx: Ctx, id: string, opts: { quantity?: number; periodMonths?: number }) => renewContract(d, ctx, id, opts),
    amend: (ctx: Ctx, id: string, input: AmendInput, preview: boolean) => amendContract(d, ctx, id, input, preview),
    completeAmendment: (ctx: Ctx, amendmentId: string) => completeAmendment(d, ctx, amendmentId),
    terminationQuote: (ctx: Ctx, id: string, date: string) => quoteTermination(d, ctx, id, date),
    terminate: (ctx: Ctx, id: string, date: string, reason: string) => terminateContract(d, ctx, id, date, reason),
    cancel: (ctx: Ctx, id: string, reason: string) => cancelContract(d, ctx, id, reason),
    suspend: (ctx: Ctx, id: string, reason: string) => suspendContract(d, ctx, id, reason),
    resume: (ctx: Ctx, id: string) => resumeContract(d, ctx, id),
    addDocument: (ctx: Ctx, id: string, upload: { name: string; contentBase64: string }) => addDocument(d, ctx, id, upload),
    document: (ctx: Ctx, id: string, fileId: string) => readDocument(d, ctx, id, fileId),
    invoiceLine: (contractId: string, amendmentId: string | null, paidVnd: bigint) =>
      describeInvoiceLine(d, contractId, amendmentId, paidVnd),
    detail: (ctx: Ctx, id: string) => getContract(d, ctx, id),
    list: (ctx: Ctx, f: ContractFilter) => listContracts(d, ctx, f),
    listTasks: (ctx: Ctx, q: TaskQuery) => listTasks(d, ctx, q),
    // Reads other modules use (payments, support).
    row: (id: string, ex?: Executor) => contractRow(d, id, ex),
    canSee: (ctx: Ctx, c: ContractRow) => canSee(d, ctx, c),
    assertCanSee: (ctx: Ctx, c: ContractRow) => assertCanSee(d, ctx, c),
    numbersOf: (ids: string[]) => numbersOf(d, ids),
    idsSoldBy: (userId: string) => idsSoldBy(d, userId),
    // The monthly bill run (billing).
    postpaidRunningBetween: (first: string, last: string, afterId: string, limit: number) => postpaidRunningBetween(d, first, last, afterId, limit),
    countPostpaidRunningBetween: (first: string, last: string) => countPostpaidRunningBetween(d, first, last),
  };
}

/** The module object other modules receive. */
export type ContractService = ReturnType<typeof createContracts>;
