import { describe, expect, it } from 'vitest';
import { commandKey, parseSmsCommand } from './sms-commands.ts';
import { HIDDEN_BODY, renderEmail, TEMPLATES, withoutSecrets } from './templates.ts';

describe('inbound SMS commands', () => {
  it('splits keyword and arguments, case- and space-insensitive', () => {
    expect(parseSmsCommand('  mk   1234 ')).toEqual({ keyword: 'MK', args: ['1234'] });
    expect(parseSmsCommand('')).toEqual({ keyword: '', args: [] });
    expect(commandKey('9223', 'mk')).toBe('9223:MK');
  });
});

describe('e-mail templates', () => {
  it('every template exists in Vietnamese and English with the same variables', () => {
    for (const [key, t] of Object.entries(TEMPLATES)) {
      const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(vars(t.vi.subject + t.vi.text + t.vi.html), key).toEqual(vars(t.en.subject + t.en.text + t.en.html));
    }
  });

  it('fills variables, escaping HTML only in the HTML part, and refuses a missing one', () => {
    const m = renderEmail('account.welcome', 'vi', { fullName: 'A & B', username: 'ab', loginUrl: 'https://x/login' });
    expect(m.subject).toBe('Chào mừng A & B đến với QLDV MobiFone');
    expect(m.html).toContain('A &amp; B');
    expect(() => renderEmail('account.welcome', 'en', { fullName: 'x' })).toThrow(/username/);
  });

  it('a password-reset e-mail never shows its link in the outbox; other e-mails show as they are', () => {
    const m = { template: 'account.password_reset', body: 'https://x/reset-password#token=abc', html: '<a href="https://x/reset-password#token=abc">' };
    expect(withoutSecrets(m)).toEqual({ template: 'account.password_reset', body: HIDDEN_BODY, html: null });
    const welcome = { template: 'account.welcome', body: 'hello', html: '<p>hello</p>' };
    expect(withoutSecrets(welcome)).toBe(welcome);
  });
});
