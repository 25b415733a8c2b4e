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
} as const satisfies Record<string, Record<Locale, Localized>>;

export type TemplateKey = keyof typeof TEMPLATES;

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
