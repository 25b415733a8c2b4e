import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, launchBrowser, skipBrowser } from './browser.ts';

/** The local OpenID Connect provider test/setup/e2e.ts started and configured as Google. */
const issuer = inject('oidcIssuer');
const nextGoogleUser = async (user: { sub: string; email: string; emailVerified: boolean }) => {
  const r = await fetch(`${issuer}/_sim/user`, { method: 'PUT', body: JSON.stringify(user) });
  expect(r.status).toBe(200);
};

describe.skipIf(skipBrowser)('sign-in with Google (a local OpenID Connect provider)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('"Đăng nhập với Google" signs in the account with that verified e-mail and returns to the page asked for', async () => {
    await nextGoogleUser({ sub: 'e2e-google-customer1', email: 'customer1@example.vn', emailVerified: true });
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/login?next=%2Fprofile`);
    const button = page.getByTestId('login-oidc-google');
    expect(await button.textContent()).toContain('Đăng nhập với Google');
    expect(await page.getByTestId('login-oidc-apple').count()).toBe(0); // Apple is not configured here
    await button.click();
    await page.waitForURL(`${baseUrl}/profile`);
    await page.getByTestId('user-name').waitFor();
    const me = await page.evaluate(() => fetch('/api/v1/me').then((r) => r.json()));
    expect(me.user.username).toBe('customer1');
    await page.close();
  });

  it('an e-mail no account uses comes back to the login page with the reason', async () => {
    await nextGoogleUser({ sub: 'e2e-google-stranger', email: 'nguoi-la@gmail.example', emailVerified: true });
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-oidc-google').click();
    await page.waitForURL(/\/login\?oidcError=OIDC_ACCOUNT_NOT_FOUND$/);
    await expect.poll(() => page.getByTestId('login-oidc-error').textContent()).toContain('Không có tài khoản nào dùng e-mail này');
    await page.close();
  });
});
