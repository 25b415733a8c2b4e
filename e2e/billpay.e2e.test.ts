import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { baseUrl, launchBrowser, payWithNcbCard, skipBrowser } from './browser.ts';

describe.skipIf(skipBrowser)('bill payment journey (SPEC E)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('password by SMS to 9223, the debt shown, the bill paid by ATM card and OTP, the SMS received, the debt cleared', async () => {
    const admin = await apiAs('admin');
    const msisdn = `0906${String(Date.now()).slice(-6)}`;
    const intl = `84${msisdn.slice(1)}`;
    await admin.post('/api/v1/simulators/subscribers', { msisdn, type: 'postpaid', name: 'Phan Thị Hoa', address: '21 Hai Bà Trưng, Hà Nội', debtVnd: '850000' });
    const smsTo = async () => {
      const list = await admin.get('/api/v1/notifications/messages?channel=sms&direction=out&pageSize=200');
      return (list.items as { to: string; body: string }[]).filter((m) => m.to === intl).map((m) => m.body);
    };

    // "MK 2468" to 9223 through the SMSC simulator (SMPP); the reply comes back by SMS.
    await admin.post('/api/v1/simulators/smsc/mo', { from: msisdn, to: '9223', text: 'MK 2468' });
    await expect.poll(async () => (await smsTo()).some((b) => b.includes('da duoc dang ky/thay doi thanh cong')), { timeout: 15_000 }).toBe(true);

    const page = await (await browser.newContext()).newPage();
    const showDebt = async () => {
      await page.goto(`${baseUrl}/billpay`);
      await page.getByTestId('billpay-msisdn').fill(msisdn);
      await page.getByTestId('billpay-check').click();
      expect(await page.getByTestId('billpay-type').getAttribute('data-type')).toBe('postpaid');
      await page.getByTestId('billpay-password').fill('2468');
      await page.getByTestId('billpay-show-details').click();
      return page.getByTestId('billpay-debt');
    };
    const debt = await showDebt();
    expect(await debt.getAttribute('data-value')).toBe('850000');
    expect(await debt.textContent()).toContain('850.000 ₫');
    // The amount starts at the debt; a domestic ATM card.
    expect(await page.getByTestId('billpay-amount').inputValue()).toBe('850.000');
    await page.getByTestId('billpay-card-domestic').click();
    await page.getByTestId('billpay-pay').click();

    await payWithNcbCard(page);
    await page.waitForURL(/\/billpay\/return/);
    await expect.poll(() => page.getByTestId('billpay-result').getAttribute('data-status'), { timeout: 30_000 }).toBe('cleared');

    await expect.poll(async () => (await smsTo()).some((b) => b.includes('da thanh toan thanh cong 850.000d')), { timeout: 15_000 }).toBe(true);

    // E11: the VAT invoice asked for from the result page.
    await page.getByTestId('billpay-vat').click();
    await page.getByTestId('billpay-vat-buyer').fill('Phan Thị Hoa');
    await page.getByTestId('billpay-vat-address').fill('21 Hai Bà Trưng, Hà Nội');
    await page.getByTestId('dialog-ok').click();
    await page.locator('.ant-message-success').waitFor();

    const after = await showDebt();
    expect(await after.getAttribute('data-value')).toBe('0');
  });
});
