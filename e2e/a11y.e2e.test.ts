import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, baseUrl, launchBrowser, signIn, skipBrowser } from './browser.ts';

/** The main pages of each kind of user, checked with axe-core once their content has loaded. */
describe.skipIf(skipBrowser)('accessibility of the main pages (axe-core, WCAG 2 A/AA)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  const check = async (page: Page, path: string, ready: string) => {
    await page.goto(`${baseUrl}${path}`);
    await page.locator(ready).first().waitFor();
    return (await accessibilityProblems(page)).map((p) => `${path}: ${p}`);
  };

  it('public pages: sign-in and the quote calculator', async () => {
    const page = await browser.newPage();
    const problems = [...(await check(page, '/login', '[data-testid="login-submit"]')), ...(await check(page, '/quote', '[data-testid="quote-product"]'))];
    expect(problems).toEqual([]);
  });

  it('staff pages: contracts, the declaration form, tickets, payments, the audit trail and the notification bell', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, 'admin');
    const problems = [
      ...(await check(page, '/contracts', '.ant-table-tbody > tr:not(.ant-table-measure-row)')),
      ...(await check(page, '/tickets', '.ant-table-tbody > tr:not(.ant-table-measure-row)')),
      ...(await check(page, '/payments', '.ant-table-tbody > tr:not(.ant-table-measure-row)')),
      ...(await check(page, '/admin/audit', '.ant-table-row')),
      ...(await check(page, '/contracts/new', '[data-testid="contract-submit"]')),
    ];
    // The notification bell's panel, open over the page.
    await page.getByTestId('bell').click();
    await page.locator('.bell-panel').waitFor();
    problems.push(...(await accessibilityProblems(page)).map((p) => `bell: ${p}`));
    expect(problems).toEqual([]);
  });

  it("a customer's pages: contracts and requests", async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, 'enterprise1');
    const problems = [...(await check(page, '/contracts', '.ant-table-tbody > tr:not(.ant-table-measure-row)')), ...(await check(page, '/my-requests', 'main'))];
    expect(problems).toEqual([]);
  });
});
