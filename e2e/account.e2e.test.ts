import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { baseUrl, DEMO_PASSWORD, launchBrowser, signIn, skipBrowser } from './browser.ts';

describe.skipIf(skipBrowser)('own account journey', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('"Quên mật khẩu?" asks for a link without telling whether the address exists; a bad link is refused', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-forgot').click();
    await page.waitForURL(/\/forgot-password/);
    await page.getByTestId('forgot-email').fill('khong-co-ai@example.vn');
    await page.getByTestId('forgot-submit').click();
    await expect.poll(() => page.getByTestId('forgot-sent').textContent()).toContain('30 phút');

    await page.goto(`${baseUrl}/reset-password#token=${'x'.repeat(43)}`);
    await page.getByTestId('password-input').fill('Moi2026abc');
    await page.getByTestId('password-confirm-input').fill('Moi2026abc');
    await page.getByTestId('reset-submit').click();
    await expect.poll(() => page.getByTestId('reset-error').textContent()).toMatch(/hết hạn/);
    await page.close();
  });

  it('the profile shows role names, changes the password and signs out the other sessions', async () => {
    await apiAs('kam1'); // a session elsewhere
    const page = await browser.newPage();
    await signIn(page, 'kam1');
    await page.goto(`${baseUrl}/profile`);
    await expect.poll(() => page.locator('body').textContent()).toContain('KAM');
    expect(await page.locator('body').textContent()).not.toContain('contract.read');
    await expect.poll(() => page.locator('[data-testid^="end-session-"]').count()).toBeGreaterThan(0);
    await page.getByTestId('end-other-sessions').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => page.locator('[data-testid^="end-session-"]').count()).toBe(0);

    await page.getByTestId('current-password').fill('sai-mat-khau-1');
    await page.getByTestId('newPassword-input').fill('Moi2026abc');
    await page.getByTestId('password-confirm-input').fill('Moi2026abc');
    await page.getByTestId('change-password-submit').click();
    await expect.poll(() => page.getByTestId('change-password-error').textContent()).toContain('Mật khẩu hiện tại không đúng');
    await page.getByTestId('current-password').fill(DEMO_PASSWORD);
    await page.getByTestId('change-password-submit').click();
    await expect.poll(() => page.getByTestId('current-password').inputValue()).toBe('');
    await page.close();

    const again = await browser.newPage();
    await signIn(again, 'kam1', 'Moi2026abc');
    await again.close();
  });
});
