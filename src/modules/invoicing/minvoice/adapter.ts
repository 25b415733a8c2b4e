import type { CanonicalInvoice } from '../domain/invoice.ts';
import { EinvoiceProviderError, type EinvoiceProvider, type IssueResult } from '../provider.ts';
import {
  MINV_PATHS,
  toMaThue,
  type MinvCancelRequest,
  type MinvInvoice,
  type MinvInvoiceInfo,
  type MinvLoginRequest,
  type MinvLoginResponse,
  type MinvResponse,
  type MinvSaveRequest,
} from '../../../protocols/minvoice/protocol.ts';

export interface MInvoiceOptions {
  /** e.g. `https://{MST}.minvoice.com.vn`, or the simulator's URL. */
  baseUrl: string;
  username: string;
  password: string;
  /** The seller's unit code (ma_dvcs) on the provider. */
  maDvcs: string;
  /** Per request; a push that times out is looked up by its key before anything is re-issued. Default 15 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The canonical invoice as the provider's Save body (one invoice, create mode). */
export function toSaveRequest(inv: CanonicalInvoice, key: string): MinvSaveRequest {
  const b = inv.buyer;
  const organisation = !!b.taxCode;
  const s = (v: bigint | number | null) => (v === null ? null : v.toString());
  const data: MinvInvoice = {
    key_api: key,
    mau_hd: inv.form,
    inv_invoiceSeries: inv.series,
    inv_invoiceIssuedDate: inv.issueDate,
    inv_currencyCode: inv.currency,
    inv_exchangeRate: '1',
    inv_paymentMethodName: inv.paymentMethod,
    inv_buyerDisplayName: organisation ? (b.contactName ?? null) : b.name,
    inv_buyerLegalName: organisation ? b.name : null,
    inv_buyerTaxCode: b.taxCode ?? null,
    inv_buyerAddressLine: b.address ?? null,
    inv_buyerEmail: b.email ?? null,
    inv_buyerPhone: b.phone ?? null,
    ma_kh: b.customerCode ?? null,
    inv_TotalAmountWithoutVat: inv.totals.subtotal.toString(),
    inv_vatAmount: inv.totals.vat.toString(),
    inv_discountAmount: inv.totals.discount.toString(),
    inv_TotalAmount: inv.totals.total.toString(),
    amount_to_word: inv.totals.words,
    tax_breakdowns: inv.totals.byRate.map((r) => ({ ma_thue: toMaThue(r.rate), thtien: r.amount.toString(), tthue: r.vat.toString() })),
    details: [
      {
        data: inv.lines.map((l) => ({
          tchat: l.kind,
          stt_rec0: l.no,
          inv_itemCode: l.code,
          inv_itemName: l.name,
          inv_unitCode: l.unit,
          inv_quantity: s(l.quantity),
          inv_unitPrice: s(l.unitPrice),
          inv_TotalAmountWithoutVat: s(l.amount),
          ma_thue: l.rate ? toMaThue(l.rate) : null,
        })),
      },
    ],
    hdlq: inv.relation
      ? {
          tchdon: inv.relation.kind === 'replace' ? 1 : 2,
          mau_hd: inv.relation.form,
          khieu: inv.relation.series,
          shdon: inv.relation.number,
          ngay: inv.relation.issueDate,
          ghi_chu: inv.relation.note ?? null,
        }
      : null,
  };
  return { editmode: 1, data: [data] };
}

function toResult(d: MinvInvoiceInfo): IssueResult {
  if (!d || !Number.isSafeInteger(d.inv_invoiceNumber) || typeof d.inv_invoiceSeries !== 'string' || typeof d.inv_invoiceAuth_id !== 'string') {
    throw new EinvoiceProviderError('protocol', 'the provider answered without an invoice number');
  }
  return {
    number: d.inv_invoiceNumber,
    series: d.inv_invoiceSeries,
    issueDate: d.inv_invoiceIssuedDate,
    mccqt: d.mccqt ?? null,
    providerRef: d.inv_invoiceAuth_id,
    status: d.trang_thai ?? 'issued',
  };
}

/** An M-Invoice-style JSON adapter: logs in lazily, re-logs in once on 401, maps answers to the port. */
export class MInvoiceAdapter implements EinvoiceProvider {
  readonly name = 'minvoice';
  private token: string | null = null;
  private readonly fetch: typeof fetch;
  private readonly base: string;

  constructor(private readonly opts: MInvoiceOptions) {
    this.fetch = opts.fetch ?? fetch;
    this.base = opts.baseUrl.replace(/\/+$/, '');
  }

  async issue(invoice: CanonicalInvoice, key: string): Promise<IssueResult> {
    const res = await this.call<MinvResponse<MinvInvoiceInfo>>('POST', MINV_PATHS.save, toSaveRequest(invoice, key));
    if (res.ok) return toResult(res.data);
    if (res.code === 'DUPLICATE') {
      // The provider already has this key: take what it holds rather than issuing again.
      const found = await this.get(key);
      if (found) return found;
      throw new EinvoiceProviderError('protocol', `provider says ${key} exists but cannot find it`, res.code);
    }
    throw new EinvoiceProviderError('rejected', `${res.code}: ${res.message}`, res.code);
  }

  async get(key: string): Promise<IssueResult | null> {
    const res = await this.call<MinvResponse<MinvInvoiceInfo>>('GET', `${MINV_PATHS.info}?keyApi=${encodeURIComponent(key)}`);
    if (res.ok) return toResult(res.data);
    if (res.code === 'NOT_FOUND') return null;
    throw new EinvoiceProviderError('rejected', `${res.code}: ${res.message}`, res.code);
  }

  async cancel(ref: { idempotencyKey: string; providerRef: string }, reason: string): Promise<void> {
    const body: MinvCancelRequest = { key_api: ref.idempotencyKey, ly_do: reason };
    const res = await this.call<MinvResponse<MinvInvoiceInfo>>('POST', MINV_PATHS.cancel, body);
    if (!res.ok) throw new EinvoiceProviderError('rejected', `${res.code}: ${res.message}`, res.code);
  }

  private async login(): Promise<string> {
    const body: MinvLoginRequest = { username: this.opts.username, password: this.opts.password, ma_dvcs: this.opts.maDvcs };
    const { status, json } = await this.send('POST', MINV_PATHS.login, body, null);
    if (status === 401 || status === 403) throw new EinvoiceProviderError('auth', 'the provider refused our credentials', 'UNAUTHORIZED');
    if (status >= 500 || status === 429) throw new EinvoiceProviderError('unavailable', `login: HTTP ${status} from the provider`, (json as { code?: string })?.code);
    const token = (json as MinvLoginResponse | undefined)?.token;
    if (status !== 200 || typeof token !== 'string' || !token) throw new EinvoiceProviderError('protocol', `login answered HTTP ${status} without a token`);
    this.token = token;
    return token;
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const token = this.token ?? (await this.login());
      const { status, json } = await this.send(method, path, body, token);
      if (status === 401 && attempt === 0) {
        this.token = null; // expired session: log in again once
        continue;
      }
      if (status === 401 || status === 403) throw new EinvoiceProviderError('auth', `HTTP ${status} from the provider`, 'UNAUTHORIZED');
      if (status >= 500 || status === 429) throw new EinvoiceProviderError('unavailable', `HTTP ${status} from the provider`, (json as { code?: string })?.code);
      if (json === undefined || typeof (json as { ok?: unknown }).ok !== 'boolean') throw new EinvoiceProviderError('protocol', `unreadable answer (HTTP ${status})`);
      return json as T;
    }
  }

  private async send(method: string, path: string, body: unknown, token: string | null): Promise<{ status: number; json: unknown }> {
    let res: Response;
    try {
      res = await this.fetch(`${this.base}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          // M-Invoice's own scheme: "Bear {token};{ma_dvcs}".
          ...(token ? { authorization: `Bear ${token};${this.opts.maDvcs}` } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000),
      });
    } catch (err) {
      throw networkError(err, path);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      throw networkError(err, path);
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, json };
  }
}

/** Refused connections never reached the provider; anything else may have been processed. */
function networkError(err: unknown, path: string): EinvoiceProviderError {
  const e = err as { name?: string; message?: string; cause?: { code?: string; errors?: { code?: string }[] } };
  const code = e?.cause?.code ?? e?.cause?.errors?.[0]?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new EinvoiceProviderError('unavailable', `cannot reach the provider (${code})`, code);
  }
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return new EinvoiceProviderError('timeout', `no answer from the provider to ${path} in time`);
  return new EinvoiceProviderError('timeout', `connection lost during ${path}: ${code ?? e?.message ?? String(err)}`, code);
}
