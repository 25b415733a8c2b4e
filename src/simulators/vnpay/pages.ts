import { BANKS, type SimBank } from './cards.ts';

/**
 * Server-rendered pages of the simulated VNPay payment site: Vietnamese, inline CSS, no script,
 * no external asset, usable on a phone. Every dynamic value goes through `esc`.
 */

export interface OrderView {
  token: string;
  txnRef: string;
  amountVnd: bigint;
  orderInfo: string;
  merchantName: string;
  /** dd/MM/yyyy HH:mm:ss, GMT+7. */
  expiresAt: string;
}

export function esc(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function formatAmount(v: bigint): string {
  return `${v.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')} VND`;
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;background:#f1f4f9;color:#1f2937;font-size:15px;line-height:1.45}
a{color:#005baa}
.top{background:#fff;border-bottom:3px solid #005baa;box-shadow:0 1px 4px rgba(0,0,0,.06)}
.top .in{max-width:1000px;margin:0 auto;padding:12px 16px;display:flex;align-items:center;justify-content:space-between;gap:12px;flex-wrap:wrap}
.logo{font-weight:800;font-size:26px;letter-spacing:.5px;text-decoration:none}
.logo .vn{color:#ed1c24}.logo .pay{color:#005baa}
.sandbox{font-size:12px;background:#fff4e5;color:#9a5b00;border:1px solid #ffd699;border-radius:12px;padding:3px 10px}
.wrap{max-width:1000px;margin:20px auto;padding:0 16px;display:flex;gap:20px;flex-wrap:wrap;align-items:flex-start}
.card{background:#fff;border-radius:10px;box-shadow:0 2px 10px rgba(15,40,80,.08);padding:20px}
.order{flex:1 1 280px;max-width:100%}
.main{flex:2 1 420px;max-width:100%}
.order h2,.main h2{font-size:17px;margin:0 0 14px;color:#0b3b73}
.amount{font-size:26px;font-weight:700;color:#ed1c24;margin:2px 0 14px}
.row{display:flex;justify-content:space-between;gap:10px;padding:7px 0;border-top:1px dashed #e5e7eb;font-size:14px}
.row span:first-child{color:#6b7280;white-space:nowrap}.row span:last-child{text-align:right;word-break:break-word}
.expire{margin-top:12px;font-size:13px;color:#9a5b00;background:#fff8ec;border-radius:6px;padding:8px 10px}
.steps{display:flex;gap:6px;margin:0 0 16px;padding:0;list-style:none;font-size:12px;color:#9ca3af;flex-wrap:wrap}
.steps li{flex:1 1 0;min-width:70px;border-top:3px solid #e5e7eb;padding-top:5px}
.steps li.on{color:#005baa;border-color:#005baa;font-weight:600}
.method{display:flex;align-items:center;gap:12px;padding:14px;border:1px solid #e5e7eb;border-radius:8px;margin-bottom:10px;text-decoration:none;color:inherit;background:#fff}
a.method:hover,a.method:focus{border-color:#005baa;background:#f5f9ff}
.method.off{opacity:.5}
.method .ic{width:42px;height:42px;border-radius:8px;display:flex;align-items:center;justify-content:center;font-weight:700;color:#fff;background:#005baa;flex:none;font-size:13px}
.method small{display:block;color:#6b7280}
.banks{display:grid;grid-template-columns:repeat(auto-fill,minmax(120px,1fr));gap:10px}
.bank{display:flex;flex-direction:column;align-items:center;justify-content:center;gap:4px;min-height:78px;border:1px solid #e5e7eb;border-radius:8px;text-decoration:none;padding:8px;text-align:center;background:#fff}
.bank:hover,.bank:focus{border-color:#005baa;box-shadow:0 0 0 2px rgba(0,91,170,.15)}
.bank b{font-size:15px}.bank small{font-size:11px;color:#6b7280;line-height:1.2}
.search{display:flex;gap:8px;margin-bottom:14px}
label{display:block;font-weight:600;font-size:14px;margin:12px 0 5px}
input[type=text],input[type=search]{width:100%;padding:11px 12px;border:1px solid #cbd5e1;border-radius:6px;font-size:16px}
input:focus{outline:2px solid rgba(0,91,170,.35);border-color:#005baa}
.btn{display:inline-block;border:0;border-radius:6px;background:#005baa;color:#fff;font-weight:600;font-size:16px;padding:12px 22px;cursor:pointer;text-decoration:none;text-align:center}
.btn.red{background:#ed1c24}
.actions{display:flex;gap:12px;align-items:center;justify-content:space-between;margin-top:20px;flex-wrap:wrap}
.cancel{color:#6b7280;font-size:14px}
.err{background:#fdecec;color:#b42318;border:1px solid #f5c2c0;border-radius:6px;padding:10px 12px;margin:0 0 12px}
.warn{background:#fff4e5;color:#8a4b00;border:1px solid #ffd699;border-radius:6px;padding:12px;margin:0 0 12px}
.ok{background:#ecfdf3;color:#05603a;border:1px solid #a6f4c5;border-radius:6px;padding:12px;margin:0 0 12px}
.hint{font-size:13px;color:#6b7280;margin-top:6px}
.bankhead{display:flex;align-items:center;gap:10px;margin-bottom:6px}
.chip{display:inline-block;color:#fff;border-radius:6px;padding:4px 10px;font-weight:700}
.center{text-align:center}
.big{font-size:40px;line-height:1}
footer{max-width:1000px;margin:10px auto 30px;padding:0 16px;font-size:12px;color:#9ca3af;text-align:center}
@media (max-width:600px){.wrap{margin-top:12px}.card{padding:16px}.amount{font-size:22px}.btn{width:100%}.search .btn{width:auto}.actions{flex-direction:column-reverse;align-items:stretch}.cancel{text-align:center}}
`;

interface LayoutOpts {
  title: string;
  body: string;
  order?: OrderView;
  step?: 1 | 2 | 3 | 4;
  /** Seconds, and the target, of a meta refresh (works without JavaScript). */
  refresh?: { seconds: number; url: string };
}

const STEP_NAMES = ['Phương thức', 'Ngân hàng', 'Thông tin thẻ', 'Xác thực OTP'];

export function layout(o: LayoutOpts): string {
  const steps = o.step
    ? `<ol class="steps">${STEP_NAMES.map((n, i) => `<li class="${i + 1 <= o.step! ? 'on' : ''}">${i + 1}. ${n}</li>`).join('')}</ol>`
    : '';
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
${o.refresh ? `<meta http-equiv="refresh" content="${o.refresh.seconds};url=${esc(o.refresh.url)}">` : ''}
<title>${esc(o.title)} - Cổng thanh toán VNPAY</title>
<style>${CSS}</style>
</head>
<body>
<header class="top"><div class="in"><span class="logo"><span class="vn">VN</span><span class="pay">PAY</span></span><span class="sandbox">Môi trường thử nghiệm (mô phỏng)</span></div></header>
<div class="wrap">
${o.order ? orderPanel(o.order) : ''}
<main class="card main">${steps}${o.body}</main>
</div>
<footer>Cổng thanh toán VNPAY (giả lập cho phát triển và kiểm thử QLDV). Không nhập thông tin thẻ thật.</footer>
</body>
</html>`;
}

function orderPanel(o: OrderView): string {
  return `<aside class="card order" data-testid="vnpay-order">
<h2>Thông tin đơn hàng</h2>
<div class="hint">Số tiền thanh toán</div>
<div class="amount" data-testid="vnpay-amount">${esc(formatAmount(o.amountVnd))}</div>
<div class="row"><span>Giá trị đơn hàng</span><span>${esc(formatAmount(o.amountVnd))}</span></div>
<div class="row"><span>Phí giao dịch</span><span>0 VND</span></div>
<div class="row"><span>Mã đơn hàng</span><span data-testid="vnpay-txnref">${esc(o.txnRef)}</span></div>
<div class="row"><span>Nhà cung cấp</span><span>${esc(o.merchantName)}</span></div>
<div class="row"><span>Nội dung</span><span>${esc(o.orderInfo)}</span></div>
<div class="expire">Giao dịch hết hạn lúc ${esc(o.expiresAt)}</div>
</aside>`;
}

const cancelLink = (base: string, token: string) =>
  `<a class="cancel" data-testid="vnpay-cancel" href="${esc(`${base}/paymentv2/Transaction/Cancel.html?token=${encodeURIComponent(token)}`)}">Hủy giao dịch</a>`;

export function methodPage(base: string, order: OrderView, notice?: string): string {
  const t = encodeURIComponent(order.token);
  const off = (ic: string, color: string, title: string) =>
    `<div class="method off" aria-disabled="true"><span class="ic" style="background:${color}">${ic}</span><span>${esc(title)}<small>Không hỗ trợ trong môi trường mô phỏng</small></span></div>`;
  return layout({
    title: 'Chọn phương thức thanh toán',
    order,
    step: 1,
    body: `<h2>Chọn phương thức thanh toán</h2>
${notice ? `<div class="warn">${esc(notice)}</div>` : ''}
${off('QR', '#ed1c24', 'Ứng dụng thanh toán hỗ trợ VNPAY-QR')}
<a class="method" id="VNBANK" data-testid="vnpay-method-atm" href="${esc(`${base}/paymentv2/Transaction/BankList.html?token=${t}`)}"><span class="ic">ATM</span><span>Thẻ ATM và tài khoản ngân hàng<small>Thẻ nội địa của các ngân hàng Việt Nam</small></span></a>
${off('VISA', '#1a1f71', 'Thẻ thanh toán quốc tế')}
${off('VÍ', '#0b8457', 'Ví điện tử VNPAY')}
<div class="actions">${cancelLink(base, order.token)}</div>`,
  });
}

export function bankPage(base: string, order: OrderView, query: string): string {
  const t = encodeURIComponent(order.token);
  const q = query.trim().toLowerCase();
  const shown = BANKS.filter((b) => !q || `${b.code} ${b.short} ${b.name}`.toLowerCase().includes(q));
  const tile = (b: SimBank) =>
    `<a class="bank" id="${esc(b.code)}" data-testid="vnpay-bank-${esc(b.code)}" href="${esc(`${base}/paymentv2/Transaction/CardInfo.html?token=${t}&bank=${encodeURIComponent(b.code)}`)}"><b style="color:${b.color}">${esc(b.short)}</b><small>${esc(b.name)}</small></a>`;
  return layout({
    title: 'Chọn ngân hàng',
    order,
    step: 2,
    body: `<h2>Thẻ ATM và tài khoản ngân hàng</h2>
<form class="search" method="get" action="${esc(`${base}/paymentv2/Transaction/BankList.html`)}">
<input type="hidden" name="token" value="${esc(order.token)}">
<input type="search" name="q" value="${esc(query)}" placeholder="Tìm kiếm ngân hàng" aria-label="Tìm kiếm ngân hàng">
<button class="btn" type="submit">Tìm</button>
</form>
<div class="banks" data-testid="vnpay-banks">${shown.map(tile).join('') || '<p>Không tìm thấy ngân hàng phù hợp.</p>'}</div>
<div class="actions"><a class="cancel" href="${esc(`${base}/paymentv2/Transaction/PaymentMethod.html?token=${t}`)}">← Quay lại</a>${cancelLink(base, order.token)}</div>`,
  });
}

export function cardPage(
  base: string,
  order: OrderView,
  bank: SimBank,
  o: { error?: string; cardNumber?: string; cardDate?: string; cardHolder?: string; attemptsLeft: number },
): string {
  const t = encodeURIComponent(order.token);
  return layout({
    title: `Thanh toán qua ${bank.short}`,
    order,
    step: 3,
    body: `<div class="bankhead"><span class="chip" style="background:${bank.color}">${esc(bank.short)}</span><span>${esc(bank.name)}</span></div>
<h2>Nhập thông tin thẻ</h2>
${o.error ? `<div class="err" role="alert" data-testid="vnpay-error">${esc(o.error)}${o.attemptsLeft < 3 ? ` Quý khách còn ${o.attemptsLeft} lần thử.` : ''}</div>` : ''}
<form method="post" action="${esc(`${base}/paymentv2/Transaction/CardInfo.html`)}" autocomplete="off">
<input type="hidden" name="token" value="${esc(order.token)}">
<input type="hidden" name="bank" value="${esc(bank.code)}">
<label for="cardNumber">Số thẻ</label>
<input type="text" id="cardNumber" name="cardNumber" data-testid="vnpay-card-number" inputmode="numeric" autocomplete="cc-number" maxlength="23" placeholder="Nhập số thẻ" value="${esc(o.cardNumber ?? '')}" required>
<label for="cardDate">Ngày phát hành</label>
<input type="text" id="cardDate" name="cardDate" data-testid="vnpay-card-date" inputmode="numeric" maxlength="5" placeholder="MM/YY" pattern="(0[1-9]|1[0-2])/[0-9]{2}" value="${esc(o.cardDate ?? '')}" required>
<label for="cardHolder">Tên chủ thẻ</label>
<input type="text" id="cardHolder" name="cardHolder" data-testid="vnpay-card-holder" autocomplete="cc-name" maxlength="50" placeholder="Nhập tên chủ thẻ (không dấu)" value="${esc(o.cardHolder ?? '')}" style="text-transform:uppercase" required>
<p class="hint">Tên chủ thẻ viết in hoa, không dấu, như in trên thẻ. Ngày phát hành in trên mặt trước thẻ (tháng/năm).</p>
<div class="actions">
<a class="cancel" href="${esc(`${base}/paymentv2/Transaction/BankList.html?token=${t}`)}">← Chọn ngân hàng khác</a>
<button class="btn" type="submit" id="btnContinue" data-testid="vnpay-card-submit">Xác thực</button>
</div>
</form>
<div class="actions">${cancelLink(base, order.token)}</div>`,
  });
}

export function otpPage(base: string, order: OrderView, bank: SimBank, o: { maskedCard: string; error?: string; attemptsLeft: number }): string {
  return layout({
    title: 'Xác thực OTP',
    order,
    step: 4,
    body: `<div class="bankhead"><span class="chip" style="background:${bank.color}">${esc(bank.short)}</span><span>Thẻ ${esc(o.maskedCard)}</span></div>
<h2>Xác thực giao dịch</h2>
<p data-testid="vnpay-otp-sent">OTP đã gửi tới số điện thoại của quý khách. Vui lòng nhập mã OTP để hoàn tất thanh toán.</p>
${o.error ? `<div class="err" role="alert" data-testid="vnpay-error">${esc(o.error)} Quý khách còn ${o.attemptsLeft} lần thử.</div>` : ''}
<form method="post" action="${esc(`${base}/paymentv2/Transaction/Otp.html`)}" autocomplete="off">
<input type="hidden" name="token" value="${esc(order.token)}">
<label for="otp">Nhập mã OTP</label>
<input type="text" id="otp" name="otp" data-testid="vnpay-otp" inputmode="numeric" autocomplete="one-time-code" maxlength="6" placeholder="Mã OTP gồm 6 chữ số" required>
<p class="hint">Môi trường thử nghiệm: mã OTP là 123456.</p>
<div class="actions">
${cancelLink(base, order.token)}
<button class="btn red" type="submit" data-testid="vnpay-pay">Thanh toán</button>
</div>
</form>`,
  });
}

export function resultPage(o: { order: OrderView; code: string; message: string; success: boolean; returnUrl: string; redirectSeconds: number }): string {
  return layout({
    title: o.success ? 'Giao dịch thành công' : 'Giao dịch không thành công',
    order: o.order,
    refresh: { seconds: o.redirectSeconds, url: o.returnUrl },
    body: `<div class="center" data-testid="vnpay-result" data-code="${esc(o.code)}">
<div class="big">${o.success ? '✔' : '⚠'}</div>
<h2>${o.success ? 'Giao dịch thành công' : 'Giao dịch không thành công'}</h2>
<div class="${o.success ? 'ok' : 'warn'}" role="status">${esc(o.message)}</div>
<p class="hint">Mã phản hồi: ${esc(o.code)}. Quý khách sẽ được chuyển về website của đơn vị chấp nhận thanh toán sau ${o.redirectSeconds} giây.</p>
<p><a class="btn" data-testid="vnpay-return-link" href="${esc(o.returnUrl)}">Quay lại website</a></p>
</div>`,
  });
}

export function errorPage(code: string, message: string): string {
  return layout({
    title: 'Thông báo lỗi',
    body: `<div class="center" data-testid="vnpay-error-page" data-code="${esc(code)}">
<div class="big">⚠</div>
<h2>Thông báo</h2>
<div class="err" role="alert">${esc(message)}</div>
<p class="hint">Mã lỗi: <b data-testid="vnpay-error-code">${esc(code)}</b></p>
<p class="hint">Vui lòng liên hệ đơn vị chấp nhận thanh toán hoặc thực hiện lại giao dịch.</p>
</div>`,
  });
}
