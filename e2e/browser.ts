import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const baseUrl = inject('e2eBaseUrl');
export const skipBrowser = !baseUrl;
export const DEMO_PASSWORD = 'Qldv@2026';

/** Debian's Chromium, headless, with the flags this closed network needs (no background fetches). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject('chromiumPath')!,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
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
    await page.getByTestId('vnpay-bank-NCB').click();
    await page.getByTestId('vnpay-card-number').fill('9704198526191432198');
    await page.getByTestId('vnpay-card-date').fill('07/15');
    await page.getByTestId('vnpay-card-holder').fill('NGUYEN VAN A');
    await page.getByTestId('vnpay-card-submit').click();
    await page.getByTestId('vnpay-otp').fill('123456');
    await page.getByTestId('vnpay-pay').click();
}
