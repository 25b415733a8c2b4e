import { createHmac } from 'node:crypto';
import { VNPay, VnpLocale, dateFormat, getDateInGMT7 } from 'vnpay';
import { afterEach, describe, expect, it } from 'vitest';
import { IPN_RSP_CODE, describePaymentResponse, ipnAnswerBody } from './codes.ts';
import {
  VnpayProtocolError,
  buildPaymentUrl,
  canonicalQuery,
  formEncode,
  formatVnpDate,
  fromVnpAmount,
  gmt7Date,
  normalizeIpAddr,
  parseCallback,
  parseVnpDate,
  signParams,
  signPipe,
  signedQuery,
  stripDiacritics,
  toVnpAmount,
  verifySignature,
  type PaymentRequest,
} from './protocol.ts';

const cfg = { payUrl: 'https://sandbox.vnpayment.vn/paymentv2/vpcpay.html', tmnCode: 'QLDVTEST', hashSecret: 'QLDVSIMULATORSECRET0123456789ABC' };

const base: PaymentRequest = {
  txnRef: 'PAY01HZX5K3M9',
  amountVnd: 1_250_000n,
  orderInfo: 'Thanh toán hợp đồng HĐ-2026/000123',
  ipAddr: '203.113.131.5',
  returnUrl: 'https://qldv.mobifone.vn/thanh-toan/ket-qua',
  now: new Date('2026-03-09T17:30:05Z'),
};

const paramsOf = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe('GMT+7 dates', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it('formats around midnight UTC with a fixed +7 offset', () => {
    expect(formatVnpDate(new Date('2026-03-09T16:59:59Z'))).toBe('20260309235959');
    expect(formatVnpDate(new Date('2026-03-09T17:00:00Z'))).toBe('20260310000000');
    expect(formatVnpDate(new Date('2026-03-09T23:59:59Z'))).toBe('20260310065959');
    expect(formatVnpDate(new Date('2026-03-10T00:00:00Z'))).toBe('20260310070000');
    expect(formatVnpDate(new Date('2025-12-31T17:00:00Z'))).toBe('20260101000000');
    expect(formatVnpDate(new Date('2028-02-28T17:00:00Z'))).toBe('20280229000000');
  });

  it('does not depend on the machine zone', () => {
    const d = new Date('2026-03-09T16:30:00Z');
    for (const tz of ['UTC', 'America/New_York', 'Asia/Ho_Chi_Minh', 'Pacific/Kiritimati']) {
      process.env.TZ = tz;
      expect(formatVnpDate(d)).toBe('20260309233000');
      expect(parseVnpDate('20260309233000').toISOString()).toBe('2026-03-09T16:30:00.000Z');
      expect(gmt7Date(new Date('2026-03-09T17:00:00Z'))).toBe('2026-03-10');
    }
  });

  it('agrees with the vnpay package (which is only right when TZ=UTC, as in this test run)', () => {
    process.env.TZ = 'UTC';
    for (const iso of ['2026-03-09T16:59:59Z', '2026-03-09T17:00:00Z', '2025-12-31T17:00:00Z', '2026-06-30T23:59:59Z']) {
      expect(formatVnpDate(new Date(iso))).toBe(String(dateFormat(getDateInGMT7(new Date(iso)))));
    }
  });

  it('parses back to the instant and refuses anything else', () => {
    expect(parseVnpDate('20260310000000').toISOString()).toBe('2026-03-09T17:00:00.000Z');
    expect(parseVnpDate('20260101000000').toISOString()).toBe('2025-12-31T17:00:00.000Z');
    for (const bad of ['20260230120000', '20261301000000', '20260101240000', '20260101006000', '2026010100000', '202601010000000', 'abcdefghijklmn', '', '2026-01-01T00:00']) {
      expect(() => parseVnpDate(bad), bad).toThrow(VnpayProtocolError);
    }
    expect(() => formatVnpDate(new Date('nope'))).toThrow(VnpayProtocolError);
  });
});

describe('order info, amounts, IP', () => {
  it('strips Vietnamese diacritics and special characters', () => {
    expect(stripDiacritics('Thanh toán hợp đồng HĐ-2026/000123: gói Đặc biệt (kỳ 1) – 100%! Người dùng ơi')).toBe(
      'Thanh toan hop dong HD-2026/000123: goi Dac biet ky 1 100 Nguoi dung oi',
    );
    expect(stripDiacritics('Nguyễn Thị Ánh Tuyết, đường Lê Duẩn #5')).toBe('Nguyen Thi Anh Tuyet, duong Le Duan #5');
    expect(stripDiacritics('ẮẰẲẴẶ ắằẳẵặ ỨỪỬỮỰ ứừửữự ỐỒỔỖỘ Ơ ờ ỷ ỹ')).toBe('AAAAA aaaaa UUUUU uuuuu OOOOO O o y y');
    expect(stripDiacritics('  a\t\nb  ')).toBe('a b');
    expect(stripDiacritics('<script>&"\'')).toBe('script');
    expect(stripDiacritics('x'.repeat(300))).toHaveLength(255);
  });

  it('multiplies by 100 on the way out and divides on the way back, refusing fractions', () => {
    expect(toVnpAmount(10_000n)).toBe('1000000');
    expect(toVnpAmount(1n)).toBe('100');
    expect(toVnpAmount(9_999_999_999n)).toBe('999999999900');
    expect(() => toVnpAmount(10_000_000_000n)).toThrow(/too large/);
    expect(() => toVnpAmount(0n)).toThrow(VnpayProtocolError);
    expect(() => toVnpAmount(-5n)).toThrow(VnpayProtocolError);
    expect(() => toVnpAmount(100 as unknown as bigint)).toThrow(/bigint/);

    expect(fromVnpAmount('1000000')).toBe(10_000n);
    expect(fromVnpAmount('0')).toBe(0n);
    expect(fromVnpAmount('999999999900')).toBe(9_999_999_999n);
    for (const bad of ['1000050', '1', '99', '12.5', '1e6', '', ' 100', '-100', '+100', '0x64']) {
      expect(() => fromVnpAmount(bad), bad).toThrow(VnpayProtocolError);
    }
  });

  it('normalises the customer IP', () => {
    expect(normalizeIpAddr('::1')).toBe('127.0.0.1');
    expect(normalizeIpAddr('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(normalizeIpAddr('2001:db8::1')).toBe('2001:db8::1');
    expect(normalizeIpAddr(' 13.160.92.202 ')).toBe('13.160.92.202');
    expect(() => normalizeIpAddr('1.1.1')).toThrow(VnpayProtocolError);
    expect(() => normalizeIpAddr('localhost')).toThrow(VnpayProtocolError);
  });
});

describe('signing', () => {
  it('builds the canonical string: vnp_ only, non-empty, sorted, form-encoded', () => {
    const q = canonicalQuery({
      vnp_TxnRef: '5',
      vnp_Amount: '1806000',
      other: 'x',
      vnp_BankCode: '',
      vnp_SecureHash: 'abc',
      vnp_SecureHashType: 'HmacSHA512',
      vnp_OrderInfo: 'Thanh toan don hang :5',
      vnp_ReturnUrl: 'https://domainmerchant.vn/ReturnUrl',
    });
    // The example of VNPay's integration guide.
    expect(q).toBe('vnp_Amount=1806000&vnp_OrderInfo=Thanh+toan+don+hang+%3A5&vnp_ReturnUrl=https%3A%2F%2Fdomainmerchant.vn%2FReturnUrl&vnp_TxnRef=5');
  });

  it('encodes like URLSearchParams (Java URLEncoder): uppercase hex, + for space, !\'()~ escaped, * kept', () => {
    const tricky = "a b!c'd(e)f*g~h-i_j.k/l:m,n#o&p=q+r%s?t é đ 😀";
    expect(formEncode(tricky)).toBe(new URLSearchParams({ v: tricky }).toString().slice(2));
    expect(formEncode('!\'()~*')).toBe('%21%27%28%29%7E*');
  });

  it('matches fixed vectors (computed once, checked with Python hmac)', () => {
    const url = buildPaymentUrl(cfg, base);
    expect(url).toBe(
      'https://sandbox.vnpayment.vn/paymentv2/vpcpay.html?vnp_Amount=125000000&vnp_Command=pay&vnp_CreateDate=20260310003005&vnp_CurrCode=VND&vnp_ExpireDate=20260310004505&vnp_IpAddr=203.113.131.5&vnp_Locale=vn&vnp_OrderInfo=Thanh+toan+hop+dong+HD-2026%2F000123&vnp_OrderType=other&vnp_ReturnUrl=https%3A%2F%2Fqldv.mobifone.vn%2Fthanh-toan%2Fket-qua&vnp_TmnCode=QLDVTEST&vnp_TxnRef=PAY01HZX5K3M9&vnp_Version=2.1.0&vnp_SecureHash=baf1cecf04a56d4a842da9b860c7615029d62f59fbede41842c234f116f3594f928b47aff78b8dd06bb70f42c6c2428d7223c521fc28c5575340cba6c9adfc81',
    );
    expect(
      signPipe(['REQ123', '2.1.0', 'querydr', 'QLDVTEST', 'PAY01HZX5K3M9', '20260310003005', '20260310010000', '10.0.0.1', 'Truy van giao dich'], cfg.hashSecret),
    ).toBe('be6eca01767a437f48166e05ca90c80d16a02fef727402cb3075e3de94186678514b889784a384b3ad5f999058dafd64ea20fadbab1ec0c801e89a9a25f7ecd9');
    expect(signPipe(['a', undefined, null, 3], 'k')).toBe(createHmac('sha512', 'k').update('a|||3').digest('hex'));
  });

  it('ignores a BOM or whitespace around the secret, refuses an empty one', () => {
    const p = { vnp_A: '1' };
    expect(signParams(p, `\uFEFF ${cfg.hashSecret}\n`)).toBe(signParams(p, cfg.hashSecret));
    expect(() => signParams(p, '  ')).toThrow(VnpayProtocolError);
  });
});

/** The fields of a paid IPN, as VNPay sends them (before the signature). */
const PAID = {
    vnp_Amount: '125000000',
    vnp_BankCode: 'NCB',
    vnp_BankTranNo: 'VNP14226112',
    vnp_CardType: 'ATM',
    vnp_OrderInfo: 'Thanh toan hop dong HD-2026/000123',
    vnp_PayDate: '20260310003500',
    vnp_ResponseCode: '00',
    vnp_TmnCode: 'QLDVTEST',
    vnp_TransactionNo: '14226112',
    vnp_TransactionStatus: '00',
    vnp_TxnRef: 'PAY01HZX5K3M9',
};

describe('verifySignature', () => {
  const fields = PAID;
  const signed = () => paramsOf(`https://x.vn/r?${signedQuery(fields, cfg.hashSecret)}`);

  it('accepts a correct hash, in either case, and ignores non-vnp_ and empty fields', () => {
    const q = signed();
    expect(verifySignature(q, cfg.hashSecret)).toBe(true);
    expect(verifySignature({ ...q, vnp_SecureHash: q.vnp_SecureHash.toUpperCase() }, cfg.hashSecret)).toBe(true);
    expect(verifySignature({ ...q, orderId: '42', utm_source: 'mail', vnp_Unused: '', vnp_SecureHashType: 'HmacSHA512' }, cfg.hashSecret)).toBe(true);
  });

  it('refuses tampering and anything malformed, without throwing', () => {
    const q = signed();
    expect(verifySignature({ ...q, vnp_Amount: '125000100' }, cfg.hashSecret)).toBe(false);
    expect(verifySignature({ ...q, vnp_ResponseCode: '24' }, cfg.hashSecret)).toBe(false);
    expect(verifySignature({ ...q, vnp_Extra: 'x' }, cfg.hashSecret)).toBe(false);
    expect(verifySignature(q, 'ANOTHERSECRET')).toBe(false);
    expect(verifySignature({ ...q, vnp_SecureHash: undefined }, cfg.hashSecret)).toBe(false);
    expect(verifySignature({ ...q, vnp_SecureHash: q.vnp_SecureHash.slice(0, 64) }, cfg.hashSecret)).toBe(false);
    expect(verifySignature({ ...q, vnp_SecureHash: 'z'.repeat(128) }, cfg.hashSecret)).toBe(false);
    expect(verifySignature({ ...q, vnp_TxnRef: ['A', 'B'] }, cfg.hashSecret)).toBe(false);
    expect(verifySignature({ ...q, vnp_OrderInfo: 'lone \uD800 surrogate' }, cfg.hashSecret)).toBe(false);
    expect(verifySignature({ vnp_SecureHash: q.vnp_SecureHash }, cfg.hashSecret)).toBe(false);
    expect(verifySignature(null as never, cfg.hashSecret)).toBe(false);
    expect(verifySignature(q, '')).toBe(false);
  });

  it("also accepts the PHP and Node-demo encodings when a value holds !'()*~", () => {
    const f = { ...fields, vnp_OrderInfo: "Don (1) ~ a*b !'" };
    const nodeDemo = Object.keys(f)
      .sort()
      .map((k) => `${k}=${encodeURIComponent(f[k as keyof typeof f]).replace(/%20/g, '+')}`)
      .join('&');
    const php = canonicalQuery(f).replace(/\*/g, '%2A');
    for (const s of [nodeDemo, php, canonicalQuery(f)]) {
      const hash = createHmac('sha512', cfg.hashSecret).update(s).digest('hex');
      expect(verifySignature({ ...f, vnp_SecureHash: hash }, cfg.hashSecret)).toBe(true);
    }
  });
});

describe('buildPaymentUrl', () => {
  it('sends every required field, ×100 amount and GMT+7 dates', () => {
    const p = paramsOf(buildPaymentUrl(cfg, { ...base, bankCode: 'NCB', locale: 'en', orderType: '250000', expireMinutes: 30, ipAddr: '::1' }));
    expect(p).toMatchObject({
      vnp_Version: '2.1.0',
      vnp_Command: 'pay',
      vnp_TmnCode: 'QLDVTEST',
      vnp_Amount: '125000000',
      vnp_CurrCode: 'VND',
      vnp_BankCode: 'NCB',
      vnp_Locale: 'en',
      vnp_OrderType: '250000',
      vnp_OrderInfo: 'Thanh toan hop dong HD-2026/000123',
      vnp_IpAddr: '127.0.0.1',
      vnp_CreateDate: '20260310003005',
      vnp_ExpireDate: '20260310010005',
    });
    expect(p).not.toHaveProperty('vnp_SecureHashType');
    expect(verifySignature(p, cfg.hashSecret)).toBe(true);
    expect(paramsOf(buildPaymentUrl(cfg, base))).not.toHaveProperty('vnp_BankCode');
  });

  it('refuses what VNPay would refuse', () => {
    const bad: Partial<PaymentRequest>[] = [
      { amountVnd: 0n },
      { orderInfo: '«»!!' },
      { txnRef: 'has space' },
      { txnRef: '' },
      { returnUrl: 'ftp://x.vn/return' },
      { returnUrl: 'not a url' },
      { bankCode: 'N' },
      { ipAddr: 'x' },
      { expireMinutes: 0 },
    ];
    for (const b of bad) expect(() => buildPaymentUrl(cfg, { ...base, ...b }), JSON.stringify(b, (_k, v) => (typeof v === 'bigint' ? `${v}` : v))).toThrow(VnpayProtocolError);
    expect(() => buildPaymentUrl({ ...cfg, tmnCode: 'SHORT' }, base)).toThrow(VnpayProtocolError);
  });
});

describe('oracle: the vnpay package agrees with us', () => {
  const lib = new VNPay({ tmnCode: cfg.tmnCode, secureSecret: cfg.hashSecret, vnpayHost: 'https://sandbox.vnpayment.vn' });
  const cases: (Partial<PaymentRequest> & { name: string })[] = [
    { name: 'ascii' },
    { name: 'vietnamese with special characters', orderInfo: 'Gia hạn dịch vụ MobiFone Meeting (6 tháng) – 5 phòng: 2.250.000đ & VAT? #HĐ-77' },
    { name: 'spaces and a tricky return URL', orderInfo: '  Nap   tien  thue bao 0901234567 ', returnUrl: "https://qldv.vn/ret?a=1&b=x y&c=~*'()!" },
    { name: 'bank code, english, large amount', bankCode: 'VNBANK', locale: 'en', amountVnd: 9_876_543_210n, now: new Date('2026-12-31T16:59:59Z') },
    { name: 'midnight', now: new Date('2026-03-09T17:00:00Z'), expireMinutes: 60 },
  ];

  for (const c of cases) {
    it(`buildPaymentUrl: ${c.name}`, () => {
      const { name: _name, ...over } = c;
      const p: PaymentRequest = { ...base, ...over };
      const ours = buildPaymentUrl(cfg, p);
      const mine = paramsOf(ours);
      const theirs = lib.buildPaymentUrl({
        vnp_Amount: Number(p.amountVnd),
        vnp_OrderInfo: stripDiacritics(p.orderInfo),
        vnp_TxnRef: p.txnRef,
        vnp_IpAddr: p.ipAddr,
        vnp_ReturnUrl: p.returnUrl,
        vnp_Locale: p.locale === 'en' ? VnpLocale.EN : VnpLocale.VN,
        vnp_CreateDate: Number(mine.vnp_CreateDate),
        vnp_ExpireDate: Number(mine.vnp_ExpireDate),
        ...(p.bankCode ? { vnp_BankCode: p.bankCode } : {}),
      });
      expect(ours).toBe(theirs);
      expect(verifySignature(paramsOf(theirs), cfg.hashSecret)).toBe(true);
    });
  }

  it('verifyReturnUrl / verifyIpnCall accept what we sign, and reject what we reject', () => {
    const fields = {
      vnp_Amount: '987654321000',
      vnp_BankCode: 'NCB',
      vnp_BankTranNo: 'VNP14226112',
      vnp_CardType: 'ATM',
      vnp_OrderInfo: stripDiacritics('Thanh toán đơn (số 5): ~ 100% đã gồm VAT'),
      vnp_PayDate: '20260310003500',
      vnp_ResponseCode: '00',
      vnp_TmnCode: cfg.tmnCode,
      vnp_TransactionNo: '14226112',
      vnp_TransactionStatus: '00',
      vnp_TxnRef: 'PAY-01_X',
    };
    const q = paramsOf(`https://qldv.vn/return?${signedQuery(fields, cfg.hashSecret)}`);
    const r = lib.verifyReturnUrl(q as never);
    expect(r.isVerified).toBe(true);
    expect(r.isSuccess).toBe(true);
    expect(BigInt(r.vnp_Amount)).toBe(parseCallback(q).amountVnd);
    expect(lib.verifyIpnCall(q as never).isVerified).toBe(true);

    const tampered = { ...q, vnp_Amount: '100' };
    expect(lib.verifyIpnCall(tampered as never).isVerified).toBe(false);
    expect(verifySignature(tampered, cfg.hashSecret)).toBe(false);
  });
});

describe('parseCallback', () => {
  const ok = {
    ...PAID,
    vnp_SecureHash: 'ab'.repeat(64),
    orderId: 'ignored',
  };

  it('reads a successful payment', () => {
    const r = parseCallback(ok);
    expect(r).toMatchObject({
      tmnCode: 'QLDVTEST',
      txnRef: 'PAY01HZX5K3M9',
      amountVnd: 1_250_000n,
      responseCode: '00',
      transactionStatus: '00',
      transactionNo: '14226112',
      bankCode: 'NCB',
      bankTranNo: 'VNP14226112',
      cardType: 'ATM',
      paid: true,
    });
    expect(r.payDate?.toISOString()).toBe('2026-03-09T17:35:00.000Z');
    expect(r.raw).not.toHaveProperty('orderId');
    expect(r.raw.vnp_SecureHash).toBe(ok.vnp_SecureHash);
  });

  it('reads a cancel (the real example of §3) and a suspected payment as not paid', () => {
    const cancel = parseCallback({
      vnp_Amount: '3600000',
      vnp_BankCode: 'VNPAY',
      vnp_CardType: 'QRCODE',
      vnp_OrderInfo: 'Thanh toan don hang 6a07f7e2ae4c28c8d8f9026a',
      vnp_PayDate: '20260516115148',
      vnp_ResponseCode: '24',
      vnp_TmnCode: 'JUYJAOFA',
      vnp_TransactionNo: '0',
      vnp_TransactionStatus: '02',
      vnp_TxnRef: '7D47589FEE39',
    });
    expect(cancel).toMatchObject({ amountVnd: 36_000n, responseCode: '24', transactionNo: '0', paid: false, bankTranNo: null });
    expect(describePaymentResponse(cancel.responseCode, 'en')).toBe('Customer cancelled');
    expect(parseCallback({ ...ok, vnp_ResponseCode: '07' }).paid).toBe(false);
    expect(parseCallback({ ...ok, vnp_TransactionStatus: '01' }).paid).toBe(false);
    expect(parseCallback({ ...ok, vnp_PayDate: undefined }).payDate).toBeNull();
  });

  it('refuses fractions of a đồng and malformed fields', () => {
    expect(() => parseCallback({ ...ok, vnp_Amount: '125000050' })).toThrow(/whole number/);
    expect(() => parseCallback({ ...ok, vnp_Amount: '' })).toThrow(VnpayProtocolError);
    expect(() => parseCallback({ ...ok, vnp_ResponseCode: undefined })).toThrow(/vnp_ResponseCode/);
    expect(() => parseCallback({ ...ok, vnp_TransactionStatus: 'OK' })).toThrow(/vnp_TransactionStatus/);
    expect(() => parseCallback({ ...ok, vnp_TxnRef: '' })).toThrow(/vnp_TxnRef/);
    expect(() => parseCallback({ ...ok, vnp_TxnRef: ['a', 'b'] })).toThrow(/repeated/);
    expect(() => parseCallback({ ...ok, vnp_PayDate: '20261340000000' })).toThrow(VnpayProtocolError);
  });
});

describe('code tables', () => {
  it('has the IPN answers of the official demos', () => {
    expect(ipnAnswerBody(IPN_RSP_CODE.CONFIRM_SUCCESS)).toEqual({ RspCode: '00', Message: 'Confirm Success' });
    expect(ipnAnswerBody(IPN_RSP_CODE.ALREADY_CONFIRMED)).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
    expect(Object.values(IPN_RSP_CODE).sort()).toEqual(['00', '01', '02', '04', '97', '99']);
    expect(describePaymentResponse('51')).toMatch(/không đủ số dư/);
    expect(describePaymentResponse('01')).toBe('Giao dịch đã tồn tại');
    expect(describePaymentResponse('xx', 'en')).toBe('Unknown code');
  });
});
