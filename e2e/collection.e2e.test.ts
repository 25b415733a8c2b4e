import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { baseUrl, launchBrowser, signIn, skipBrowser } from './browser.ts';

describe.skipIf(skipBrowser)('debt, collection policy and commissions screens', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('the accountant edits the collection policy, sees the aging dashboard, and finds an AM commission with its minutes', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, 'accountant1');

    await page.goto(`${baseUrl}/debt/policy`);
    const firstDays = page.locator('.ant-input-number-input').first();
    await firstDays.waitFor();
    await firstDays.fill('2');
    await page.getByTestId('policy-save').click();
    const accountant = await apiAs('accountant1');
    await expect.poll(
      async () => (await accountant.get('/api/v1/collection/policy')).steps[0],
      { timeout: 15_000 },
    ).toEqual({ afterDays: 2, action: 'remind_email' });

    await page.goto(`${baseUrl}/debt`);
    await page.getByTestId('aging-chart').waitFor();
    expect(await page.getByTestId('debt-export').getAttribute('href')).toBe('/api/v1/collection/aging/export');

    // An AM-sold contract paid by bank transfer this month: the AM's 35 % shows on the month's statements.
    const am = await apiAs('am1');
    const me = await (await apiAs('enterprise1')).get('/api/v1/me');
    const contract = await am.post(
      '/api/v1/contracts',
      {
        customerId: me.user.customer.id,
        product: 'MEETING',
        quantity: 1,
        periodMonths: 1,
        signedDate: new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10),
      },
    );
    await am.post(`/api/v1/contracts/${contract.id}/submit`);
    await accountant.post('/api/v1/payments/manual', { contractId: contract.id, amountVnd: contract.totalVnd, bankRef: `E2E-COMM-${Date.now()}` });
    const period = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
    await accountant.post('/api/v1/commissions/sync', { period });
    await page.goto(`${baseUrl}/commissions?period=${period}`);
    const minutes = page.getByTestId('commission-minutes-am1');
    await minutes.waitFor();
    expect(await minutes.getAttribute('href')).toBe(`/api/v1/commissions/minutes?period=${period}&beneficiaryUsername=am1`);
    expect(await page.locator('table').last().textContent()).toContain(contract.number);
  });
});
