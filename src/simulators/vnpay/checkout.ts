import type { FastifyReply, FastifyRequest } from 'fastify';
import { describePaymentResponse } from '../../protocols/vnpay/codes.ts';
import {
  formatVnpDate,
  fromVnpAmount,
  isVnpDate,
  parseVnpDate,
  verifySignature,
  vnpFields,
  VNP_VERSION,
  type QueryInput,
} from '../../protocols/vnpay/protocol.ts';
import { bankByCode, checkCard, normalizeCardNumber } from './cards.ts';
import { bankPage, cardPage, errorPage, methodPage, otpPage, resultPage, type OrderView } from './pages.ts';
import { newId, str, untouched, type AnyFastify, type SimConfig, type Store, type Tx } from './store.ts';

/**
 * The payment pages of SPEC D2: the signed pay URL opens a payment, then method → bank → card → OTP
 * → result, with VNPay's error page; the outcome redirects the browser to the merchant, signed.
 */
export interface CheckoutOptions {
  merchantName: string;
  otpFailureCode: string;
  redirectSeconds: number;
}

/** Codes of VNPay's `Payment/Error.html` (70, 72 from community reports; 03, 11 from the reference tables). */
export const PAGE_ERRORS: Record<string, string> = {
  '01': 'Giao dịch đã tồn tại: mã giao dịch (vnp_TxnRef) đã được sử dụng trong ngày.',
  '03': 'Dữ liệu gửi sang không đúng định dạng.',
  '11': 'Giao dịch đã quá thời gian chờ thanh toán. Quý khách vui lòng thực hiện lại giao dịch.',
  '70': 'Sai chữ ký: dữ liệu thanh toán không hợp lệ (vnp_SecureHash).',
  '72': 'Không tìm thấy website: mã website (vnp_TmnCode) không tồn tại.',
  '91': 'Không tìm thấy giao dịch hoặc phiên thanh toán đã kết thúc.',
};

const MAX_ATTEMPTS = 3;
const NO_CSRF = { csrf: false };
const hide = { hide: true };

const displayDate = (vnpDate: string) =>
  `${vnpDate.slice(6, 8)}/${vnpDate.slice(4, 6)}/${vnpDate.slice(0, 4)} ${vnpDate.slice(8, 10)}:${vnpDate.slice(10, 12)}:${vnpDate.slice(12, 14)}`;

export const html = (reply: FastifyReply, body: string, status = 200) =>
  reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);

export function registerCheckout(scope: AnyFastify, cfg: SimConfig, store: Store, o: CheckoutOptions): void {
  const { base, log } = cfg;
  const route = (path: string) => `${base}${path}`;
  const orderView = (tx: Tx): OrderView => ({
    token: tx.token,
    txnRef: tx.txnRef,
    amountVnd: tx.amountVnd,
    orderInfo: tx.orderInfo,
    merchantName: o.merchantName,
    expiresAt: displayDate(tx.expireDate),
  });

  const toError = (reply: FastifyReply, code: string, reason?: string) =>
    reply.redirect(`${base}/paymentv2/Payment/Error.html?code=${code}${reason ? `&reason=${encodeURIComponent(reason)}` : ''}`, 302);
  const stepUrl = (tx: Tx): string => {
    const t = encodeURIComponent(tx.token);
    switch (tx.step) {
      case 'bank':
        return `${base}/paymentv2/Transaction/BankList.html?token=${t}`;
      case 'card':
        return `${base}/paymentv2/Transaction/CardInfo.html?token=${t}&bank=${encodeURIComponent(tx.bank ?? '')}`;
      case 'otp':
        return `${base}/paymentv2/Transaction/Otp.html?token=${t}`;
      case 'done':
        return `${base}/paymentv2/Transaction/Result.html?token=${t}`;
      default:
        return `${base}/paymentv2/Transaction/PaymentMethod.html?token=${t}`;
    }
  };

  /** The pending transaction of a page request, or null after answering with a redirect. */
  function pending(token: unknown, reply: FastifyReply): Tx | null {
    const tx = typeof token === 'string' ? store.byToken.get(token) : undefined;
    if (!tx) {
      void toError(reply, '91');
      return null;
    }
    if (tx.status === 'pending' && store.expired(tx)) store.finalize(tx, '11');
    if (tx.status !== 'pending') {
      void reply.redirect(stepUrl(tx), 303);
      return null;
    }
    return tx;
  }

  function validatePay(f: Record<string, string>): string | null {
    if (f.vnp_Version !== VNP_VERSION) return 'vnp_Version must be 2.1.0';
    if (f.vnp_Command !== 'pay') return 'vnp_Command must be pay';
    if (f.vnp_CurrCode !== 'VND') return 'vnp_CurrCode must be VND';
    if (!/^\d{1,12}$/.test(f.vnp_Amount ?? '')) return 'vnp_Amount must be 1-12 digits';
    const amount = BigInt(f.vnp_Amount);
    if (amount % 100n !== 0n) return 'vnp_Amount must be the amount x 100 (a multiple of 100)';
    if (amount <= 0n) return 'vnp_Amount must be positive';
    if (!isVnpDate(f.vnp_CreateDate)) return 'vnp_CreateDate must be yyyyMMddHHmmss';
    if (f.vnp_ExpireDate !== undefined && !isVnpDate(f.vnp_ExpireDate)) return 'vnp_ExpireDate must be yyyyMMddHHmmss';
    if (!/^[0-9A-Fa-f.:]{7,45}$/.test(f.vnp_IpAddr ?? '')) return 'vnp_IpAddr must be an IP address of 7-45 characters';
    if (f.vnp_Locale !== 'vn' && f.vnp_Locale !== 'en') return 'vnp_Locale must be vn or en';
    if (!f.vnp_OrderInfo || f.vnp_OrderInfo.length > 255) return 'vnp_OrderInfo must have 1-255 characters';
    if (/[^\x20-\x7e]/.test(f.vnp_OrderInfo)) return 'vnp_OrderInfo must be without diacritics';
    if (!/^[A-Za-z0-9]{1,100}$/.test(f.vnp_OrderType ?? '')) return 'vnp_OrderType must be 1-100 letters or digits';
    if (!/^https?:\/\/\S+$/.test(f.vnp_ReturnUrl ?? '') || f.vnp_ReturnUrl.length < 10 || f.vnp_ReturnUrl.length > 255) {
      return 'vnp_ReturnUrl must be an http(s) URL of 10-255 characters';
    }
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(f.vnp_TxnRef ?? '')) return 'vnp_TxnRef must be 1-100 letters, digits, - or _';
    if (f.vnp_BankCode !== undefined && f.vnp_BankCode !== '' && !/^[A-Za-z0-9]{3,20}$/.test(f.vnp_BankCode)) {
      return 'vnp_BankCode must be 3-20 letters or digits';
    }
    return null;
  }

  function startPayment(req: FastifyRequest, reply: FastifyReply) {
    const query = req.query as QueryInput;
    const f = vnpFields(query);
    if (!f) return toError(reply, '03', 'repeated vnp_ parameter');
    if (!f.vnp_TmnCode || f.vnp_TmnCode !== cfg.tmnCode) return toError(reply, '72');
    if (!verifySignature(query, cfg.secret)) {
      log.warn({ txnRef: f.vnp_TxnRef }, 'VNPay simulator: payment URL with a wrong signature');
      return toError(reply, '70');
    }
    const invalid = validatePay(f);
    if (invalid) {
      log.warn({ txnRef: f.vnp_TxnRef, invalid }, 'VNPay simulator: malformed payment URL');
      return toError(reply, '03', invalid);
    }
    const now = cfg.clock.now();
    const expireDate = f.vnp_ExpireDate ?? formatVnpDate(new Date(parseVnpDate(f.vnp_CreateDate).getTime() + 15 * 60_000));
    if (parseVnpDate(expireDate).getTime() <= now.getTime()) return toError(reply, '11');

    const requestHash = f.vnp_SecureHash.toLowerCase();
    const same = store.txs.find((t) => t.txnRef === f.vnp_TxnRef && t.createDate.slice(0, 8) === f.vnp_CreateDate.slice(0, 8));
    if (same) {
      if (same.requestHash === requestHash && same.status === 'pending') return reply.redirect(stepUrl(same), 302);
      return toError(reply, '01');
    }

    const requested = f.vnp_BankCode ? f.vnp_BankCode.toUpperCase() : null;
    const bank = bankByCode(requested);
    const tx: Tx = {
      token: newId(),
      txnRef: f.vnp_TxnRef,
      tmnCode: f.vnp_TmnCode,
      amountVnd: fromVnpAmount(f.vnp_Amount),
      orderInfo: f.vnp_OrderInfo,
      orderType: f.vnp_OrderType,
      locale: f.vnp_Locale,
      returnUrl: f.vnp_ReturnUrl,
      ipAddr: f.vnp_IpAddr,
      requestedBankCode: requested,
      createDate: f.vnp_CreateDate,
      expireDate,
      status: 'pending',
      step: bank ? 'card' : requested === 'VNBANK' ? 'bank' : 'method',
      responseCode: null,
      transactionStatus: '01',
      transactionNo: '0',
      bankCode: null,
      cardType: null,
      bankTranNo: null,
      payDate: null,
      requestHash,
      bank: bank?.code ?? null,
      ipnConfirmed: false,
      ...untouched(),
    };
    store.add(tx);
    log.info({ txnRef: tx.txnRef, amountVnd: tx.amountVnd.toString(), bankCode: requested }, 'VNPay simulator: payment started');
    return reply.redirect(stepUrl(tx), 302);
  }

  scope.get(route('/paymentv2/vpcpay.html'), { schema: hide }, async (req, reply) => startPayment(req, reply));

  scope.get(route('/paymentv2/Payment/Error.html'), { schema: hide }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const code = /^\d{2}$/.test(str(q.code)) ? str(q.code) : '99';
    const reason = str(q.reason).slice(0, 200);
    const message = PAGE_ERRORS[code] ?? describePaymentResponse(code);
    return html(reply, errorPage(code, reason ? `${message} (${reason})` : message), 200);
  });

  scope.get(route('/paymentv2/Transaction/PaymentMethod.html'), { schema: hide }, async (req, reply) => {
    const tx = pending((req.query as Record<string, unknown>).token, reply);
    if (!tx) return reply;
    tx.step = 'method';
    const unsupported = tx.requestedBankCode && tx.requestedBankCode !== 'VNBANK' && !bankByCode(tx.requestedBankCode);
    const notice = unsupported ? `Phương thức ${tx.requestedBankCode} không có trong môi trường mô phỏng; vui lòng chọn thẻ ATM.` : undefined;
    return html(reply, methodPage(base, orderView(tx), notice));
  });

  scope.get(route('/paymentv2/Transaction/BankList.html'), { schema: hide }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const tx = pending(q.token, reply);
    if (!tx) return reply;
    tx.step = 'bank';
    return html(reply, bankPage(base, orderView(tx), str(q.q).slice(0, 50)));
  });

  scope.get(route('/paymentv2/Transaction/CardInfo.html'), { schema: hide }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const tx = pending(q.token, reply);
    if (!tx) return reply;
    const bank = bankByCode(str(q.bank) || tx.bank);
    if (!bank) return reply.redirect(`${base}/paymentv2/Transaction/BankList.html?token=${encodeURIComponent(tx.token)}`, 302);
    tx.bank = bank.code;
    tx.step = 'card';
    return html(reply, cardPage(base, orderView(tx), bank, { attemptsLeft: MAX_ATTEMPTS - tx.cardAttempts }));
  });

  scope.post(route('/paymentv2/Transaction/CardInfo.html'), { schema: hide, config: NO_CSRF }, async (req, reply) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const tx = pending(b.token, reply);
    if (!tx) return reply;
    const bank = bankByCode(str(b.bank) || tx.bank);
    if (!bank) return reply.redirect(`${base}/paymentv2/Transaction/BankList.html?token=${encodeURIComponent(tx.token)}`, 303);
    tx.bank = bank.code;
    const input = { cardNumber: str(b.cardNumber), cardDate: str(b.cardDate), cardHolder: str(b.cardHolder) };
    const check = checkCard(bank.code, input);
    if (check.ok) {
      tx.card = check.card;
      const n = normalizeCardNumber(input.cardNumber);
      tx.maskedCard = `${n.slice(0, 6)}${'*'.repeat(Math.max(0, n.length - 10))}${n.slice(-4)}`;
      tx.otpAttempts = 0;
      tx.step = 'otp';
      return reply.redirect(stepUrl(tx), 303);
    }
    if ('finalCode' in check) {
      store.finalize(tx, check.finalCode);
      return reply.redirect(stepUrl(tx), 303);
    }
    if (check.countsAttempt) {
      tx.cardAttempts += 1;
      if (tx.cardAttempts >= MAX_ATTEMPTS) {
        store.finalize(tx, '10');
        return reply.redirect(stepUrl(tx), 303);
      }
    }
    tx.step = 'card';
    return html(reply, cardPage(base, orderView(tx), bank, { ...input, error: check.message, attemptsLeft: MAX_ATTEMPTS - tx.cardAttempts }), 200);
  });

  scope.get(route('/paymentv2/Transaction/Otp.html'), { schema: hide }, async (req, reply) => {
    const tx = pending((req.query as Record<string, unknown>).token, reply);
    if (!tx) return reply;
    const bank = bankByCode(tx.bank);
    if (!tx.card || !bank) return reply.redirect(stepUrl({ ...tx, step: tx.bank ? 'card' : 'bank' }), 302);
    tx.step = 'otp';
    return html(reply, otpPage(base, orderView(tx), bank, { maskedCard: tx.maskedCard, attemptsLeft: MAX_ATTEMPTS - tx.otpAttempts }));
  });

  scope.post(route('/paymentv2/Transaction/Otp.html'), { schema: hide, config: NO_CSRF }, async (req, reply) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const tx = pending(b.token, reply);
    if (!tx) return reply;
    const bank = bankByCode(tx.bank);
    if (!tx.card || !bank) return reply.redirect(stepUrl({ ...tx, step: tx.bank ? 'card' : 'bank' }), 303);
    if (str(b.otp).trim() === tx.card.otp) {
      if (tx.card.behaviour === 'insufficient') {
        store.finalize(tx, '51');
        return reply.redirect(stepUrl(tx), 303);
      }
      store.finalize(tx, '00');
      return reply.redirect(store.returnRedirect(tx)!, 303);
    }
    tx.otpAttempts += 1;
    if (tx.otpAttempts >= MAX_ATTEMPTS) {
      store.finalize(tx, o.otpFailureCode);
      return reply.redirect(stepUrl(tx), 303);
    }
    const again = { maskedCard: tx.maskedCard, error: 'Mã OTP không chính xác.', attemptsLeft: MAX_ATTEMPTS - tx.otpAttempts };
    return html(reply, otpPage(base, orderView(tx), bank, again), 200);
  });

  scope.get(route('/paymentv2/Transaction/Cancel.html'), { schema: hide }, async (req, reply) => {
    const tx = pending((req.query as Record<string, unknown>).token, reply);
    if (!tx) return reply;
    store.finalize(tx, '24');
    return reply.redirect(store.returnRedirect(tx)!, 302);
  });

  scope.get(route('/paymentv2/Transaction/Result.html'), { schema: hide }, async (req, reply) => {
    const token = str((req.query as Record<string, unknown>).token);
    const tx = store.byToken.get(token);
    if (!tx) return toError(reply, '91');
    if (tx.status === 'pending' && store.expired(tx)) store.finalize(tx, '11');
    if (tx.status === 'pending') return reply.redirect(stepUrl(tx), 302);
    const code = tx.responseCode!;
    return html(
      reply,
      resultPage({
        order: orderView(tx),
        code,
        success: code === '00',
        message: describePaymentResponse(code),
        returnUrl: store.returnRedirect(tx)!,
        redirectSeconds: o.redirectSeconds,
      }),
    );
  });
}
