import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../../platform/clock.ts';
import { prepareLines, type CanonicalInvoice } from '../../modules/invoicing/domain/invoice.ts';
import { COMPANY, sampleInvoice } from '../../modules/invoicing/domain/sample.test-util.ts';
import { MInvoiceAdapter } from '../../modules/invoicing/minvoice/adapter.ts';
import { EinvoiceProviderError, issueWithRecovery } from '../../modules/invoicing/provider.ts';
import { startEinvoiceSimulator, type RunningEinvoiceSimulator } from './index.ts';

/**
 * The contract between our M-Invoice adapter and the simulator: what QLDV relies on from any
 * provider (idempotent keys, consecutive numbers, lookup after an unknown outcome, clear refusals).
 */
const clock = new FixedClock('2026-03-02T03:00:00Z'); // 10:00 in Hà Nội

const draft = (over: Partial<CanonicalInvoice> = {}): CanonicalInvoice => sampleInvoice({ number: null, ...over });

async function rejection(p: Promise<unknown>): Promise<EinvoiceProviderError> {
  const err = await p.then(
    () => {
      throw new Error('expected the provider to refuse');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EinvoiceProviderError);
  return err as EinvoiceProviderError;
}

describe('M-Invoice adapter ↔ e-invoice simulator', () => {
  let sim: RunningEinvoiceSimulator;
  let provider: MInvoiceAdapter;
  beforeAll(async () => {
    sim = await startEinvoiceSimulator({ clock, hangMs: 5_000 });
  });
  afterAll(() => sim?.stop());
  beforeEach(() => {
    sim.reset();
    provider = new MInvoiceAdapter({ baseUrl: sim.url, username: 'qldv', password: 'qldv-einvoice', maDvcs: 'VP', timeoutMs: 300 });
  });

  it('issues with a number and an MCCQT for a "C" symbol; a repeated key returns the same invoice', async () => {
    const first = await provider.issue(draft(), 'inv_A');
    expect(first).toMatchObject({ number: 1, series: 'C26TMB', issueDate: '2026-03-02', status: 'issued' });
    expect(first.mccqt).toMatch(/^[0-9A-F]{34}$/);
    expect(first.providerRef).toMatch(/^[0-9a-f-]{36}$/);
    expect(await provider.issue(draft(), 'inv_A')).toEqual(first);
    expect(await provider.get('inv_A')).toEqual(first);
    expect(await provider.get('inv_unknown')).toBeNull();
    expect(sim.invoices()).toHaveLength(1);
    expect(sim.lastNumber('C26TMB')).toBe(1);
    // what went over the wire: strings of whole đồng, KCT without "%", HVTNMHang for a person
    const sent = sim.invoice('inv_A')!.request;
    expect(sent).toMatchObject({ mau_hd: '1', inv_TotalAmount: '8100000', inv_vatAmount: '0', inv_buyerDisplayName: 'Nguyễn Văn An', inv_buyerLegalName: null });
    expect(sent.details[0].data[0]).toMatchObject({ tchat: 1, inv_quantity: '18', inv_unitPrice: '450000', inv_TotalAmountWithoutVat: '8100000', ma_thue: 'KCT' });
    expect(sent.tax_breakdowns).toEqual([{ ma_thue: 'KCT', thtien: '8100000', tthue: '0' }]);
  });

  it('gives consecutive numbers per symbol, also to concurrent requests; "K" symbols get no MCCQT', async () => {
    const slow = await startEinvoiceSimulator({ clock, latencyMs: 15 });
    try {
      const p = new MInvoiceAdapter({ baseUrl: slow.url, username: 'qldv', password: 'qldv-einvoice', maDvcs: 'VP', timeoutMs: 5_000 });
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => p.issue(draft(), `inv_c${i}`)));
      expect(results.map((r) => r.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
      const k = await p.issue(draft({ series: 'K26TMB' }), 'inv_k1');
      expect(k).toMatchObject({ number: 1, series: 'K26TMB', mccqt: null });
      expect(slow.lastNumber('C26TMB')).toBe(6);
    } finally {
      await slow.stop();
    }
  });

  it('a timeout after the provider committed is recovered by looking the key up: no second invoice, no gap', async () => {
    sim.inject('timeout_after_commit');
    const err = await rejection(provider.issue(draft(), 'inv_T'));
    expect(err.kind).toBe('timeout');
    expect(err.retryable).toBe(true);
    expect(sim.invoice('inv_T')?.number).toBe(1); // committed on the provider's side

    sim.inject('timeout_after_commit');
    const recovered = await issueWithRecovery(provider, draft(), 'inv_T2', { lookupFirst: false });
    expect(recovered.via).toBe('lookup_after_timeout');
    expect(recovered.result.number).toBe(2);

    // the retry of the first push looks up before re-issuing
    const retry = await issueWithRecovery(provider, draft(), 'inv_T', { lookupFirst: true });
    expect(retry).toMatchObject({ via: 'lookup', result: { number: 1 } });
    expect((await provider.issue(draft(), 'inv_next')).number).toBe(3);
    expect(sim.invoices().map((i) => [i.key, i.number])).toEqual([
      ['inv_T', 1],
      ['inv_T2', 2],
      ['inv_next', 3],
    ]);
    expect(sim.calls().filter((c) => c.endpoint === 'save' && c.key === 'inv_T')).toHaveLength(1);
  });

  it('provider down: refused as retryable, nothing issued, nothing burnt; it works once the provider is back', async () => {
    sim.inject('down');
    const err = await rejection(provider.issue(draft(), 'inv_D'));
    expect(err).toMatchObject({ kind: 'unavailable' });
    expect(err.retryable).toBe(true);
    expect(err.outcomeUnknown).toBe(false);
    expect(sim.invoices()).toHaveLength(0);

    sim.setDown(true);
    expect((await rejection(issueWithRecovery(provider, draft(), 'inv_D', { lookupFirst: true }))).kind).toBe('unavailable');
    sim.setDown(false);
    expect((await issueWithRecovery(provider, draft(), 'inv_D', { lookupFirst: true })).result.number).toBe(1);
  });

  it('an unreachable provider is "unavailable" (never sent), not an unknown outcome', async () => {
    const closed = await startEinvoiceSimulator({ clock });
    await closed.stop(); // a port nobody listens on any more
    const gone = new MInvoiceAdapter({ baseUrl: closed.url, username: 'x', password: 'y', maDvcs: 'VP', timeoutMs: 500 });
    const err = await rejection(gone.issue(draft(), 'inv_X'));
    expect(err.kind).toBe('unavailable');
  });

  it('"duplicate" answers are resolved by a lookup of the key', async () => {
    const first = await provider.issue(draft(), 'inv_DUP');
    sim.inject('duplicate');
    expect(await provider.issue(draft(), 'inv_DUP')).toEqual(first);
    sim.inject('duplicate');
    expect((await provider.issue(draft(), 'inv_DUP2')).number).toBe(2);
    expect(sim.invoices()).toHaveLength(2);
  });

  it('logs in again when the session expires; bad credentials are an auth failure', async () => {
    await provider.issue(draft(), 'inv_S1');
    sim.expireTokens();
    expect((await provider.issue(draft(), 'inv_S2')).number).toBe(2);
    expect(sim.calls().filter((c) => c.endpoint === 'login')).toHaveLength(2);
    const wrong = new MInvoiceAdapter({ baseUrl: sim.url, username: 'qldv', password: 'nope', maDvcs: 'VP' });
    expect((await rejection(wrong.get('inv_S1'))).kind).toBe('auth');
  });

  it('refuses a wrong symbol year, unknown rates and sums that do not add up (not retryable)', async () => {
    const good = draft();
    const cases: [CanonicalInvoice, string][] = [
      [{ ...good, series: 'C25TMB' }, 'SERIES_YEAR_MISMATCH'],
      [{ ...good, series: 'X26TMB' }, 'INVALID_SERIES'],
      [{ ...good, form: '2' }, 'INVALID_TEMPLATE'],
      [{ ...good, issueDate: '2026-03-03', series: 'C26TMB' }, 'INVALID_DATE'],
      [{ ...good, lines: [{ ...good.lines[0], rate: '7%' as never }] }, 'INVALID_RATE'],
      [{ ...good, lines: [{ ...good.lines[0], amount: 8_100_001n }] }, 'AMOUNT_MISMATCH'],
      [{ ...good, totals: { ...good.totals, byRate: [{ rate: 'KCT', amount: 8_100_000n, vat: 1n }] } }, 'TAX_MISMATCH'],
      [{ ...good, totals: { ...good.totals, total: good.totals.total + 1n } }, 'TOTAL_MISMATCH'],
      [{ ...good, buyer: { name: 'Công ty X', taxCode: null, address: 'HN' }, lines: good.lines }, 'OK'],
      [{ ...good, buyer: { ...COMPANY, taxCode: '123' } }, 'INVALID_BUYER'],
    ];
    for (const [inv, code] of cases) {
      if (code === 'OK') continue;
      const err = await rejection(provider.issue(inv, `inv_bad_${code}`));
      expect(err, code).toMatchObject({ kind: 'rejected', code });
      expect(err.retryable).toBe(false);
    }
    expect(sim.invoices()).toHaveLength(0);
    expect(sim.lastNumber('C26TMB')).toBe(0);
  });

  it('checks multi-rate buckets with discounts exactly like the canonical model', async () => {
    const lines = prepareLines([
      { name: 'Tích hợp', unit: 'Gói', quantity: 3, unitPrice: 333_335n, rate: '10%' },
      { kind: 3, name: 'Chiết khấu', amount: 5n, rate: '10%' },
      { name: 'Tư vấn', unit: 'Giờ', quantity: 7, unitPrice: 142_857n, rate: '8%' },
      { kind: 2, name: 'Khuyến mại', unit: 'Tháng', quantity: 1, unitPrice: 0n },
      { kind: 4, name: 'Ghi chú' },
      { name: 'Meeting', unit: 'Phòng/tháng', quantity: 2, unitPrice: 400_000n, rate: 'KCT' },
    ]);
    const inv = draft({ lines, buyer: COMPANY });
    expect((await provider.issue(inv, 'inv_multi')).number).toBe(1);
    expect(sim.invoice('inv_multi')!.total).toBe(inv.totals.total);
  });

  it('replaces an issued invoice (the original becomes replaced) and cancels idempotently', async () => {
    const original = await provider.issue(draft(), 'inv_O');
    const relation = { kind: 'replace' as const, form: '1', series: original.series, number: original.number, issueDate: original.issueDate, note: 'Sai tên' };
    const replacement = await provider.issue(draft({ relation, buyer: COMPANY }), 'inv_R');
    expect(replacement.number).toBe(2);
    expect(sim.invoice('inv_O')).toMatchObject({ status: 'replaced', replacedBy: 'inv_R' });
    expect(sim.invoice('inv_R')!.related).toEqual({ tchdon: 1, series: 'C26TMB', number: 1 });
    expect(await provider.get('inv_O')).toMatchObject({ status: 'replaced' });
    // a second replacement of the same original is refused
    expect((await rejection(provider.issue(draft({ relation }), 'inv_R2'))).code).toBe('ORIGINAL_NOT_REPLACEABLE');
    expect((await rejection(provider.issue(draft({ relation: { ...relation, number: 99 } }), 'inv_R3'))).code).toBe('ORIGINAL_NOT_FOUND');
    expect((await rejection(provider.cancel({ idempotencyKey: 'inv_O', providerRef: original.providerRef }, 'x'))).code).toBe('NOT_CANCELLABLE');

    await provider.cancel({ idempotencyKey: 'inv_R', providerRef: replacement.providerRef }, 'Khách hàng hoàn tiền');
    await provider.cancel({ idempotencyKey: 'inv_R', providerRef: replacement.providerRef }, 'Khách hàng hoàn tiền');
    expect(sim.invoice('inv_R')).toMatchObject({ status: 'cancelled', cancelReason: 'Khách hàng hoàn tiền' });
  });

  it('"skip_number" leaves a visible gap (what a provider-side gap looks like)', async () => {
    await provider.issue(draft(), 'inv_G1');
    sim.inject('skip_number');
    expect((await provider.issue(draft(), 'inv_G2')).number).toBe(3);
  });
});
