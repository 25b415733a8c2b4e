import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.ts';
import type { Paged } from '@shared/fields.ts';
import type { Invoice, InvoiceBuyer, InvoiceDetail, InvoiceQuery, InvoiceRate, InvoiceStatus } from '@contracts/invoicing';
import type { Translate } from '../../i18n/index.tsx';
import type { PageState } from '../../ui/paging.ts';


export const invoicesKey = ['invoices'] as const;
const invoicePath = (id: string, sub = '') => `/api/v1/invoices/${encodeURIComponent(id)}${sub}`;

/** Who may open the invoice pages (`invoice.read`); the actions need `invoice.manage` (the server lists them per invoice). */
export const INVOICE_ROLES = ['invoice_officer', 'admin', 'accountant'] as const;

/**
 * The tabs of `/invoices`, one per status; "pending" also shows the few invoices being pushed right now,
 * "cancelled" the ones the provider is cancelling. "needs_data" is the officer's queue of payments whose
 * buyer or line data cannot make an invoice yet.
 */
export const INVOICE_TABS = ['needs_data', 'issued', 'failed', 'pending', 'cancelled', 'replaced'] as const satisfies readonly InvoiceStatus[];
/** The short-lived status shown at the head of a tab. */
export const TAB_TRANSIENT: Partial<Record<InvoiceTab, InvoiceStatus>> = { pending: 'issuing', cancelled: 'cancelling' };
export type InvoiceTab = (typeof INVOICE_TABS)[number];
export const isInvoiceTab = (s: string | null): s is InvoiceTab => (INVOICE_TABS as readonly string[]).includes(s ?? '');

export const INVOICE_STATUS_COLORS: Record<InvoiceStatus, string> = {
  needs_data: 'orange',
  cancelling: 'processing',
  pending: 'gold',
  issuing: 'processing',
  issued: 'green',
  failed: 'red',
  cancelled: 'default',
  replaced: 'purple',
};

export const invoiceStatusLabel = (t: Translate, s: string) => t.maybe(`invoiceStatus.${s}`) ?? s;

/** Digits of SHDon as displayed (the printed form pads to 8). */
const NUMBER_DIGITS = 7;

/** Form + series + number, e.g. `1C26TMB-0000001`; just `1C26TMB` before a number is given. */
export const invoiceNo = (i: { form: string; series: string; number: number | null }): string =>
  i.number === null ? `${i.form}${i.series}` : `${i.form}${i.series}-${String(i.number).padStart(NUMBER_DIGITS, '0')}`;

/** A rate code as a label: "Không chịu thuế (KCT)", "VAT 10%"… */
export function rateLabel(t: Translate, rate: InvoiceRate | null): string {
  if (rate === null) return t('common.none');
  if (rate === 'KCT') return t('vat.kct');
  if (rate === 'KKKNT') return t('invoices.vatKkknt');
  return t('vat.rate', { rate: rate.replace('%', '') });
}

/**
 * The VAT treatment of a list row, read from its totals (the row has no lines): no VAT, one rate
 * (VAT is rounded once per rate, half up, as the server does), or several rates.
 */
export function vatTreatment(t: Translate, inv: Pick<Invoice, 'subtotalVnd' | 'vatVnd'>): string {
  const subtotal = BigInt(inv.subtotalVnd);
  const vat = BigInt(inv.vatVnd);
  if (vat === 0n) return t('invoices.vatNone');
  const rate = [10, 8, 5].find((r) => (subtotal * BigInt(r * 100) + 5_000n) / 10_000n === vat);
  return rate ? t('vat.rate', { rate }) : t('invoices.vatMixed');
}

/** `1C26TMB-0000001` as displayed → `C26TMB-1`, the way the server matches numbers; other searches as typed. */
export function searchTerm(q: string): string {
  const m = /^\d?([CK]\d{2}[A-Z]{3})(?:-0*(\d+))?$/i.exec(q);
  return m ? `${m[1]}${m[2] ? `-${m[2]}` : ''}` : q;
}

// ---- reading -------------------------------------------------------------------------------------

export type InvoiceFilter = Pick<InvoiceQuery, 'status' | 'q' | 'contractId'>;

export const useInvoices = (filter: InvoiceFilter, paging: PageState, opts: { enabled?: boolean; poll?: boolean } = {}) =>
  useQuery({
    queryKey: [...invoicesKey, 'list', filter, paging],
    queryFn: () => api.get<Paged<Invoice>>('/api/v1/invoices', { ...filter, ...paging }),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
    // Invoices waiting or being pushed change on their own.
    refetchInterval: opts.poll ? 5_000 : false,
  });

/** How many invoices each tab holds for a search (with the short-lived status it shows at its head). */
export function useInvoiceCounts(q: string | undefined): Partial<Record<InvoiceTab, number>> {
  const transient = Object.values(TAB_TRANSIENT);
  const statuses: InvoiceStatus[] = [...INVOICE_TABS, ...transient];
  return useQueries({
    queries: statuses.map((status) => ({
      queryKey: [...invoicesKey, 'count', status, q],
      queryFn: () => api.get<Paged<Invoice>>('/api/v1/invoices', { status, q, page: 1, pageSize: 1 }),
      placeholderData: keepPreviousData,
      // The push job moves invoices between tabs on its own.
      refetchInterval: 15_000,
    })),
    combine: (results) => {
      const counts: Partial<Record<InvoiceTab, number>> = {};
      INVOICE_TABS.forEach((tab, i) => {
        const total = results[i].data?.total;
        const also = TAB_TRANSIENT[tab];
        const extra = also ? (results[INVOICE_TABS.length + transient.indexOf(also)].data?.total ?? 0) : 0;
        if (total !== undefined) counts[tab] = total + extra;
      });
      return counts;
    },
  });
}

/** The invoice officer's queue of invoices that need data (the menu badge). */
export const useNeedsDataCount = (enabled: boolean) =>
  useQuery({
    queryKey: [...invoicesKey, 'counts'],
    queryFn: () => api.get<Record<InvoiceStatus, number>>('/api/v1/invoices/counts'),
    enabled,
    refetchInterval: 60_000,
    select: (c) => c.needs_data,
  });

export const useInvoice = (id: string) =>
  useQuery({
    queryKey: [...invoicesKey, 'detail', id],
    queryFn: () => api.get<InvoiceDetail>(invoicePath(id)),
    // Followed while the push job may still change it.
    refetchInterval: (q) => (['pending', 'issuing', 'cancelling'].includes(q.state.data?.status ?? '') ? 3_000 : false),
  });

/** The printable view (server HTML, Vietnamese), fetched with the session cookie for an `<iframe srcdoc>`. */
export const useInvoiceHtml = (id: string, version: string | undefined) =>
  useQuery({
    queryKey: [...invoicesKey, 'html', id, version],
    queryFn: async () => {
      const res = await fetch(invoicePath(id, '/html'), { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      if (res.ok) return res.text();
      const err = ((await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new ApiError(err?.code ?? `HTTP_${res.status}`, err?.message ?? `HTTP ${res.status}`, res.status);
    },
    enabled: version !== undefined,
    placeholderData: keepPreviousData,
  });

/** Same-origin links (the session cookie goes along). */
export const invoiceXmlUrl = (id: string) => invoicePath(id, '/xml');
export const invoiceHtmlUrl = (id: string) => invoicePath(id, '/html');

// ---- officer actions -----------------------------------------------------------------------------

function useInvoiceCommand<V>(run: (v: V) => Promise<InvoiceDetail>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => queryClient.invalidateQueries({ queryKey: invoicesKey }) });
}

/** Re-send with a corrected buyer, or with the buyer as the customer's record now says. */
export const useRetryInvoice = () =>
  useInvoiceCommand(({ id, buyer, buyerFromCustomer }: { id: string; buyer?: InvoiceBuyer; buyerFromCustomer?: boolean }) =>
    api.post<InvoiceDetail>(invoicePath(id, '/retry'), buyerFromCustomer ? { buyerFromCustomer: true } : buyer ? { buyer } : {}),
  );

export const useCancelInvoice = () =>
  useInvoiceCommand(({ id, reason }: { id: string; reason: string }) => api.post<InvoiceDetail>(invoicePath(id, '/cancel'), { reason }));

/** Answers the replacement invoice (pending, to be pushed). */
export const useReplaceInvoice = () =>
  useInvoiceCommand(({ id, buyer, reason }: { id: string; buyer?: InvoiceBuyer; reason: string }) =>
    api.post<InvoiceDetail>(invoicePath(id, '/replace'), { reason, ...(buyer ? { buyer } : {}) }),
  );

// ---- buyer corrections ---------------------------------------------------------------------------

/** The buyer fields an officer may correct. */
export interface BuyerValues {
  name: string;
  taxCode?: string;
  address?: string;
  email?: string;
}

const clean = (s: string | null | undefined): string | null => (s && s.trim() ? s.trim().replace(/\s+/g, ' ') : null);

export const buyerValues = (b: InvoiceBuyer): BuyerValues => ({
  name: b.name,
  taxCode: b.taxCode ?? undefined,
  address: b.address ?? undefined,
  email: b.email ?? undefined,
});

/** The corrected buyer (the other fields kept as they were), or undefined when nothing changed. */
export function correctedBuyer(current: InvoiceBuyer, v: BuyerValues): InvoiceBuyer | undefined {
  const next = { name: clean(v.name) ?? '', taxCode: clean(v.taxCode), address: clean(v.address), email: clean(v.email) };
  const changed = (Object.keys(next) as (keyof typeof next)[]).some((k) => next[k] !== clean(current[k]));
  if (!changed) return undefined;
  return { ...next, phone: current.phone ?? null, customerCode: current.customerCode ?? null, contactName: current.contactName ?? null };
}
