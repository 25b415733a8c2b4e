import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { baseUrl, launchBrowser, payWithTestCard, skipBrowser } from './browser.ts';

describe.skipIf(skipBrowser)('payment journey (C2, D1–D3)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('from the e-mailed link through the VNPay card and OTP pages to the result page; the contract ends active', async () => {
    const am = await apiAs('am1');
    const admin = await apiAs('admin');
    const me = await (await apiAs('enterprise1')).get('/api/v1/me');
    const contract = await am.post('/api/v1/contracts', { customerId: me.user.customer.id, product: 'MEETING', quantity: 3, periodMonths: 6, signedDate: new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10) });
    await am.post(`/api/v1/contracts/${contract.id}/submit`);

    // The payment e-mail, as staff read it in the outbox.
    let link: string | undefined;
    await expect
      .poll(async () => {
        const mails = await admin.get('/api/v1/notifications/messages?channel=email&pageSize=100');
        const mail = mails.items.find((m: { to: string; subject: string }) => m.to === 'enterprise1@example.vn' && m.subject.includes(contract.number));
        link = mail?.body.match(/https?:\/\/\S+\/pay\/[\w.-]+/)?.[0];
        return !!link;
      }, { timeout: 15_000 })
      .toBe(true);

    const page = await (await browser.newContext()).newPage();
    await page.goto(`${baseUrl}${new URL(link!).pathname}`);
    expect(await page.getByTestId('pay-amount').textContent()).toContain('8.100.000 ₫'); // 3 rooms × 450,000 × 6
    await page.getByTestId('pay-button').click();

    // VNPay (simulator): method → bank → card → OTP → pay.
    await payWithTestCard(page);

    await page.waitForURL(/\/payments\/vnpay\/return/);
    await expect.poll(() => page.getByTestId('pay-result').getAttribute('data-status'), { timeout: 30_000 }).toBe('success');

    expect((await am.get(`/api/v1/contracts/${contract.id}`)).status).toBe('pending_approval');
    await (await apiAs('approver.ctkv1')).post(`/api/v1/contracts/${contract.id}/approve`);
    await (await apiAs('approver.ttcntt')).post(`/api/v1/contracts/${contract.id}/approve`);
    // Meeting provisions itself (issue #13): the provisioning job makes the organisation and the contract is active.
    const customer = await apiAs('enterprise1');
    await expect.poll(async () => (await customer.get(`/api/v1/contracts/${contract.id}`)).status, { timeout: 15_000 }).toBe('active');

    await expect
      .poll(async () => {
        const mails = await admin.get('/api/v1/notifications/messages?channel=email&pageSize=100');
        return mails.items.some((m: { to: string; subject: string; status: string }) => m.to === 'enterprise1@example.vn' && m.subject.includes(`đã nhận thanh toán hợp đồng ${contract.number}`) && m.status === 'sent');
      }, { timeout: 15_000 })
      .toBe(true);
  });
});
