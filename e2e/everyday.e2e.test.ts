import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { baseUrl, choose, launchBrowser, signIn, skipBrowser } from './browser.ts';

/** Issue #15's last pieces in a browser: the notification bell, breadcrumbs, English mode in full. */
describe.skipIf(skipBrowser)('everyday experience: the bell, breadcrumbs, English', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  let number = '';
  /** A mark is a POST and then the feed asked again: give a busy machine time. */
  const SLOW = { timeout: 15_000 };
  const unread = async (page: Page) => Number((await page.getByTestId('bell').getAttribute('aria-label'))!.match(/\d+/)![0]);

  it('a paid contract rings the approver\'s bell; the item opens the contract (breadcrumbs named by its number) and is read; mark all read empties the count', async () => {
    // A contract paid by bank transfer: waiting for CTKV 1's approval.
    const customerId = (await (await apiAs('enterprise1')).get('/api/v1/me')).user.customer.id;
    const am = await apiAs('am1');
    const accountant = await apiAs('accountant1');
    const paid = [];
    for (const quantity of [3, 4]) {
      const x = await am.post('/api/v1/contracts', { customerId, product: 'MEETING', quantity, periodMonths: 6, signedDate: '2026-03-02' });
      await am.post(`/api/v1/contracts/${x.id}/submit`);
      await accountant.post('/api/v1/payments/manual', { contractId: x.id, amountVnd: x.totalVnd, bankRef: `UNC-BELL-${x.number}` });
      paid.push(x);
    }
    const c = paid[0];
    number = c.number;

    const page = await (await browser.newContext()).newPage();
    await signIn(page, 'approver.ctkv1');
    await expect.poll(() => unread(page), SLOW).toBeGreaterThanOrEqual(2);
    const before = await unread(page);
    await page.getByTestId('bell').click();
    const item = page.locator('[data-testid^="bell-item-task:"]', { hasText: c.number });
    await expect.poll(() => item.textContent()).toMatch(/Chờ bạn phê duyệt.*Sao Mai/);
    expect(await item.getAttribute('data-read')).toBe('false');
    await item.locator('.bell-link').click();
    await page.waitForURL(new RegExp(`/contracts/${c.id}$`));
    await expect.poll(() => page.getByTestId('breadcrumbs').textContent()).toBe(`Trang chủ/Hợp đồng/${c.number}`);
    await expect.poll(() => unread(page), SLOW).toBe(before - 1);

    await page.getByTestId('breadcrumbs').getByRole('link', { name: 'Hợp đồng' }).click();
    await page.waitForURL(/\/contracts$/);
    await page.getByTestId('bell').click();
    await expect.poll(() => item.getAttribute('data-read'), SLOW).toBe('true');
    await page.getByTestId('bell-read-all').click();
    await expect.poll(() => unread(page), SLOW).toBe(0);
    expect(await page.locator('[data-testid^="bell-item-"][data-read="false"]').count()).toBe(0);
    await page.close();
  });

  it('the customer is told of their payment; another customer hears nothing of it', async () => {
    expect(number).toMatch(/^HD-/);
    const mine = await (await browser.newContext()).newPage();
    await signIn(mine, 'enterprise1');
    await mine.getByTestId('bell').click();
    await expect.poll(() => mine.locator('[data-testid^="bell-item-payment:"]', { hasText: number }).textContent()).toContain('Đã nhận thanh toán');
    await mine.close();
    const other = await (await browser.newContext()).newPage();
    await signIn(other, 'customer1');
    await other.getByTestId('bell').click();
    await other.locator('.bell-panel').waitFor();
    expect(await other.locator('.bell-panel').textContent()).not.toContain(number);
    await other.close();
  });

  it('in English the quote lines, the product description, plan names and the breadcrumbs are English', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      if (location.origin !== 'null') localStorage.setItem('qldv.lang', 'en');
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/quote`);
    await choose(page, 'quote-product', 'video conferencing');
    await expect.poll(() => page.locator('body').textContent()).toContain('Priced per meeting room per month');
    await page.getByTestId('quote-quantity').fill('11');
    await page.getByTestId('quote-period').getByText('12').click();
    await expect.poll(() => page.locator('body').textContent()).toContain('Tier over 10 meeting rooms, 12-month billing period');
    const body = (await page.locator('body').textContent())!;
    expect(body).not.toMatch(/Bậc|kỳ thanh toán|phòng họp|hội nghị truyền hình/);

    await signIn(page, 'am1');
    await page.goto(`${baseUrl}/contracts`);
    await expect.poll(() => page.getByTestId('breadcrumbs').textContent()).toBe('Home/Contracts');
    await page.locator('.ant-table-row a[href^="/contracts/ctr_"]').first().click();
    await page.waitForURL(/\/contracts\/ctr_/);
    await expect.poll(() => page.getByTestId('breadcrumbs').textContent()).toMatch(/^Home\/Contracts\/HD-\d{4}-\d{6}$/);
    await page.getByTestId('bell').click();
    await expect.poll(() => page.locator('.ant-popover-title').textContent()).toContain('Notifications');
    await page.close();
  });
});
