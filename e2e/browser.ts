import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterEach, expect, inject } from 'vitest';

export const baseUrl = inject('e2eBaseUrl');
export const skipBrowser = !baseUrl;
export const DEMO_PASSWORD = 'Qldv@2026';

/** Uncaught errors of any page the journeys open; each journey fails if one happened during it. */
const pageErrors: string[] = [];
afterEach(() => {
  expect(pageErrors.splice(0), 'uncaught errors in the page').toEqual([]);
});
const watch = (page: Page) => page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.message}`));

/** Debian's Chromium, headless, with the flags this closed network needs (no background fetches); every page watched. */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: inject('chromiumPath')!,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.on('page', watch);
    return context;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    watch(page);
    return page;
  };
  return browser;
}

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-name').waitFor();
}

/** Picks an option of an Ant Design select by its visible text (typing `search` first, if given). */
export async function choose(page: Page, testId: string, text: string, search?: string) {
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(search);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

/** On the VNPay simulator's pages: domestic card (ATM) → NCB → VNPay's test card → OTP → pay. */
export async function payWithTestCard(page: Page) {
    await page.getByTestId('vnpay-method-atm').click();
    await payWithNcbCard(page);
}

/** From the simulator's bank list (a VNBANK order lands there directly): NCB → VNPay's test card → OTP → pay. */
export async function payWithNcbCard(page: Page) {
    await page.getByTestId('vnpay-bank-NCB').click();
    await page.getByTestId('vnpay-card-number').fill('9704198526191432198');
    await page.getByTestId('vnpay-card-date').fill('07/15');
    await page.getByTestId('vnpay-card-holder').fill('NGUYEN VAN A');
    await page.getByTestId('vnpay-card-submit').click();
    await page.getByTestId('vnpay-otp').fill('123456');
    await page.getByTestId('vnpay-pay').click();
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Accessibility problems (WCAG 2 A and AA) that axe-core finds on the page as it is now, serious or worse. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's CSP (rightly) refuses injected script tags.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return r.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}${v.nodes.length > 3 ? ` … +${v.nodes.length - 3}` : ''}`);
}
