import type { Locale } from '../../../platform/errors.ts';

/**
 * E-mail templates in Vietnamese and English. `{{name}}` is replaced by data (HTML-escaped in the
 * HTML part). Later modules add their templates here so every customer-facing text is in one place.
 */
interface Localized {
  subject: string;
  text: string;
  html: string;
}

export const TEMPLATES = {
  'account.welcome': {
    vi: {
      subject: 'Chào mừng {{fullName}} đến với QLDV MobiFone',
      text: 'Xin chào {{fullName}},\n\nTài khoản {{username}} của quý khách đã được tạo trên hệ thống QLDV MobiFone.\nĐăng nhập tại: {{loginUrl}}\n\nTrân trọng,\nMobiFone',
      html: '<p>Xin chào <b>{{fullName}}</b>,</p><p>Tài khoản <b>{{username}}</b> của quý khách đã được tạo trên hệ thống QLDV MobiFone.</p><p><a href="{{loginUrl}}">Đăng nhập</a></p><p>Trân trọng,<br>MobiFone</p>',
    },
    en: {
      subject: 'Welcome to MobiFone QLDV, {{fullName}}',
      text: 'Hello {{fullName}},\n\nYour account {{username}} has been created on MobiFone QLDV.\nSign in at: {{loginUrl}}\n\nBest regards,\nMobiFone',
      html: '<p>Hello <b>{{fullName}}</b>,</p><p>Your account <b>{{username}}</b> has been created on MobiFone QLDV.</p><p><a href="{{loginUrl}}">Sign in</a></p><p>Best regards,<br>MobiFone</p>',
    },
  },
  'account.password_reset': {
    vi: {
      subject: 'QLDV MobiFone: đặt lại mật khẩu',
      text: 'Xin chào {{fullName}},\n\nCó yêu cầu đặt lại mật khẩu cho tài khoản {{username}}.\nMở liên kết sau trong {{minutes}} phút để đặt mật khẩu mới (chỉ dùng được một lần): {{resetUrl}}\n\nNếu quý khách không yêu cầu, hãy bỏ qua e-mail này; mật khẩu hiện tại vẫn giữ nguyên.\n\nTrân trọng,\nMobiFone',
      html: '<p>Xin chào <b>{{fullName}}</b>,</p><p>Có yêu cầu đặt lại mật khẩu cho tài khoản <b>{{username}}</b>.</p><p><a href="{{resetUrl}}" style="background:#0057a8;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">Đặt mật khẩu mới</a></p><p>Liên kết có hiệu lực trong {{minutes}} phút và chỉ dùng được một lần. Nếu quý khách không yêu cầu, hãy bỏ qua e-mail này; mật khẩu hiện tại vẫn giữ nguyên.</p><p>Trân trọng,<br>MobiFone</p>',
    },
    en: {
      subject: 'MobiFone QLDV: reset your password',
      text: 'Hello {{fullName}},\n\nA password reset was requested for the account {{username}}.\nOpen this link within {{minutes}} minutes to set a new password (it works once): {{resetUrl}}\n\nIf you did not ask for this, ignore this e-mail; your password stays the same.\n\nBest regards,\nMobiFone',
      html: '<p>Hello <b>{{fullName}}</b>,</p><p>A password reset was requested for the account <b>{{username}}</b>.</p><p><a href="{{resetUrl}}" style="background:#0057a8;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">Set a new password</a></p><p>The link is valid for {{minutes}} minutes and works once. If you did not ask for this, ignore this e-mail; your password stays the same.</p><p>Best regards,<br>MobiFone</p>',
    },
  },
  'contract.payment_request': {
    vi: {
      subject: 'MobiFone: đề nghị thanh toán hợp đồng {{number}} — {{amount}}',
      text: 'Kính gửi {{customerName}},\n\nHợp đồng {{number}} ({{productName}}) cần thanh toán {{amount}}.\nVui lòng bấm vào liên kết sau để xem chi tiết và thanh toán qua VNPay: {{payUrl}}\n\nTrân trọng,\nMobiFone',
      html: '<p>Kính gửi <b>{{customerName}}</b>,</p><p>Hợp đồng <b>{{number}}</b> ({{productName}}) cần thanh toán <b>{{amount}}</b>.</p><p><a href="{{payUrl}}" style="background:#0057a8;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">Thanh toán</a></p><p>Trân trọng,<br>MobiFone</p>',
    },
    en: {
      subject: 'MobiFone: payment request for contract {{number}} — {{amount}}',
      text: 'Dear {{customerName}},\n\nContract {{number}} ({{productName}}) is awaiting payment of {{amount}}.\nOpen this link to review the details and pay with VNPay: {{payUrl}}\n\nBest regards,\nMobiFone',
      html: '<p>Dear <b>{{customerName}}</b>,</p><p>Contract <b>{{number}}</b> ({{productName}}) is awaiting payment of <b>{{amount}}</b>.</p><p><a href="{{payUrl}}" style="background:#0057a8;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">Pay</a></p><p>Best regards,<br>MobiFone</p>',
    },
  },
  'contract.payment_received': {
    vi: {
      subject: 'MobiFone: đã nhận thanh toán hợp đồng {{number}}',
      text: 'Kính gửi {{customerName}},\n\nMobiFone đã nhận {{amount}} cho hợp đồng {{number}} ({{productName}}). Mã giao dịch: {{paymentRef}}.\n\nTrân trọng,\nMobiFone',
      html: '<p>Kính gửi <b>{{customerName}}</b>,</p><p>MobiFone đã nhận <b>{{amount}}</b> cho hợp đồng <b>{{number}}</b> ({{productName}}). Mã giao dịch: {{paymentRef}}.</p><p>Trân trọng,<br>MobiFone</p>',
    },
    en: {
      subject: 'MobiFone: payment received for contract {{number}}',
      text: 'Dear {{customerName}},\n\nMobiFone has received {{amount}} for contract {{number}} ({{productName}}). Transaction: {{paymentRef}}.\n\nBest regards,\nMobiFone',
      html: '<p>Dear <b>{{customerName}}</b>,</p><p>MobiFone has received <b>{{amount}}</b> for contract <b>{{number}}</b> ({{productName}}). Transaction: {{paymentRef}}.</p><p>Best regards,<br>MobiFone</p>',
    },
  },
  'bill.issued': {
    vi: {
      subject: 'MobiFone: thông báo cước dịch vụ tháng {{month}} — hợp đồng {{number}} — {{amount}}',
      text: 'Kính gửi {{customerName}},\n\nMobiFone xin thông báo phí dịch vụ {{productName}} tháng {{month}} của hợp đồng {{number}}: {{amount}} (hoá đơn cước {{billNumber}}, hạn thanh toán {{dueDate}}).\nChi tiết sản lượng và cước: {{billUrl}}\nThanh toán qua VNPay: {{payUrl}}\n\nHỗ trợ: 0896151617\nTrân trọng,\nMobiFone',
      html: '<p>Kính gửi <b>{{customerName}}</b>,</p><p>MobiFone xin thông báo phí dịch vụ {{productName}} tháng <b>{{month}}</b> của hợp đồng <b>{{number}}</b>: <b>{{amount}}</b> (hoá đơn cước {{billNumber}}, hạn thanh toán {{dueDate}}).</p><p><a href="{{billUrl}}">Xem chi tiết</a></p><p><a href="{{payUrl}}" style="background:#0057a8;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">Thanh toán</a></p><p>Hỗ trợ: 0896151617<br>Trân trọng,<br>MobiFone</p>',
    },
    en: {
      subject: 'MobiFone: your {{month}} service fee — contract {{number}} — {{amount}}',
      text: 'Dear {{customerName}},\n\nYour {{productName}} fee for {{month}} under contract {{number}} is {{amount}} (bill {{billNumber}}, due {{dueDate}}).\nUsage and charges: {{billUrl}}\nPay with VNPay: {{payUrl}}\n\nSupport: 0896151617\nBest regards,\nMobiFone',
      html: '<p>Dear <b>{{customerName}}</b>,</p><p>Your {{productName}} fee for <b>{{month}}</b> under contract <b>{{number}}</b> is <b>{{amount}}</b> (bill {{billNumber}}, due {{dueDate}}).</p><p><a href="{{billUrl}}">Details</a></p><p><a href="{{payUrl}}" style="background:#0057a8;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">Pay</a></p><p>Support: 0896151617<br>Best regards,<br>MobiFone</p>',
    },
  },
  'bill.paid': {
    vi: {
      subject: 'MobiFone: đã nhận thanh toán cước tháng {{month}} — hợp đồng {{number}}',
      text: 'Kính gửi {{customerName}},\n\nMobiFone đã nhận đủ {{amount}} cho hoá đơn cước {{billNumber}} (tháng {{month}}, hợp đồng {{number}}). Hoá đơn điện tử sẽ được gửi tới quý khách.\n\nTrân trọng,\nMobiFone',
      html: '<p>Kính gửi <b>{{customerName}}</b>,</p><p>MobiFone đã nhận đủ <b>{{amount}}</b> cho hoá đơn cước {{billNumber}} (tháng {{month}}, hợp đồng <b>{{number}}</b>). Hoá đơn điện tử sẽ được gửi tới quý khách.</p><p>Trân trọng,<br>MobiFone</p>',
    },
    en: {
      subject: 'MobiFone: payment received for {{month}} — contract {{number}}',
      text: 'Dear {{customerName}},\n\nMobiFone has received {{amount}} in full for bill {{billNumber}} ({{month}}, contract {{number}}). Your e-invoice will follow.\n\nBest regards,\nMobiFone',
      html: '<p>Dear <b>{{customerName}}</b>,</p><p>MobiFone has received <b>{{amount}}</b> in full for bill {{billNumber}} ({{month}}, contract <b>{{number}}</b>). Your e-invoice will follow.</p><p>Best regards,<br>MobiFone</p>',
    },
  },
  'billpay.receipt': {
    vi: {
      subject: 'MobiFone: {{what}} thành công cho thuê bao {{msisdn}} — {{amount}}',
      text: 'Kính gửi quý khách,\n\nGiao dịch {{what}} {{amount}} cho thuê bao {{msisdn}} đã thành công lúc {{time}}. Mã giao dịch: {{ref}}.\n\nTrân trọng,\nMobiFone',
      html: '<p>Kính gửi quý khách,</p><p>Giao dịch {{what}} <b>{{amount}}</b> cho thuê bao <b>{{msisdn}}</b> đã thành công lúc {{time}}. Mã giao dịch: {{ref}}.</p><p>Trân trọng,<br>MobiFone</p>',
    },
    en: {
      subject: 'MobiFone: {{what}} done for {{msisdn}} — {{amount}}',
      text: 'Dear customer,\n\nYour {{what}} of {{amount}} for {{msisdn}} went through at {{time}}. Transaction: {{ref}}.\n\nBest regards,\nMobiFone',
      html: '<p>Dear customer,</p><p>Your {{what}} of <b>{{amount}}</b> for <b>{{msisdn}}</b> went through at {{time}}. Transaction: {{ref}}.</p><p>Best regards,<br>MobiFone</p>',
    },
  },
  'billpay.cancelled': {
    vi: {
      subject: 'MobiFone: giao dịch {{ref}} đã bị huỷ',
      text: 'Kính gửi quý khách,\n\nGiao dịch thanh toán/nạp tiền {{amount}} cho thuê bao {{msisdn}} (mã {{ref}}) đã bị huỷ do không hợp lệ; số tiền được hoàn về thẻ. Thông tin chi tiết liên hệ 9090.\n\nTrân trọng,\nMobiFone',
      html: '<p>Kính gửi quý khách,</p><p>Giao dịch thanh toán/nạp tiền <b>{{amount}}</b> cho thuê bao <b>{{msisdn}}</b> (mã {{ref}}) đã bị huỷ do không hợp lệ; số tiền được hoàn về thẻ. Thông tin chi tiết liên hệ 9090.</p><p>Trân trọng,<br>MobiFone</p>',
    },
    en: {
      subject: 'MobiFone: transaction {{ref}} cancelled',
      text: 'Dear customer,\n\nThe payment/top-up of {{amount}} for {{msisdn}} (transaction {{ref}}) was cancelled as invalid; the money goes back to the card. Call 9090 for details.\n\nBest regards,\nMobiFone',
      html: '<p>Dear customer,</p><p>The payment/top-up of <b>{{amount}}</b> for <b>{{msisdn}}</b> (transaction {{ref}}) was cancelled as invalid; the money goes back to the card. Call 9090 for details.</p><p>Best regards,<br>MobiFone</p>',
    },
  },
  'collection.reminder': {
    vi: {
      subject: 'MobiFone: nhắc thanh toán cước — hợp đồng {{number}} — {{amount}}',
      text: 'Kính gửi {{customerName}},\n\nHợp đồng {{number}} còn nợ cước {{amount}}, quá hạn thanh toán {{days}} ngày (hạn {{dueDate}}). Vui lòng thanh toán để tránh bị tạm dừng dịch vụ.\nXem chi tiết: {{contractUrl}}\n\nHỗ trợ: 0896151617\nTrân trọng,\nMobiFone',
      html: '<p>Kính gửi <b>{{customerName}}</b>,</p><p>Hợp đồng <b>{{number}}</b> còn nợ cước <b>{{amount}}</b>, quá hạn thanh toán {{days}} ngày (hạn {{dueDate}}). Vui lòng thanh toán để tránh bị tạm dừng dịch vụ.</p><p><a href="{{contractUrl}}">Xem chi tiết</a></p><p>Hỗ trợ: 0896151617<br>Trân trọng,<br>MobiFone</p>',
    },
    en: {
      subject: 'MobiFone: payment reminder — contract {{number}} — {{amount}}',
      text: 'Dear {{customerName}},\n\nContract {{number}} has {{amount}} unpaid, {{days}} days past its due date ({{dueDate}}). Please pay to avoid the suspension of the service.\nDetails: {{contractUrl}}\n\nSupport: 0896151617\nBest regards,\nMobiFone',
      html: '<p>Dear <b>{{customerName}}</b>,</p><p>Contract <b>{{number}}</b> has <b>{{amount}}</b> unpaid, {{days}} days past its due date ({{dueDate}}). Please pay to avoid the suspension of the service.</p><p><a href="{{contractUrl}}">Details</a></p><p>Support: 0896151617<br>Best regards,<br>MobiFone</p>',
    },
  },
  'contract.staff_update': {
    vi: {
      subject: '[QLDV] Hợp đồng {{number}}: {{event}}',
      text: 'Hợp đồng {{number}} của {{customerName}} ({{productName}}, {{amount}}): {{event}}.\n{{detail}}\nXem: {{contractUrl}}',
      html: '<p>Hợp đồng <b>{{number}}</b> của {{customerName}} ({{productName}}, {{amount}}): <b>{{event}}</b>.</p><p>{{detail}}</p><p><a href="{{contractUrl}}">Xem hợp đồng</a></p>',
    },
    en: {
      subject: '[QLDV] Contract {{number}}: {{event}}',
      text: 'Contract {{number}} of {{customerName}} ({{productName}}, {{amount}}): {{event}}.\n{{detail}}\nOpen: {{contractUrl}}',
      html: '<p>Contract <b>{{number}}</b> of {{customerName}} ({{productName}}, {{amount}}): <b>{{event}}</b>.</p><p>{{detail}}</p><p><a href="{{contractUrl}}">Open the contract</a></p>',
    },
  },
  'contract.customer_update': {
    vi: {
      subject: 'MobiFone: hợp đồng {{number}} — {{event}}',
      text: 'Kính gửi {{customerName}},\n\nHợp đồng {{number}} ({{productName}}): {{event}}.\n{{detail}}\nXem chi tiết: {{contractUrl}}\n\nHỗ trợ: 0896151617 · Tư vấn: 0936110116\nTrân trọng,\nMobiFone',
      html: '<p>Kính gửi <b>{{customerName}}</b>,</p><p>Hợp đồng <b>{{number}}</b> ({{productName}}): <b>{{event}}</b>.</p><p>{{detail}}</p><p><a href="{{contractUrl}}">Xem chi tiết</a></p><p>Hỗ trợ: 0896151617 · Tư vấn: 0936110116<br>Trân trọng,<br>MobiFone</p>',
    },
    en: {
      subject: 'MobiFone: contract {{number}} — {{event}}',
      text: 'Dear {{customerName}},\n\nContract {{number}} ({{productName}}): {{event}}.\n{{detail}}\nDetails: {{contractUrl}}\n\nSupport: 0896151617 · Sales: 0936110116\nBest regards,\nMobiFone',
      html: '<p>Dear <b>{{customerName}}</b>,</p><p>Contract <b>{{number}}</b> ({{productName}}): <b>{{event}}</b>.</p><p>{{detail}}</p><p><a href="{{contractUrl}}">Details</a></p><p>Support: 0896151617 · Sales: 0936110116<br>Best regards,<br>MobiFone</p>',
    },
  },
  'ticket.customer_update': {
    vi: {
      subject: 'MobiFone: yêu cầu {{number}} — {{event}}',
      text: 'Kính gửi quý khách,\n\nYêu cầu {{number}} "{{subject}}": {{event}}.\n{{detail}}\n{{link}}\n\nHỗ trợ kỹ thuật: 0896151617 · Tổng đài: 9090\nTrân trọng,\nMobiFone',
      html: '<p>Kính gửi quý khách,</p><p>Yêu cầu <b>{{number}}</b> "{{subject}}": <b>{{event}}</b>.</p><p style="white-space:pre-line">{{detail}}</p><p><a href="{{link}}">{{linkText}}</a></p><p>Hỗ trợ kỹ thuật: 0896151617 · Tổng đài: 9090<br>Trân trọng,<br>MobiFone</p>',
    },
    en: {
      subject: 'MobiFone: request {{number}} — {{event}}',
      text: 'Dear customer,\n\nRequest {{number}} "{{subject}}": {{event}}.\n{{detail}}\n{{link}}\n\nTechnical support: 0896151617 · Hotline: 9090\nBest regards,\nMobiFone',
      html: '<p>Dear customer,</p><p>Request <b>{{number}}</b> "{{subject}}": <b>{{event}}</b>.</p><p style="white-space:pre-line">{{detail}}</p><p><a href="{{link}}">{{linkText}}</a></p><p>Technical support: 0896151617 · Hotline: 9090<br>Best regards,<br>MobiFone</p>',
    },
  },
  'ticket.staff_update': {
    vi: {
      subject: '[QLDV] Yêu cầu {{number}} (cấp {{level}}): {{event}}',
      text: 'Yêu cầu {{number}} "{{subject}}" (cấp {{level}}, {{stage}}): {{event}}.\n{{detail}}\nXem: {{link}}',
      html: '<p>Yêu cầu <b>{{number}}</b> "{{subject}}" (cấp {{level}}, {{stage}}): <b>{{event}}</b>.</p><p style="white-space:pre-line">{{detail}}</p><p><a href="{{link}}">Mở phiếu</a></p>',
    },
    en: {
      subject: '[QLDV] Request {{number}} (level {{level}}): {{event}}',
      text: 'Request {{number}} "{{subject}}" (level {{level}}, {{stage}}): {{event}}.\n{{detail}}\nOpen: {{link}}',
      html: '<p>Request <b>{{number}}</b> "{{subject}}" (level {{level}}, {{stage}}): <b>{{event}}</b>.</p><p style="white-space:pre-line">{{detail}}</p><p><a href="{{link}}">Open the ticket</a></p>',
    },
  },
  'invoice.push_failed': {
    vi: {
      subject: '[QLDV] Không phát hành được hoá đơn điện tử — {{buyerName}}, {{amount}}',
      text: 'Hoá đơn {{invoiceId}} (thanh toán {{paymentId}}) của {{buyerName}}, {{amount}}, chưa phát hành được sau {{attempts}} lần gửi.\nLỗi: {{error}}\nKiểm tra, sửa dữ liệu nếu cần và gửi lại: {{invoiceUrl}}',
      html: '<p>Hoá đơn <b>{{invoiceId}}</b> (thanh toán {{paymentId}}) của <b>{{buyerName}}</b>, {{amount}}, chưa phát hành được sau {{attempts}} lần gửi.</p><p>Lỗi: {{error}}</p><p><a href="{{invoiceUrl}}">Kiểm tra, sửa dữ liệu nếu cần và gửi lại</a></p>',
    },
    en: {
      subject: '[QLDV] E-invoice could not be issued — {{buyerName}}, {{amount}}',
      text: 'Invoice {{invoiceId}} (payment {{paymentId}}) of {{buyerName}}, {{amount}}, was not issued after {{attempts}} attempts.\nError: {{error}}\nCheck it, correct the data if needed and push it again: {{invoiceUrl}}',
      html: '<p>Invoice <b>{{invoiceId}}</b> (payment {{paymentId}}) of <b>{{buyerName}}</b>, {{amount}}, was not issued after {{attempts}} attempts.</p><p>Error: {{error}}</p><p><a href="{{invoiceUrl}}">Check it, correct the data if needed and push it again</a></p>',
    },
  },
  'meeting.invite': {
    vi: {
      subject: 'Mời họp: {{title}} — {{when}}',
      text: '{{inviter}} ({{organisation}}) mời quý khách tham gia cuộc họp "{{title}}" trên MobiFone Meeting.\nThời gian: {{when}} (giờ Việt Nam)\nPhòng: {{room}}\nTham gia tại: {{link}}\n\nTrân trọng,\nMobiFone',
      html: '<p><b>{{inviter}}</b> ({{organisation}}) mời quý khách tham gia cuộc họp <b>{{title}}</b> trên MobiFone Meeting.</p><p>Thời gian: {{when}} (giờ Việt Nam)<br>Phòng: {{room}}</p><p><a href="{{link}}">Tham gia cuộc họp</a></p><p>Trân trọng,<br>MobiFone</p>',
    },
    en: {
      subject: 'Meeting invitation: {{title}} — {{when}}',
      text: '{{inviter}} ({{organisation}}) invites you to the meeting "{{title}}" on MobiFone Meeting.\nTime: {{when}} (Vietnam time)\nRoom: {{room}}\nJoin at: {{link}}\n\nBest regards,\nMobiFone',
      html: '<p><b>{{inviter}}</b> ({{organisation}}) invites you to the meeting <b>{{title}}</b> on MobiFone Meeting.</p><p>Time: {{when}} (Vietnam time)<br>Room: {{room}}</p><p><a href="{{link}}">Join the meeting</a></p><p>Best regards,<br>MobiFone</p>',
    },
  },
} as const satisfies Record<string, Record<Locale, Localized>>;

export type TemplateKey = keyof typeof TEMPLATES;

/**
 * Templates whose text is a credential (a single-use password-reset link): the outbox never shows it
 * and forgets it once sent, so no one reading the log can use the link.
 */
export const SECRET_TEMPLATES: ReadonlySet<string> = new Set<TemplateKey>(['account.password_reset']);
export const HIDDEN_BODY = 'Nội dung ẩn: thư chứa liên kết bí mật dùng một lần. / Hidden: this e-mail carries a single-use secret link.';

/** The message as the outbox may show it. */
export function withoutSecrets<M extends { template: string | null; body: string; html: string | null }>(m: M): M {
  return m.template && SECRET_TEMPLATES.has(m.template) ? { ...m, body: HIDDEN_BODY, html: null } : m;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function fill(template: string, data: Record<string, string | number>, escape: (s: string) => string): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
    if (!(k in data)) throw new Error(`template variable {{${k}}} has no value`);
    return escape(String(data[k]));
  });
}

export function renderEmail(key: TemplateKey, locale: Locale, data: Record<string, string | number>): Localized {
  const t = TEMPLATES[key][locale];
  return {
    subject: fill(t.subject, data, (s) => s),
    text: fill(t.text, data, (s) => s),
    html: fill(t.html, data, escapeHtml),
  };
}
