import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { baseUrl, launchBrowser, payWithTestCard, signIn, skipBrowser } from './browser.ts';

describe.skipIf(skipBrowser)('invoices journey (customers see their invoices; the contract page links payments and invoices)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('a customer pays an order, the day is reconciled, and the invoice shows on "Hoá đơn" and on the contract', async () => {
    const customer = await apiAs('customer1');
    const order = await customer.post('/api/v1/orders', { product: 'MEETING', quantity: 1, periodMonths: 1 });
    const page = await (await browser.newContext()).newPage();

    // VNPay (simulator): method → bank → card → OTP → pay.
    await page.goto(order.payUrl);
    await payWithTestCard(page);
    await page.waitForURL(/\/payments\/vnpay\/return/);
    await expect.poll(() => page.getByTestId('pay-result').getAttribute('data-status'), { timeout: 30_000 }).toBe('success');

    // The day's reconciliation requests the invoice; the push job issues it in the background.
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    await (await apiAs('accountant1')).post('/api/v1/payments/reconciliations', { date: today });
    let invoiceId = '';
    await expect
      .poll(
        async () => {
          const mine = await customer.get(`/api/v1/invoices?contractId=${order.contractId}`);
          invoiceId = mine.items[0]?.id ?? '';
          return mine.items[0]?.status;
        },
        { timeout: 30_000 },
      )
      .toBe('issued');

    await signIn(page, 'customer1');
    await page.goto(`${baseUrl}/my-invoices`);
    await page.getByTestId(`invoice-print-${invoiceId}`).waitFor();
    expect(await page.getByTestId(`invoice-print-${invoiceId}`).getAttribute('href')).toBe(`/api/v1/invoices/${invoiceId}/html`);
    expect(await page.getByTestId(`invoice-xml-${invoiceId}`).getAttribute('href')).toBe(`/api/v1/invoices/${invoiceId}/xml`);
    const printable = await page.request.get(`${baseUrl}/api/v1/invoices/${invoiceId}/html`);
    expect(await printable.text()).toContain('HÓA ĐƠN GIÁ TRỊ GIA TĂNG');

    await page.goto(`${baseUrl}/contracts/${order.contractId}`);
    const money = page.getByTestId('contract-money');
    await money.getByTestId(`invoice-print-${invoiceId}`).waitFor();
    expect(await page.getByTestId('contract-payments').textContent()).toMatch(/Đã thanh toán|Paid/);
  });
});
