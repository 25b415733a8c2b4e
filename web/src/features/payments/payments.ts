import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Paged } from '@shared/fields.ts';
import type {
  AttemptStatus,
  BankTransferBody,
  Payment,
  PaymentRefund,
  PaymentQuery,
  PaymentStatus,
  ReconKind,
  RefundBody,
  RefundStatus,
  Reconciliation,
  ReconciliationDetail,
  ReconSummary,
} from '@contracts/payments';
import type { Translate } from '../../i18n/index.tsx';
import type { PageState } from '../../ui/paging.ts';
import { contractsKey } from '../contracts/contracts.ts';

export const paymentsKey = ['payments'] as const;
const reconKey = [...paymentsKey, 'reconciliations'] as const;

/** Who may open the payment pages (`payment.read` on the server). */
export const PAYMENT_ROLES = ['admin', 'accountant', 'invoice_officer'] as const;

export type PaymentFilter = Pick<PaymentQuery, 'status' | 'contractId'>;

export const usePayments = (filter: PaymentFilter, paging: PageState) =>
  useQuery({
    queryKey: [...paymentsKey, 'list', filter, paging],
    queryFn: () => api.get<Paged<Payment>>('/api/v1/payments', { ...filter, ...paging }),
    placeholderData: keepPreviousData,
  });

/** A payment and its contract move together (a querydr can pay it, a refund changes it). */
function useInvalidatePayments() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: paymentsKey }), queryClient.invalidateQueries({ queryKey: contractsKey })]);
}

/** Asks for a refund: answered at once with the pending refund; VNPay is asked by a job, once. */
export function useRefund() {
  const invalidate = useInvalidatePayments();
  return useMutation({
    mutationFn: ({ id, ...body }: RefundBody & { id: string }) =>
      api.post<PaymentRefund>(`/api/v1/payments/${encodeURIComponent(id)}/refund`, body),
    onSuccess: invalidate,
  });
}


/** A bank transfer recorded by an accountant: the same ledger, contract hook and e-invoice as VNPay. */
export function useRecordManualPayment() {
  const invalidate = useInvalidatePayments();
  return useMutation({
    mutationFn: (body: BankTransferBody) => api.post<Payment>('/api/v1/payments/manual', body),
    onSuccess: invalidate,
  });
}

/** Asks VNPay (querydr) about a pending attempt; the server settles it like an IPN would. */
export function useQueryAttempt() {
  const invalidate = useInvalidatePayments();
  return useMutation({
    mutationFn: (txnRef: string) => api.post<{ txnRef: string; status: AttemptStatus }>(`/api/v1/payments/attempts/${encodeURIComponent(txnRef)}/query`, {}),
    onSuccess: invalidate,
  });
}

export const useReconciliations = () =>
  useQuery({
    queryKey: reconKey,
    queryFn: () => api.get<{ items: Reconciliation[] }>('/api/v1/payments/reconciliations'),
    // A day still running (the nightly job) is followed until it finishes.
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'running') ? 3000 : false),
  });

export const reconciliationPath = (date: string) => `/api/v1/payments/reconciliations/${encodeURIComponent(date)}`;

export const useReconciliation = (date: string) =>
  useQuery({
    queryKey: [...reconKey, date],
    queryFn: () => api.get<ReconciliationDetail>(reconciliationPath(date)),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 3000 : false),
  });

export function useRunReconciliation() {
  const invalidate = useInvalidatePayments();
  return useMutation({
    mutationFn: (date: string) => api.post<{ date: string; summary: ReconSummary }>('/api/v1/payments/reconciliations', { date }),
    onSuccess: invalidate,
    // A failed run is recorded too (status "failed"): show it.
    onError: invalidate,
  });
}

export const PAYMENT_STATUS_COLORS: Record<PaymentStatus, string> = {
  pending: 'gold',
  paid: 'green',
  cancelled: 'default',
  refunded: 'purple',
  partially_refunded: 'magenta',
};

export const REFUND_STATUS_COLORS: Record<RefundStatus, string> = { pending: 'processing', sending: 'processing', done: 'green', failed: 'red' };

export const ATTEMPT_STATUS_COLORS: Record<AttemptStatus, string> = { pending: 'processing', success: 'green', failed: 'red' };

/** Colours of the reconciliation buckets: tags, table rows and chart series. */
export const RECON_KIND_COLORS: Record<ReconKind, { tag: string; hex: string }> = {
  matched: { tag: 'green', hex: '#52c41a' },
  pending_here: { tag: 'orange', hex: '#fa8c16' },
  unknown_here: { tag: 'red', hex: '#f5222d' },
  missing_at_vnpay: { tag: 'magenta', hex: '#eb2f96' },
  amount_mismatch: { tag: 'purple', hex: '#722ed1' },
};

/** The summary field counting each bucket. */
export const SUMMARY_FIELD: Record<ReconKind, keyof Omit<ReconSummary, 'matchedVnd' | 'total'>> = {
  matched: 'matched',
  pending_here: 'pendingHere',
  unknown_here: 'unknownHere',
  missing_at_vnpay: 'missingAtVnpay',
  amount_mismatch: 'amountMismatch',
};

export const differences = (s: ReconSummary | null | undefined): number =>
  s ? s.pendingHere + s.unknownHere + s.missingAtVnpay + s.amountMismatch : 0;

/** What can still be refunded, in đồng: refunds in flight count, refused ones do not (string arithmetic, never floats). */
export const refundable = (p: Pick<Payment, 'amountVnd' | 'refunds'>): string =>
  p.refunds.filter((r) => r.status !== 'failed').reduce((left, r) => left - BigInt(r.amountVnd), BigInt(p.amountVnd)).toString();

export const canBeRefunded = (p: Payment): boolean =>
  p.method === 'vnpay' && (p.status === 'paid' || p.status === 'partially_refunded') && BigInt(refundable(p)) > 0n;

export const sumVnd = (values: (string | null | undefined)[]): string => values.reduce((s, v) => s + BigInt(v || '0'), 0n).toString();

export const paymentStatusLabel = (t: Translate, s: string) => t.maybe(`paymentStatus.${s}`) ?? s;
export const refundStatusLabel = (t: Translate, s: string) => t.maybe(`refundStatus.${s}`) ?? s;
export const attemptStatusLabel = (t: Translate, s: string) => t.maybe(`attemptStatus.${s}`) ?? s;
export const reconKindLabel = (t: Translate, k: string) => t.maybe(`reconKind.${k}`) ?? k;
export const reconStatusLabel = (t: Translate, s: string) => t.maybe(`reconStatus.${s}`) ?? s;
/** VNPay's own words for a response code, in the UI language. */
export const responseCodeText = (t: Translate, code: string) => t.maybe(`vnpayCode.${code}`) ?? t('vnpayCode.unknown');

/** The page of a payment link (`…/pay/<token>`): a route of this app when it is on this origin. */
export function payLinkTarget(link: string): { route: string } | { href: string } {
  const url = new URL(link, window.location.origin);
  return url.origin === window.location.origin ? { route: url.pathname + url.search } : { href: url.href };
}

/** C1: a signed-in customer orders a package; the contract, its payment and a VNPay attempt are created at once. */
export function useOrder() {
  const invalidate = useInvalidatePayments();
  return useMutation({
    mutationFn: (body: { product: string; quantity: number; periodMonths?: number }) =>
      api.post<{ contractId: string; paymentId: string; txnRef: string; payUrl: string }>('/api/v1/orders', body),
    onSuccess: invalidate,
  });
}

/** The seller e-mails the payment request (amount and link) to the customer again. */
export function useResendPaymentRequest(contractId: string) {
  return useMutation({
    mutationFn: () => api.post<{ contractId: string; sent: true }>(`/api/v1/contracts/${encodeURIComponent(contractId)}/payment-request`, {}),
  });
}

/** The payment link of a contract awaiting payment (its customer or its seller). */
export function useContractPaymentLink(contractId: string) {
  return useMutation({
    mutationFn: () => api.post<{ paymentId: string; link: string }>(`/api/v1/contracts/${encodeURIComponent(contractId)}/payment-link`, {}),
  });
}
