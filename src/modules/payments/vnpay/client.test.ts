import { VNPay } from 'vnpay';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BASE, SECRET, TMN, startHarness, type Harness } from '../../../simulators/vnpay/harness.test-util.ts';
import { VnpayApiError, VnpayClient, type VnpayClientOptions } from './client.ts';
import { QUERYDR_RESPONSE_FIELDS, REFUND_RESPONSE_FIELDS, formatVnpDate, signFields, signPipe } from '../../../protocols/vnpay/protocol.ts';

describe('VnpayClient against the simulator', () => {
  let h: Harness;
  let origin: string;
  let client: VnpayClient;
  const opts = (): VnpayClientOptions => ({
    apiUrl: `${origin}${BASE}/merchant_webapi/api/transaction`,
    dailyListUrl: `${origin}${BASE}/transactions`,
    tmnCode: TMN,
    hashSecret: SECRET,
  });

  beforeAll(async () => {
    h = await startHarness();
    origin = await h.app.listen({ port: 0, host: '127.0.0.1' });
    client = new VnpayClient(opts());
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => h.reset());

  /** A payment started at `createdAt` and finished with `code` (undefined = left pending). */
  async function payment(txnRef: string, code?: string, amountVnd = 2_250_000n) {
    const createdAt = h.clock.now();
    const start = await h.get(h.payUrl({ txnRef, amountVnd, now: createdAt }));
    expect(start.status).toBe(302);
    if (code) h.sim.completePayment(txnRef, code);
    return createdAt;
  }

  const query = (txnRef: string, transactionDate: Date) =>
    client.querydr({ txnRef, transactionDate, orderInfo: `Truy vấn giao dịch ${txnRef}`, ipAddr: '10.0.0.5', now: h.clock.now() });

  const refund = (txnRef: string, transactionDate: Date, amountVnd: bigint, transactionType: '02' | '03', transactionNo?: string) =>
    client.refund({ txnRef, transactionDate, amountVnd, transactionType, transactionNo, createBy: 'ketoan01', orderInfo: `Hoàn tiền ${txnRef}`, ipAddr: '10.0.0.5', now: h.clock.now() });

  describe('querydr', () => {
    it('reports a paid transaction', async () => {
      const createdAt = await payment('PAYQ1', '00');
      h.clock.advanceMinutes(30);
      const r = await query('PAYQ1', createdAt);
      const tx = h.sim.transaction('PAYQ1')!;
      expect(r).toMatchObject({
        ok: true,
        responseCode: '00',
        tmnCode: TMN,
        txnRef: 'PAYQ1',
        amountVnd: 2_250_000n,
        bankCode: 'NCB',
        transactionNo: tx.transactionNo,
        transactionType: '01',
        transactionStatus: '00',
        promotionCode: '',
        promotionAmountVnd: null,
      });
      expect(r.payDate?.toISOString()).toBe('2026-03-09T03:00:00.000Z');
      expect(r.requestId).toMatch(/^[0-9a-f]{32}$/);
      expect(r.responseId).not.toBe('');
    });

    it('reports an unknown transaction (91), a wrong date (91), and a pending one (01)', async () => {
      const unknown = await query('NOSUCH', h.clock.now());
      expect(unknown).toMatchObject({ ok: false, responseCode: '91', amountVnd: null, payDate: null });
      expect(unknown.message).toMatch(/not found/i);

      const createdAt = await payment('PAYQ2');
      expect((await query('PAYQ2', new Date(createdAt.getTime() + 1000))).responseCode).toBe('91');
      expect(await query('PAYQ2', createdAt)).toMatchObject({ ok: true, transactionStatus: '01', transactionNo: '0', payDate: null });

      await payment('PAYQ3', '51');
      expect(await query('PAYQ3', createdAt)).toMatchObject({ ok: true, transactionStatus: '02' });
    });

    it('refuses a duplicate request id (94), an unknown terminal (02), and reports a bad checksum (97) as an unverifiable answer', async () => {
      const createdAt = await payment('PAYQ4', '00');
      const fixed = new VnpayClient({ ...opts(), requestId: () => 'SAMEREQUEST01' });
      const q = () => fixed.querydr({ txnRef: 'PAYQ4', transactionDate: createdAt, orderInfo: 'x', ipAddr: '10.0.0.5', now: h.clock.now() });
      expect((await q()).responseCode).toBe('00');
      expect((await q()).responseCode).toBe('94');

      const otherTerminal = new VnpayClient({ ...opts(), tmnCode: 'ABCDEFGH' });
      expect(await otherTerminal.querydr({ txnRef: 'PAYQ4', transactionDate: createdAt, orderInfo: 'x', ipAddr: '10.0.0.5', now: h.clock.now() })).toMatchObject({
        ok: false,
        responseCode: '02',
        tmnCode: 'ABCDEFGH',
      });

      const wrongSecret = new VnpayClient({ ...opts(), hashSecret: 'NOTTHESECRET' });
      const err = await wrongSecret.querydr({ txnRef: 'PAYQ4', transactionDate: createdAt, orderInfo: 'x', ipAddr: '10.0.0.5', now: h.clock.now() }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VnpayApiError);
      expect((err as VnpayApiError).message).toMatch(/wrong signature.*vnp_ResponseCode=97/);
    });
  });

  describe('refund', () => {
    it('refunds in full once', async () => {
      const createdAt = await payment('PAYR1', '00');
      const tx = h.sim.transaction('PAYR1')!;
      const r = await refund('PAYR1', createdAt, 2_250_000n, '02', tx.transactionNo);
      expect(r).toMatchObject({ ok: true, responseCode: '00', txnRef: 'PAYR1', amountVnd: 2_250_000n, transactionType: '02', transactionStatus: '05', bankCode: 'NCB' });
      expect(r.transactionNo).not.toBe(tx.transactionNo);
      expect((await refund('PAYR1', createdAt, 1_000n, '03')).responseCode).toBe('93');
      expect((await refund('PAYR1', createdAt, 2_250_000n, '02')).responseCode).toBe('04');
      expect(h.sim.transaction('PAYR1')!.refundedVnd).toBe(2_250_000n);
    });

    it('refunds in parts up to the paid amount and refuses an over-refund', async () => {
      const createdAt = await payment('PAYR2', '00');
      expect(await refund('PAYR2', createdAt, 300_000n, '03')).toMatchObject({ ok: true, amountVnd: 300_000n, transactionType: '03' });
      expect((await refund('PAYR2', createdAt, 2_000_000n, '03')).responseCode).toBe('93');
      expect((await refund('PAYR2', createdAt, 2_250_000n, '02')).responseCode).toBe('04');
      expect((await refund('PAYR2', createdAt, 1_950_000n, '03')).ok).toBe(true);
      expect((await refund('PAYR2', createdAt, 1n, '03')).responseCode).toBe('93');
      const tx = h.sim.transaction('PAYR2')!;
      expect(tx.refundedVnd).toBe(2_250_000n);
      expect(tx.refunds.map((r) => [r.transactionType, r.amountVnd, r.createBy])).toEqual([
        ['03', 300_000n, 'ketoan01'],
        ['03', 1_950_000n, 'ketoan01'],
      ]);
    });

    it('refuses a full refund of another amount (93), an unpaid transaction (95), an unknown one (91), a wrong number (91)', async () => {
      const createdAt = await payment('PAYR3', '00');
      expect((await refund('PAYR3', createdAt, 1_000_000n, '02')).responseCode).toBe('93');
      expect((await refund('PAYR3', createdAt, 1_000n, '03', '99999999')).responseCode).toBe('91');
      await payment('PAYR4', '24');
      expect((await refund('PAYR4', createdAt, 1_000n, '03')).responseCode).toBe('95');
      expect((await refund('NOSUCH', createdAt, 1_000n, '03')).responseCode).toBe('91');
      expect(h.sim.transaction('PAYR3')!.refundedVnd).toBe(0n);
    });

    it('is idempotent on vnp_RequestId: the same refund asked again answers as before and refunds once; querydr then reports it', async () => {
      const createdAt = await payment('PAYR6', '00');
      const again = () => client.refund({ txnRef: 'PAYR6', transactionDate: createdAt, amountVnd: 250_000n, transactionType: '03', createBy: 'ketoan01', orderInfo: 'Hoan tien', ipAddr: '10.0.0.5', now: h.clock.now(), requestId: 'RFDPAYR6' });
      const first = await again();
      const second = await again();
      expect(first).toMatchObject({ ok: true, amountVnd: 250_000n });
      expect(second).toMatchObject({ ok: true, transactionNo: first.transactionNo });
      expect(h.sim.transaction('PAYR6')!.refunds).toHaveLength(1);
      expect(await query('PAYR6', createdAt)).toMatchObject({ ok: true, transactionType: '03', transactionStatus: '05' });
      const listed = await client.dailyTransactions('2026-03-09', { includeRefunds: true });
      expect(listed.find((t) => t.txnRef === 'PAYR6' && t.transactionType === '03')).toMatchObject({ requestId: 'RFDPAYR6', transactionNo: first.transactionNo });
    });

    it('can lose a refund answer after executing it, or refuse it, once', async () => {
      const createdAt = await payment('PAYR7', '00');
      h.sim.injectRefundFault('lose_answer');
      await expect(refund('PAYR7', createdAt, 1_000n, '03')).rejects.toThrow(/HTTP 504/);
      expect(h.sim.transaction('PAYR7')!.refunds).toHaveLength(1);
      h.sim.injectRefundFault({ refuse: '95' });
      expect((await refund('PAYR7', createdAt, 1_000n, '03')).responseCode).toBe('95');
      expect((await refund('PAYR7', createdAt, 1_000n, '03')).ok).toBe(true);
      expect(h.sim.transaction('PAYR7')!.refunds).toHaveLength(2);
    });

    it('checks its arguments before calling', async () => {
      await expect(refund('PAYR5', h.clock.now(), 0n, '03')).rejects.toThrow(/positive/);
      await expect(refund('PAYR5', h.clock.now(), 1n, '01' as never)).rejects.toThrow(/02 or 03/);
    });
  });

  it('lists the day for reconciliation', async () => {
    await payment('PAYL1', '00', 100_000n);
    const createdAt = await payment('PAYL2', '00', 200_000n);
    await refund('PAYL2', createdAt, 50_000n, '03');
    const rows = await client.dailyTransactions('2026-03-09');
    expect(rows.map((r) => [r.txnRef, r.amount])).toEqual([
      ['PAYL1', '10000000'],
      ['PAYL2', '20000000'],
    ]);
    const withRefunds = await client.dailyTransactions('2026-03-09', { includeRefunds: true });
    expect(withRefunds.map((r) => [r.txnRef, r.transactionType, r.amount])).toContainEqual(['PAYL2', '03', '5000000']);
    await expect(new VnpayClient({ ...opts(), hashSecret: 'WRONG' }).dailyTransactions('2026-03-09')).rejects.toThrow(/HTTP 401/);
  });

  it('downloads the day’s list file as it came (header checked), sending the GET once more when the connection failed before an answer', async () => {
    await payment('PAYF1', '00', 100_000n);
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      calls++;
      if (calls === 1) throw new TypeError('fetch failed', { cause: new Error('other side closed') });
      return fetch(input, init);
    };
    const file = await new VnpayClient({ ...opts(), fetch: flaky }).dailyListFile('2026-03-09');
    expect(calls).toBe(2);
    const text = Buffer.concat(file.chunks).toString('utf8');
    expect(file.bytes).toBe(Buffer.byteLength(text));
    expect(text.split('\n')[1]).toMatch(/^PAYF1,\d+,10000000,NCB,\d{14},00,00,,$/);
    const down: typeof fetch = async () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    };
    await expect(new VnpayClient({ ...opts(), fetch: down }).dailyListFile('2026-03-09')).rejects.toThrow('VNPay daily list: fetch failed (connect ECONNREFUSED)');
    const notAList: typeof fetch = async () => new Response('[{"txnRef":"PAYF1"}]', { status: 200 });
    await expect(new VnpayClient({ ...opts(), fetch: notAList }).dailyListFile('2026-03-09')).rejects.toThrow(/not a daily list file/);
  });

  it('oracle: the vnpay package talks to the simulator (request signatures agree both ways)', async () => {
    const createdAt = await payment('PAYLIB', '00');
    const tx = h.sim.transaction('PAYLIB')!;
    const lib = new VNPay({ tmnCode: TMN, secureSecret: SECRET, vnpayHost: origin, queryDrAndRefundHost: `${origin}${BASE}` });
    const q = await lib.queryDr({
      vnp_RequestId: 'LIBQUERY01',
      vnp_TxnRef: 'PAYLIB',
      vnp_OrderInfo: 'Truy van',
      vnp_TransactionDate: Number(formatVnpDate(createdAt)),
      vnp_CreateDate: Number(formatVnpDate(h.clock.now())),
      vnp_IpAddr: '10.0.0.5',
    } as never);
    expect(q).toMatchObject({ isVerified: true, vnp_ResponseCode: '00', vnp_TransactionStatus: '00', vnp_Amount: '225000000' });

    const r = await lib.refund({
      vnp_RequestId: 'LIBREFUND01',
      vnp_TxnRef: 'PAYLIB',
      vnp_Amount: 100_000,
      vnp_TransactionType: '03',
      vnp_TransactionNo: Number(tx.transactionNo),
      vnp_TransactionDate: Number(formatVnpDate(createdAt)),
      vnp_CreateBy: 'ketoan01',
      vnp_CreateDate: Number(formatVnpDate(h.clock.now())),
      vnp_IpAddr: '10.0.0.5',
      vnp_OrderInfo: 'Hoan tien',
    } as never);
    // The simulator verified the package's request signature...
    expect(r.vnp_ResponseCode).toBe('00');
    expect(h.sim.transaction('PAYLIB')!.refundedVnd).toBe(100_000n);
    // ...but the package divides vnp_Amount by 100 before hashing the answer (reference §8, bug 2), so it cannot verify it.
    expect(r.isVerified).toBe(false);
  });
});

describe('VnpayClient on the wire', () => {
  const base: VnpayClientOptions = { apiUrl: 'https://vnpay.invalid/merchant_webapi/api/transaction', tmnCode: TMN, hashSecret: SECRET, requestId: () => 'REQ123' };
  const now = new Date('2026-03-09T17:00:00Z');
  const transactionDate = new Date('2026-03-09T16:59:00Z');

  function fake(answer: (body: Record<string, string>) => Response | Promise<Response>) {
    const sent: Record<string, string>[] = [];
    const fetchFn = (async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body));
      sent.push(body);
      return answer(body);
    }) as unknown as typeof fetch;
    return { sent, fetchFn };
  }
  const json = (v: unknown, status = 200) => new Response(JSON.stringify(v), { status, headers: { 'content-type': 'application/json' } });
  const signedAnswer = (over: Record<string, string> = {}) => {
    const body: Record<string, string> = {
      vnp_ResponseId: 'R1',
      vnp_Command: 'querydr',
      vnp_ResponseCode: '00',
      vnp_Message: 'QueryDR Success',
      vnp_TmnCode: TMN,
      vnp_TxnRef: 'PAYX',
      vnp_Amount: '100000',
      vnp_BankCode: 'NCB',
      vnp_PayDate: '20260309235900',
      vnp_TransactionNo: '14226112',
      vnp_TransactionType: '01',
      vnp_TransactionStatus: '00',
      vnp_OrderInfo: 'x',
      ...over,
    };
    return { ...body, vnp_SecureHash: signFields(body, body.vnp_Command === 'refund' ? REFUND_RESPONSE_FIELDS : QUERYDR_RESPONSE_FIELDS, SECRET) };
  };
  const q = (c: VnpayClient) => c.querydr({ txnRef: 'PAYX', transactionDate, orderInfo: 'Truy vấn: đơn (1)', ipAddr: '::ffff:10.0.0.5', now });

  it('signs querydr with the documented pipe order', async () => {
    const { sent, fetchFn } = fake(() => json(signedAnswer()));
    const r = await q(new VnpayClient({ ...base, fetch: fetchFn }));
    expect(r.amountVnd).toBe(1_000n);
    expect(sent[0]).toEqual({
      vnp_RequestId: 'REQ123',
      vnp_Version: '2.1.0',
      vnp_Command: 'querydr',
      vnp_TmnCode: TMN,
      vnp_TxnRef: 'PAYX',
      vnp_OrderInfo: 'Truy van: don 1',
      vnp_TransactionDate: '20260309235900',
      vnp_CreateDate: '20260310000000',
      vnp_IpAddr: '10.0.0.5',
      vnp_SecureHash: signPipe(['REQ123', '2.1.0', 'querydr', TMN, 'PAYX', '20260309235900', '20260310000000', '10.0.0.5', 'Truy van: don 1'], SECRET),
    });
  });

  it('signs refund with the documented pipe order, sending TransactionNo 0 when unknown', async () => {
    const { sent, fetchFn } = fake(() => json(signedAnswer({ vnp_Command: 'refund' })));
    const c = new VnpayClient({ ...base, fetch: fetchFn });
    await c.refund({ txnRef: 'PAYX', amountVnd: 1_000n, transactionType: '03', transactionDate, createBy: ' ketoan01 ', orderInfo: 'Hoàn tiền', ipAddr: '10.0.0.5', now });
    expect(sent[0].vnp_TransactionNo).toBe('0');
    expect(sent[0].vnp_RequestId).toBe('REQ123');
    await c.refund({ txnRef: 'PAYX', amountVnd: 1_000n, transactionType: '03', transactionDate, createBy: 'ketoan01', orderInfo: 'Hoan tien', ipAddr: '10.0.0.5', now, requestId: 'RFDSTABLE1' });
    expect(sent[1].vnp_RequestId).toBe('RFDSTABLE1');
    expect(sent[0].vnp_Amount).toBe('100000');
    expect(sent[0].vnp_SecureHash).toBe(
      signPipe(['REQ123', '2.1.0', 'refund', TMN, '03', 'PAYX', '100000', '0', '20260309235900', 'ketoan01', '20260310000000', '10.0.0.5', 'Hoan tien'], SECRET),
    );
  });

  it('refuses unsigned, wrongly signed, foreign or malformed answers with a clear error', async () => {
    const cases: [string, () => Response | Promise<Response>, RegExp][] = [
      ['unsigned', () => json({ vnp_ResponseCode: '00', vnp_TxnRef: 'PAYX' }), /unsigned answer refused \(vnp_ResponseCode=00\)/],
      ['tampered', () => json({ ...signedAnswer(), vnp_Amount: '999900' }), /wrong signature/],
      ['answer for another transaction', () => json(signedAnswer({ vnp_TxnRef: 'OTHER' })), /another transaction/],
      ['answer for a foreign terminal signed with our secret', () => json(signedAnswer({ vnp_TmnCode: 'FOREIGN1' })), /another terminal \(FOREIGN1\)/],
      ['answer naming no terminal', () => json(signedAnswer({ vnp_TmnCode: '' })), /another terminal/],
      ['fractional amount', () => json(signedAnswer({ vnp_Amount: '100050' })), /malformed vnp_Amount/],
      ['HTTP 502', () => new Response('bad gateway', { status: 502 }), /HTTP 502/],
      ['not JSON', () => new Response('<html>', { status: 200 }), /not JSON/],
      ['array', () => json([]), /not a JSON object/],
    ];
    for (const [name, answer, re] of cases) {
      const { fetchFn } = fake(answer);
      await expect(q(new VnpayClient({ ...base, fetch: fetchFn })), name).rejects.toThrow(re);
    }
    const upper = fake(() => {
      const a = signedAnswer();
      return json({ ...a, vnp_SecureHash: a.vnp_SecureHash.toUpperCase() });
    });
    expect((await q(new VnpayClient({ ...base, fetch: upper.fetchFn }))).ok).toBe(true);
  });

  it('gives up after the timeout', async () => {
    const hang = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)))) as unknown as typeof fetch;
    await expect(q(new VnpayClient({ ...base, fetch: hang, timeoutMs: 30 }))).rejects.toThrow(/no answer within 30 ms/);
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    await expect(q(new VnpayClient({ ...base, fetch: down }))).rejects.toThrow(VnpayApiError);
  });

  it('validates its configuration', async () => {
    expect(() => new VnpayClient({ ...base, tmnCode: 'X' })).toThrow(/tmnCode/);
    expect(() => new VnpayClient({ ...base, hashSecret: ' ' })).toThrow(/hashSecret/);
    await expect(new VnpayClient({ ...base, requestId: () => 'not-alnum!' }).querydr({ txnRef: 'A', transactionDate, orderInfo: 'x', ipAddr: '10.0.0.5', now })).rejects.toThrow(/vnp_RequestId/);
  });
});
