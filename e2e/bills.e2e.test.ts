import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthBefore } from '../test/setup/e2e-billing.ts';
import { apiAs } from './api.ts';
import { baseUrl, choose, launchBrowser, signIn, skipBrowser } from './browser.ts';

/** The e2e server holds a postpaid eKYC contract of enterprise1 with 300 requests last month (test/setup/e2e-billing.ts). */
describe.skipIf(skipBrowser)('postpaid bills screens', () => {
  let browser: Browser;
  const period = monthBefore(new Date(), 1);
  const label = `${period.slice(5, 7)}/${period.slice(0, 4)}`;
  const errors: string[] = [];
  const open = async (username: string): Promise<Page> => {
    const page = await (await browser.newContext()).newPage();
    page.on('pageerror', (e) => errors.push(`${username}: ${e.message}`));
    await signIn(page, username);
    return page;
  };
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('the accountant bills last month (progress shown), finds the bill in the list, opens it, prints it and records a part paid by transfer', async () => {
    const page = await open('accountant1');
    await page.goto(`${baseUrl}/bills`);
    await page.getByTestId('bill-run-period').fill(period);
    await page.getByTestId('bill-run-start').click();
    const card = page.getByTestId('bill-run-card');
    await card.locator('.ant-progress').first().waitFor();
    await expect.poll(async () => card.locator('.ant-tag').first().textContent(), { timeout: 30_000 }).toBe('Xong');
    expect(await card.textContent()).toMatch(/\d+\/\d+ hợp đồng · \d+ hoá đơn mới/);

    const accountant = await apiAs('accountant1');
    type Bill = { id: string; number: string; customerName: string; totalVnd: string };
    const bills = (await accountant.get(`/api/v1/bills?period=${period}&pageSize=200`)).items as Bill[];
    const bill = bills.find((b) => b.customerName.length > 0 && b.number);
    expect(bill).toBeDefined();
    const search = page.locator('input[data-testid="bills-period"], [data-testid="bills-period"] input').first();
    await search.fill(period);
    await search.press('Enter');
    const row = page.getByTestId('bills-table').locator('tr', { hasText: bill!.number });
    await row.waitFor();
    await row.getByRole('link', { name: bill!.number }).click();
    await page.getByTestId('bill-outstanding').waitFor();
    expect(await page.locator('body').textContent()).toContain(bill!.number);
    expect(await page.locator('.ant-table').first().textContent()).toContain('300');

    const print = await page.getByTestId('bill-print').getAttribute('href');
    expect(print).toBe(`/api/v1/bills/${bill!.id}/print`);
    const printed = await page.context().newPage();
    await printed.goto(`${baseUrl}${print}`);
    expect(await printed.locator('body').textContent()).toContain(`THÔNG BÁO CƯỚC DỊCH VỤ THÁNG ${label}`);

    // A part of the bill paid by bank transfer, recorded from the bill's page.
    const part = (BigInt(bill!.totalVnd) / 3n).toString();
    await page.getByTestId('bill-record-transfer').click();
    await page.getByTestId('dialog-reference').fill(`E2E-BILL-${Date.now()}`);
    await page.getByTestId('dialog-amount').fill(part);
    await page.getByTestId('dialog-ok').click();
    await page.getByTestId('bill-payments').waitFor();
    await expect.poll(async () => (await accountant.get(`/api/v1/bills/${bill!.id}`)).status, { timeout: 15_000 }).toBe('partly_paid');
    expect(await page.getByTestId('bill-payments').textContent()).toContain('Chuyển khoản');
    expect(errors).toEqual([]);
  });

  it("the customer sees their bill, what it still owes, and last month's usage chart on the contract", async () => {
    const page = await open('enterprise1');
    await page.goto(`${baseUrl}/bills`);
    const row = page.getByTestId('bills-table').locator('tr', { hasText: label }).first();
    await row.waitFor();
    await row.locator('a').first().click();
    await page.getByTestId('bill-outstanding').waitFor();
    expect(await page.getByTestId('bill-pay').getAttribute('href')).toMatch(/\/pay\//);
    await page.getByTestId('bill-contract').click();
    await page.getByTestId('usage-card').waitFor();
    await choose(page, 'usage-period', label);
    await page.getByTestId('usage-chart').locator('canvas').waitFor();
    expect(await page.getByTestId('usage-card').textContent()).toContain('300');
    // …and from there, the contract's bills.
    await page.getByTestId('usage-bills').click();
    await page.getByTestId('bills-table').locator('tr', { hasText: label }).first().waitFor();
    expect(errors).toEqual([]);
  });
});
