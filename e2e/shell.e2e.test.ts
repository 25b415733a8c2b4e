import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { baseUrl, choose, launchBrowser, signIn, skipBrowser } from './browser.ts';

describe.skipIf(skipBrowser)('web shell journey', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('admin signs in, switches to English, verifies the audit chain, sends a test SMS and signs out', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/admin/audit`);
    await page.waitForURL(/\/login/);

    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('wrong-password-1');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('không đúng');

    await page.getByTestId('login-password').fill('Qldv@2026');
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/admin\/audit/);
    expect(await page.getByTestId('user-name').textContent()).toBe('Quản trị hệ thống');

    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('true');
    // the failed sign-in above is itself in the trail, in words, and the filter offers it by name
    await expect.poll(() => page.locator('body').textContent()).toContain('Đăng nhập: đăng nhập sai');
    await choose(page, 'audit-action', 'Đăng nhập: đăng nhập sai', 'sai');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await expect
      .poll(async () => [...new Set(await page.locator('.ant-table-row .ant-tag').allTextContents())])
      .toEqual(['Đăng nhập: đăng nhập sai']);

    await page.getByTestId('lang-switch').getByText('EN').click();
    await expect.poll(() => page.getByTestId('nav-menu').textContent()).toMatch(/Users/);

    await page.goto(`${baseUrl}/admin/outbox`);
    await page.getByRole('tab', { name: /SMS/ }).click();
    await page.getByLabel('Subscriber number').fill('84901112233');
    await page.getByLabel('Text', { exact: true }).fill('ABC 1234');
    await page.getByRole('button', { name: 'Send' }).click();
    // the reply to an unknown keyword travels back through the simulated SMSC and shows in the log
    await expect.poll(() => page.locator('body').textContent(), { timeout: 15_000 }).toMatch(/khong dung cu phap/);

    await page.getByTestId('logout-button').click();
    await page.waitForURL(/\/login/);
    await page.close();
  });

  it('a customer sees only their own areas, and the shell works on a phone-sized screen', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await signIn(page, 'customer1');
    expect(await page.getByTestId('user-name').textContent()).toBe('Lý Thị Quỳnh');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByTestId('nav-menu-button').click();
    const menu = await page.getByTestId('nav-menu').textContent();
    expect(menu).not.toMatch(/Người dùng|Nhật ký/);
    await page.goto(`${baseUrl}/admin/users`);
    await expect.poll(() => page.locator('body').textContent()).toMatch(/403|không có quyền/i);
    await page.close();
  });

  it("the header's search finds a customer by name and opens their contracts", async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, 'am1');
    await page.getByTestId('global-search').fill('Sao Mai');
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'KH' }).first();
    await expect.poll(() => option.textContent()).toMatch(/Sao Mai · KH\d{6}/);
    await option.click();
    await page.waitForURL(/\/contracts\?customerId=cus_/);
    await page.close();
  });

  it("the admin's menu fits a 1440 × 900 screen: its groups fold, the current page's group open", async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, 'admin');
    await page.goto(`${baseUrl}/admin/audit`);
    await page.getByTestId('nav-menu').waitFor();
    expect(await page.evaluate(() => document.querySelector('.nav-menu')!.getBoundingClientRect().bottom)).toBeLessThanOrEqual(900);
    expect(await page.getByTestId('nav-menu').textContent()).toContain('Người dùng');
    await page.close();
  });

  it('on a 390 px phone the contract list is a column of cards, nothing off the right edge', async () => {
    await (await apiAs('enterprise1')).post('/api/v1/orders', { product: 'MEETING', quantity: 2, periodMonths: 1 });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, 'enterprise1');
    await page.goto(`${baseUrl}/contracts`);
    const cards = page.getByTestId('row-cards').locator('.ant-card');
    await cards.first().waitFor();
    expect(await cards.first().textContent()).toMatch(/HD-\d{4}-\d{6}.*Trạng thái/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.close();
  });
});
