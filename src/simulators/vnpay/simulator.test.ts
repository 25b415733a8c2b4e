import { VNPay } from 'vnpay';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseCallback, signDailyListRequest, signedQuery, verifySignature } from '../../protocols/vnpay/protocol.ts';
import { DAILY_LIST_HEADER, parseDailyList } from '../../protocols/vnpay/daily-list.ts';
import { INSUFFICIENT_BALANCE_CARD, SUCCESS_CARD } from './cards.ts';
import { BASE, RETURN_URL, SECRET, TMN, hrefOf, queryOf, startHarness, tokenOf, type Harness } from './harness.test-util.ts';
import { appendQuery } from './index.ts';

const lib = new VNPay({ tmnCode: TMN, secureSecret: SECRET, vnpayHost: 'http://sim.invalid' });

const card = (c = SUCCESS_CARD) => ({ cardNumber: c.number, cardDate: c.issueDate, cardHolder: c.holder });

describe('VNPay simulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => h.reset());

  /** Payment URL → method → NCB → card form → [Xác thực]; returns the OTP page URL. */
  async function toOtp(url: string, c = card()): Promise<string> {
    const start = await h.get(url);
    expect(start.status).toBe(302);
    const method = await h.get(start.location!);
    expect(method.status).toBe(200);
    const banks = await h.get(hrefOf(method.body, 'vnpay-method-atm'));
    expect(banks.body).toContain('data-testid="vnpay-bank-NCB"');
    const form = await h.get(hrefOf(banks.body, 'vnpay-bank-NCB'));
    expect(form.status).toBe(200);
    const token = tokenOf(start.location!);
    const sent = await h.post(`${BASE}/paymentv2/Transaction/CardInfo.html`, { token, bank: 'NCB', ...c });
    expect(sent.status).toBe(303);
    expect(sent.location).toContain('/paymentv2/Transaction/Otp.html');
    return sent.location!;
  }

  const otp = (otpUrl: string, code: string) => h.post(`${BASE}/paymentv2/Transaction/Otp.html`, { token: tokenOf(otpUrl), otp: code });

  it('pays through method → bank → card → OTP: signed return redirect and a verified IPN', async () => {
    const url = h.payUrl({ txnRef: 'PAYOK1' });
    const start = await h.get(url);
    const method = await h.get(start.location!);
    expect(method.contentType).toMatch(/text\/html/);
    expect(method.body).toContain('Thẻ ATM và tài khoản ngân hàng');
    expect(method.body).toContain('2.250.000 VND');
    expect(method.body).toContain('data-testid="vnpay-cancel"');
    expect(method.body).not.toMatch(/<script|https?:\/\/(?!qldv\.test)/); // no script, no external asset

    const banks = await h.get(hrefOf(method.body, 'vnpay-method-atm'));
    const form = await h.get(hrefOf(banks.body, 'vnpay-bank-NCB'));
    for (const id of ['vnpay-card-number', 'vnpay-card-date', 'vnpay-card-holder', 'vnpay-card-submit']) expect(form.body).toContain(`data-testid="${id}"`);
    expect(form.body).toContain('Nhập tên chủ thẻ (không dấu)');
    expect(form.body).toContain('>Xác thực<');

    const token = tokenOf(start.location!);
    const sent = await h.post(`${BASE}/paymentv2/Transaction/CardInfo.html`, { token, bank: 'NCB', cardNumber: '9704 1985 2619 1432 198', cardDate: '07/15', cardHolder: 'nguyen van a' });
    expect(sent.status).toBe(303);
    const otpPage = await h.get(sent.location!);
    expect(otpPage.body).toContain('OTP đã gửi tới số điện thoại của quý khách');
    expect(otpPage.body).toContain('data-testid="vnpay-otp"');
    expect(otpPage.body).toContain('data-testid="vnpay-pay"');
    expect(otpPage.body).toContain('970419*********2198');

    const paid = await otp(sent.location!, '123456');
    expect(paid.status).toBe(303);
    expect(paid.location!.startsWith(`${RETURN_URL}?`)).toBe(true);
    const back = queryOf(paid.location!);
    expect(verifySignature(back, SECRET)).toBe(true);
    expect(lib.verifyReturnUrl(back as never)).toMatchObject({ isVerified: true, isSuccess: true, vnp_Amount: 2_250_000 });
    const cb = parseCallback(back);
    expect(cb).toMatchObject({ txnRef: 'PAYOK1', amountVnd: 2_250_000n, responseCode: '00', transactionStatus: '00', bankCode: 'NCB', cardType: 'ATM', paid: true });
    expect(cb.bankTranNo).toBe(`VNP${cb.transactionNo}`);
    expect(cb.orderInfo).toBe('Gia han MobiFone Meeting 6 thang HD-2026/000042');
    expect(back.vnp_PayDate).toBe('20260309100000');

    const tx = await h.sim.ipnSettled('PAYOK1');
    expect(tx?.ipn).toMatchObject({ confirmed: true, inFlight: false });
    expect(tx?.ipn.attempts).toHaveLength(1);
    expect(h.merchant.received).toHaveLength(1);
    const ipn = h.merchant.received[0];
    expect(verifySignature(ipn, SECRET)).toBe(true);
    expect(lib.verifyIpnCall(ipn as never).isVerified).toBe(true);
    expect(ipn).toEqual(back);
    expect(tx).toMatchObject({ status: 'paid', responseCode: '00', transactionStatus: '00', transactionNo: cb.transactionNo });

    // The payment is over: its pages now show the result, and the same URL cannot pay twice.
    const again = await h.get(sent.location!);
    expect(again.location).toContain('/Transaction/Result.html');
    expect((await h.get(url)).location).toBe(`${BASE}/paymentv2/Payment/Error.html?code=01`);
  });

  it('fails with 51 for the insufficient-balance card, with a warning page and a signed return', async () => {
    const otpUrl = await toOtp(h.payUrl({ txnRef: 'PAYPOOR' }), card(INSUFFICIENT_BALANCE_CARD));
    const r = await otp(otpUrl, '123456');
    expect(r.status).toBe(303);
    const page = await h.get(r.location!);
    expect(page.body).toContain('data-code="51"');
    expect(page.body).toContain('không đủ số dư');
    expect(page.body).toMatch(/<meta http-equiv="refresh" content="5;url=https:\/\/qldv\.test/);
    const back = queryOf(hrefOf(page.body, 'vnpay-return-link'));
    expect(verifySignature(back, SECRET)).toBe(true);
    expect(back).toMatchObject({ vnp_ResponseCode: '51', vnp_TransactionStatus: '02', vnp_BankCode: 'NCB' });
    expect(back.vnp_BankTranNo).toBeUndefined();
    const tx = await h.sim.ipnSettled('PAYPOOR');
    expect(tx).toMatchObject({ status: 'failed', responseCode: '51' });
    expect(h.merchant.received[0].vnp_ResponseCode).toBe('51');
  });

  it('cancels with 24 from any step', async () => {
    const start = await h.get(h.payUrl({ txnRef: 'PAYCANCEL1' }));
    const method = await h.get(start.location!);
    const cancelled = await h.get(hrefOf(method.body, 'vnpay-cancel'));
    expect(cancelled.status).toBe(302);
    const back = queryOf(cancelled.location!);
    expect(verifySignature(back, SECRET)).toBe(true);
    expect(back).toMatchObject({ vnp_ResponseCode: '24', vnp_TransactionStatus: '02', vnp_TransactionNo: '0', vnp_BankCode: 'VNPAY' });

    const otpUrl = await toOtp(h.payUrl({ txnRef: 'PAYCANCEL2' }));
    const otpPage = await h.get(otpUrl);
    const late = queryOf((await h.get(hrefOf(otpPage.body, 'vnpay-cancel'))).location!);
    expect(late).toMatchObject({ vnp_ResponseCode: '24', vnp_BankCode: 'NCB', vnp_CardType: 'ATM' });
    await h.sim.ipnSettled('PAYCANCEL1');
    await h.sim.ipnSettled('PAYCANCEL2');
    expect(h.merchant.received.map((q) => q.vnp_ResponseCode).sort()).toEqual(['24', '24']);
  });

  it('lets a wrong OTP be retried, and ends with 13 after three', async () => {
    const otpUrl = await toOtp(h.payUrl({ txnRef: 'PAYOTP1' }));
    const wrong = await otp(otpUrl, '000000');
    expect(wrong.status).toBe(200);
    expect(wrong.body).toContain('Mã OTP không chính xác');
    expect(wrong.body).toContain('còn 2 lần thử');
    const ok = await otp(otpUrl, '123456');
    expect(queryOf(ok.location!).vnp_ResponseCode).toBe('00');

    const otpUrl2 = await toOtp(h.payUrl({ txnRef: 'PAYOTP2' }));
    await otp(otpUrl2, '1');
    await otp(otpUrl2, '2');
    const last = await otp(otpUrl2, '3');
    expect(last.status).toBe(303);
    expect((await h.get(last.location!)).body).toContain('data-code="13"');
    expect(h.sim.transaction('PAYOTP2')?.responseCode).toBe('13');
  });

  it('refuses wrong card data (3 tries → 10), explains a name with diacritics, ends locked cards with 12', async () => {
    const start = await h.get(h.payUrl({ txnRef: 'PAYCARD', bankCode: 'NCB' }));
    expect(start.location).toContain('/Transaction/CardInfo.html'); // vnp_BankCode=NCB skips method and bank
    const token = tokenOf(start.location!);
    const send = (c: Record<string, string>) => h.post(`${BASE}/paymentv2/Transaction/CardInfo.html`, { token, bank: 'NCB', ...card(), ...c });

    const accents = await send({ cardHolder: 'NGUYỄN VĂN A' });
    expect(accents.body).toContain('không dấu');
    const wrongDate = await send({ cardDate: '08/15' });
    expect(wrongDate.status).toBe(200);
    expect(wrongDate.body).toContain('Thông tin thẻ không chính xác');
    expect(wrongDate.body).toContain('còn 2 lần thử');
    expect(wrongDate.body).toContain('value="9704198526191432198"');
    await send({ cardNumber: '9704190000000000' });
    const third = await send({ cardHolder: 'TRAN VAN B' });
    expect(third.status).toBe(303);
    expect((await h.get(third.location!)).body).toContain('data-code="10"');

    const locked = await h.get(h.payUrl({ txnRef: 'PAYLOCK', bankCode: 'VNBANK' }));
    expect(locked.location).toContain('/Transaction/BankList.html');
    const r = await h.post(`${BASE}/paymentv2/Transaction/CardInfo.html`, { token: tokenOf(locked.location!), bank: 'NCB', ...card(), cardNumber: '9704193370791314' });
    expect((await h.get(r.location!)).body).toContain('data-code="12"');
  });

  it('shows VNPay error pages: bad signature 70, unknown terminal 72, expired 11, bad amount 03', async () => {
    const url = h.payUrl({ txnRef: 'PAYERR' });
    const tampered = url.replace('vnp_Amount=225000000', 'vnp_Amount=100000');
    const bad = await h.get(tampered);
    expect(bad.location).toBe(`${BASE}/paymentv2/Payment/Error.html?code=70`);
    const page = await h.get(bad.location!);
    expect(page.body).toContain('data-testid="vnpay-error-page"');
    expect(page.body).toContain('Sai chữ ký');
    expect(page.body).toContain('>70<');

    const other = url.replace(`vnp_TmnCode=${TMN}`, 'vnp_TmnCode=ABCDEFGH');
    expect((await h.get(other)).location).toBe(`${BASE}/paymentv2/Payment/Error.html?code=72`);

    const old = h.payUrl({ txnRef: 'PAYOLD', now: new Date(h.clock.now().getTime() - 16 * 60_000) });
    expect((await h.get(old)).location).toBe(`${BASE}/paymentv2/Payment/Error.html?code=11`);

    const fields = queryOf(url);
    delete fields.vnp_SecureHash;
    const odd = `${BASE}/paymentv2/vpcpay.html?${signedQuery({ ...fields, vnp_Amount: '225000050' }, SECRET)}`;
    const r = await h.get(odd);
    expect(r.location).toMatch(/code=03&reason=.*multiple/);
    expect((await h.get(r.location!)).body).toContain('multiple of 100');

    const accents = `${BASE}/paymentv2/vpcpay.html?${signedQuery({ ...fields, vnp_OrderInfo: 'Thanh toán' }, SECRET)}`;
    expect((await h.get(accents)).location).toMatch(/code=03/);
    expect(h.sim.transactions()).toHaveLength(0);
    expect(h.merchant.received).toHaveLength(0);
  });

  it('resumes when the same payment URL is opened again, and expires a payment left open', async () => {
    const url = h.payUrl({ txnRef: 'PAYSLOW' });
    const first = await h.get(url);
    const second = await h.get(url);
    expect(tokenOf(second.location!)).toBe(tokenOf(first.location!));
    expect(h.sim.transactions()).toHaveLength(1);

    h.clock.advanceMinutes(16);
    const late = await h.get(first.location!);
    expect(late.location).toContain('/Transaction/Result.html');
    expect((await h.get(late.location!)).body).toContain('data-code="11"');
    await h.sim.ipnSettled('PAYSLOW');
    expect(h.merchant.received[0].vnp_ResponseCode).toBe('11');
  });

  it('retries the IPN until the merchant answers 00', async () => {
    h.merchant.script.push('99', 'http500', 'garbage');
    await otp(await toOtp(h.payUrl({ txnRef: 'PAYRETRY' })), '123456');
    const tx = await h.sim.ipnSettled('PAYRETRY');
    expect(tx?.ipn.attempts.map((a) => a.rspCode)).toEqual(['99', null, null, '00']);
    expect(tx?.ipn.attempts[1]).toMatchObject({ httpStatus: 500, error: 'HTTP 500' });
    expect(tx?.ipn.attempts[2].error).toMatch(/not JSON/);
    expect(tx?.ipn.confirmed).toBe(true);
    expect(new Set(h.merchant.received.map((q) => q.vnp_SecureHash)).size).toBe(1); // the same signed IPN each time
  });

  it('stops at 02, and gives up after the last retry', async () => {
    h.merchant.script.push('02');
    await otp(await toOtp(h.payUrl({ txnRef: 'PAYDUP' })), '123456');
    expect((await h.sim.ipnSettled('PAYDUP'))?.ipn.attempts.map((a) => a.rspCode)).toEqual(['02']);

    h.merchant.script.push('97', '04', '01', '99', '00');
    await otp(await toOtp(h.payUrl({ txnRef: 'PAYNEVER' })), '123456');
    const tx = await h.sim.ipnSettled('PAYNEVER');
    expect(tx?.ipn.attempts.map((a) => a.rspCode)).toEqual(['97', '04', '01', '99']); // 1 + 3 retries
    expect(tx?.ipn.confirmed).toBe(false);
  });

  it('treats a slow merchant as no answer', async () => {
    const slow = await startHarness({ ipnTimeoutMs: 100, delaysMs: [10] });
    try {
      slow.merchant.script.push('slow');
      const start = await slow.get(slow.payUrl({ txnRef: 'PAYSLOWIPN' }));
      slow.sim.completePayment('PAYSLOWIPN');
      expect(start.status).toBe(302);
      const tx = await slow.sim.ipnSettled('PAYSLOWIPN');
      expect(tx?.ipn.attempts[0]).toMatchObject({ rspCode: null, error: 'no answer within 100 ms' });
      expect(tx?.ipn.attempts[1].rspCode).toBe('00');
    } finally {
      await slow.close();
    }
  });

  it('loses the IPN on demand, and sends it again when asked', async () => {
    h.sim.setIpnLost('PAYLOST', true);
    const paid = await otp(await toOtp(h.payUrl({ txnRef: 'PAYLOST' })), '123456');
    expect(queryOf(paid.location!).vnp_ResponseCode).toBe('00');
    const tx = await h.sim.ipnSettled('PAYLOST');
    expect(tx?.ipn).toMatchObject({ lost: true, confirmed: false, attempts: [] });
    expect(h.merchant.received).toHaveLength(0);

    h.merchant.script.push('99');
    expect(await h.sim.sendIpn('PAYLOST')).toEqual({ rspCode: '99', message: 'answer 99' });
    expect(await h.sim.sendIpn('PAYLOST')).toEqual({ rspCode: '00', message: 'answer 00' });
    expect(h.sim.transaction('PAYLOST')?.ipn).toMatchObject({ confirmed: true });
    expect(h.sim.transaction('PAYLOST')?.ipn.attempts.every((a) => a.manual)).toBe(true);
    expect(verifySignature(h.merchant.received[1], SECRET)).toBe(true);

    await h.get(h.payUrl({ txnRef: 'PAYOPEN' }));
    await expect(h.sim.sendIpn('PAYOPEN')).rejects.toThrow(/pending/);
    await expect(h.sim.sendIpn('NOPE')).rejects.toThrow(/no transaction/);
  });

  it('lists the day’s transactions in GMT+7 for reconciliation, signed', async () => {
    const list = (date: string, hash = signDailyListRequest(TMN, date, SECRET), extra = '') =>
      h.app.inject({ method: 'GET', url: `${BASE}/transactions?date=${date}&vnp_TmnCode=${TMN}&vnp_SecureHash=${hash}${extra}` });

    h.clock.set('2026-03-09T16:50:00Z'); // 23:50 on 09/03 in Hà Nội
    await h.get(h.payUrl({ txnRef: 'PAYDAY1', amountVnd: 100_000n }));
    h.sim.completePayment('PAYDAY1');
    await h.get(h.payUrl({ txnRef: 'PAYDAY2', amountVnd: 50_000n }));
    h.clock.set('2026-03-09T17:05:00Z'); // 00:05 on 10/03
    h.sim.completePayment('PAYDAY2', '51');
    await h.get(h.payUrl({ txnRef: 'PAYDAY3', amountVnd: 70_000n }));

    const day9 = await list('2026-03-09');
    expect(day9.statusCode).toBe(200);
    expect(day9.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(day9.body.split('\n')[0]).toBe(DAILY_LIST_HEADER);
    const rows9 = parseDailyList(day9.body);
    expect(rows9).toEqual([
      {
        txnRef: 'PAYDAY1',
        transactionNo: h.sim.transaction('PAYDAY1')!.transactionNo,
        amount: '10000000',
        bankCode: 'NCB',
        payDate: '20260309235000',
        transactionStatus: '00',
        responseCode: '00',
      },
    ]);
    const rows10 = parseDailyList((await list('2026-03-10')).body);
    expect(rows10.map((r: { txnRef: string }) => r.txnRef)).toEqual(['PAYDAY2', 'PAYDAY3']);
    expect(rows10[0]).toMatchObject({ amount: '5000000', payDate: '20260310000500', transactionStatus: '02', responseCode: '51' });
    expect(rows10[1]).toMatchObject({ transactionNo: '0', payDate: '', transactionStatus: '01', responseCode: '' });

    expect((await list('2026-03-09', 'ab'.repeat(64))).statusCode).toBe(401);
    expect((await list('2026-03-09', signDailyListRequest(TMN, '2026-03-10', SECRET))).statusCode).toBe(401);
    expect((await list('09-03-2026')).statusCode).toBe(400);
    expect(parseDailyList((await list('2026-03-09', undefined, '&includeRefunds=true')).body)[0].transactionType).toBe('01');
  });

  it('works without the control object: the plugin form, and form posts with a session cookie', async () => {
    const { createServer } = await import('../../http/server.ts');
    const { vnpaySimulator } = await import('./index.ts');
    const app = await createServer({ logLevel: 'silent', version: 'test' });
    await app.register(vnpaySimulator, { tmnCode: TMN, hashSecret: SECRET, ipnUrl: 'http://127.0.0.1:9/ipn', basePath: '/vnpay', ipnRetry: { delaysMs: [] } });
    await app.ready();
    const r = await app.inject({ method: 'GET', url: '/vnpay/paymentv2/Payment/Error.html?code=72' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Không tìm thấy website');
    expect(r.headers['content-security-policy']).toBeDefined();
    const post = await app.inject({
      method: 'POST',
      url: '/vnpay/paymentv2/Transaction/Otp.html',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'qldv_session=whatever' },
      payload: 'token=unknown&otp=123456',
    });
    expect(post.statusCode).toBe(302);
    expect(post.headers.location).toBe('/vnpay/paymentv2/Payment/Error.html?code=91');
    await app.close();
  });

  it('answers a malformed JSON API call with a signed 03, and loses every IPN with *', async () => {
    const r = await h.app.inject({ method: 'POST', url: `${BASE}/merchant_webapi/api/transaction`, headers: { 'content-type': 'application/json' }, payload: '{"vnp_Command":' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ vnp_ResponseCode: '03', vnp_TmnCode: TMN });
    expect(r.json().vnp_SecureHash).toMatch(/^[0-9a-f]{128}$/);
    const other = await h.app.inject({ method: 'POST', url: `${BASE}/merchant_webapi/api/transaction`, payload: { vnp_Command: 'genqr' } });
    expect(other.json().vnp_ResponseCode).toBe('03');

    h.sim.setIpnLost('*', true);
    await h.get(h.payUrl({ txnRef: 'PAYSTAR' }));
    h.sim.completePayment('PAYSTAR');
    expect((await h.sim.ipnSettled('PAYSTAR'))?.ipn).toMatchObject({ lost: true, attempts: [] });
    h.sim.setIpnLost('*', false);
    h.sim.simulateLostIpn('PAYSTAR2');
    await h.get(h.payUrl({ txnRef: 'PAYSTAR2' }));
    h.sim.completePayment('PAYSTAR2');
    expect((await h.sim.ipnSettled('PAYSTAR2'))?.ipn.lost).toBe(true);
    expect(h.merchant.received).toHaveLength(0);
  });

  it('appends the result before a fragment and after an existing query', () => {
    expect(appendQuery('https://a.vn/r', 'x=1')).toBe('https://a.vn/r?x=1');
    expect(appendQuery('https://a.vn/r?o=2', 'x=1')).toBe('https://a.vn/r?o=2&x=1');
    expect(appendQuery('https://a.vn/r?#top', 'x=1')).toBe('https://a.vn/r?x=1#top');
  });

  it('keeps merchant query parameters of the return URL outside the signature', async () => {
    const url = h.payUrl({ txnRef: 'PAYRETQ', returnUrl: `${RETURN_URL}?order=42` });
    await h.get(url);
    const { returnUrl } = h.sim.completePayment('PAYRETQ');
    const back = queryOf(returnUrl);
    expect(back.order).toBe('42');
    expect(verifySignature(back, SECRET)).toBe(true);
    await vi.waitFor(() => expect(h.merchant.received).toHaveLength(1));
  });
});
