import { describe, expect, it } from 'vitest';
import { csrfTokenFor, csrfTokenValid, newToken, sha256 } from './tokens.ts';

describe('tokens', () => {
  it('a CSRF token is bound to its session and its secret', () => {
    const token = csrfTokenFor('secret-a', 'ses_1');
    expect(csrfTokenValid('secret-a', 'ses_1', token)).toBe(true);
    expect(csrfTokenValid('secret-a', 'ses_2', token)).toBe(false);
    expect(csrfTokenValid('secret-b', 'ses_1', token)).toBe(false);
  });
  it('a missing, shorter or altered CSRF token is refused', () => {
    const token = csrfTokenFor('secret-a', 'ses_1');
    for (const bad of [undefined, '', token.slice(1), `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`]) {
      expect(csrfTokenValid('secret-a', 'ses_1', bad), String(bad)).toBe(false);
    }
  });
  it('new tokens are 43 URL-safe characters and differ; only their sha256 is kept', () => {
    const [a, b] = [newToken(), newToken()];
    expect(a).toMatch(/^[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(sha256(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256(a)).not.toBe(sha256(b));
  });
});
