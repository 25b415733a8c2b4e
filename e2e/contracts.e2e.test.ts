import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, choose, launchBrowser, signIn, skipBrowser } from './browser.ts';

async function act(page: Page, action: string, fill?: (p: Page) => Promise<void>) {
  await page.getByTestId(`action-${action}`).click();
  await fill?.(page);
  await page.getByTestId('dialog-ok').click();
}

const status = (page: Page) => page.getByTestId('contract-status').first().getAttribute('data-status');

describe.skipIf(skipBrowser)('contract journey (C2)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  const as = async (username: string) => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, username);
    return page;
  };

  it('AM declares, the accountant records the payment, both approvers approve, ops provisions, the customer sees it active', async () => {
    const am = await as('am1');
    await am.goto(`${baseUrl}/contracts/new`);
    // The empty form answers with field messages (and no uncaught error: the journey fails on one).
    await am.getByTestId('contract-submit').click();
    await expect.poll(() => am.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
    expect(am.url()).toContain('/contracts/new');
    await choose(am, 'contract-customer', 'Sao Mai', 'Sao Mai');
    await choose(am, 'contract-product', 'Meeting');
    await am.getByTestId('contract-quantity').fill('5');
    await am.getByTestId('contract-period').getByText('12').click();
    await expect.poll(() => am.locator('body').textContent()).toContain('21.000.000 ₫');
    await am.getByTestId('contract-submit').click();
    await am.waitForURL(/\/contracts\/ctr_/);
    const url = am.url();
    await expect.poll(() => status(am)).toBe('awaiting_payment');
    const number = (await am.getByTestId('contract-number').textContent())!.match(/HD-\d{4}-\d{6}/)![0];

    const accountant = await as('accountant1');
    await accountant.goto(url);
    await act(accountant, 'record_payment', (p) => p.getByTestId('dialog-reference').fill('UNC-20260302-01'));
    await expect.poll(() => status(accountant)).toBe('pending_approval');

    // The CTKV approver decides from the inbox row (amount, customer, seller shown); TT CNTT from the contract.
    const ctkv = await as('approver.ctkv1');
    await ctkv.goto(`${baseUrl}/inbox`);
    const row = ctkv.locator('tr', { has: ctkv.getByTestId(`task-contract-${number}`) });
    await expect.poll(() => row.textContent()).toMatch(/21\.000\.000 ₫.*Nguyễn Văn An/);
    await ctkv.getByTestId(`inbox-approve-${number}`).click();
    await ctkv.getByTestId('dialog-ok').click();
    await expect.poll(() => ctkv.getByTestId(`inbox-approve-${number}`).count()).toBe(0);

    const ttcntt = await as('approver.ttcntt');
    await ttcntt.goto(`${baseUrl}/inbox`);
    await ttcntt.getByTestId(`task-contract-${number}`).click();
    await ttcntt.waitForURL(url);
    await act(ttcntt, 'approve');
    await expect.poll(() => ttcntt.locator('body').textContent()).toMatch(/Đã duyệt|đã duyệt|Approved/);

    // Meeting provisions itself (issue #13): the provisioning job makes the customer's organisation.
    const ops = await as('ops1');
    await ops.goto(url);
    await expect.poll(async () => (await ops.reload(), status(ops)), { timeout: 30_000 }).toBe('active');

    const customer = await as('enterprise1');
    await customer.goto(url);
    await expect.poll(() => status(customer)).toBe('active');
    expect(await customer.getByTestId('contract-total').textContent()).toContain('21.000.000 ₫');
    // the customer sees where to use the service
    expect(await customer.getByTestId('service-account').textContent()).toMatch(/meeting:mor_/);
    expect(await customer.getByTestId('service-link').getAttribute('href')).toBe(`${baseUrl}/meeting`);
    expect(await customer.getByTestId('action-terminate').count()).toBe(0);
    // the history reads as words, in local time, with names: no JSON, no internal ids
    const history = (await customer.getByTestId('contract-timeline').textContent())!;
    expect(history).toContain('Trạng thái:');
    expect(history).toContain('Đang hoạt động');
    expect(history).not.toMatch(/[{}]|usr_|cus_|pln_|T\d{2}:\d{2}:\d{2}/);
    expect(await customer.locator('[data-testid="contract-timeline"] .ant-table-row-expand-icon').count()).toBe(0);
  });

  it('the public quote calculator prices Meeting without signing in', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${baseUrl}/quote`);
    await choose(page, 'quote-product', 'Meeting');
    await page.getByTestId('quote-quantity').fill('11');
    await page.getByTestId('quote-period').getByText('12').click();
    await expect.poll(() => page.getByTestId('quote-total').textContent()).toContain('39.600.000 ₫');
    // from the price to buying: sign in, then straight to the self-service packages
    await page.getByTestId('quote-buy').click();
    await page.waitForURL(/\/login\?next=/);
    await page.getByTestId('login-username').fill('customer1');
    await page.getByTestId('login-password').fill('Qldv@2026');
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/packages$/);
  });

  it('the seller copies the payment link and e-mails it again from the contract', async () => {
    const am = await as('am1');
    await am.goto(`${baseUrl}/contracts/new`);
    await choose(am, 'contract-customer', 'Sao Mai', 'Sao Mai');
    await choose(am, 'contract-product', 'Meeting');
    await am.getByTestId('contract-quantity').fill('1');
    await am.getByTestId('contract-submit').click();
    await am.waitForURL(/\/contracts\/ctr_/);
    await expect.poll(() => status(am)).toBe('awaiting_payment');
    await am.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await am.getByTestId('contract-copy-link').click();
    await expect.poll(() => am.evaluate(() => navigator.clipboard.readText())).toMatch(/\/pay\/pay_[0-9a-z]{26}\./);
    await am.getByTestId('contract-resend-link').click();
    await expect.poll(() => am.locator('.ant-message').textContent()).toContain('Đã gửi lại e-mail');
  });
});
