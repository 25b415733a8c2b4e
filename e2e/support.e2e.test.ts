import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, choose, launchBrowser, signIn, skipBrowser } from './browser.ts';

async function fire(page: Page, event: string, fill?: (p: Page) => Promise<void>) {
  await page.getByTestId(`event-${event}`).click();
  await fill?.(page);
  await page.getByTestId('dialog-ok').click();
}

const status = (page: Page) => page.getByTestId('ticket-status').first().getAttribute('data-status');

describe.skipIf(skipBrowser)('support journey (F3)', () => {
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

  it('call center intake → CTKV forwards → TT CNTT resolves → not satisfied → reopened → resolved → satisfied → closed', async () => {
    const cc = await as('callcenter1');
    await cc.goto(`${baseUrl}/tickets/new`);
    await cc.getByTestId('ticket-phone').fill('0243123456');
    await cc.getByTestId('ticket-phone').press('Enter');
    await expect.poll(() => cc.locator('body').textContent()).toContain('Sao Mai');
    await choose(cc, 'ticket-type', 'Khắc phục sự cố');
    await cc.getByTestId('ticket-level-3').click();
    await cc.getByTestId('ticket-subject').fill('Phòng họp mất tiếng');
    await cc.getByTestId('ticket-description').fill('Khách hàng không nghe được âm thanh trong phòng họp từ 8 giờ sáng');
    await cc.getByTestId('ticket-submit').click();
    await cc.waitForURL(/\/tickets\/tkt_/);
    const url = cc.url();
    const id = url.split('/').pop()!;
    await expect.poll(() => status(cc)).toBe('new');

    const ctkv = await as('product.ctkv1');
    await ctkv.goto(url);
    await fire(ctkv, 'forward', (p) => p.getByTestId('dialog-reason').fill('Lỗi máy chủ media, cần TT CNTT'));
    await expect.poll(() => status(ctkv)).toBe('in_progress');

    const gpth = await as('gpth1');
    await gpth.goto(url);
    await fire(gpth, 'resolve', (p) => p.getByTestId('dialog-answer').fill('Đã khởi động lại máy chủ media'));
    await expect.poll(() => status(gpth)).toBe('resolved');

    const customer = await as('enterprise1');
    await customer.goto(`${baseUrl}/my-requests?open=${id}`);
    await customer.getByTestId('review-comment').fill('Vẫn mất tiếng khi chia sẻ màn hình');
    await customer.getByTestId('review-not-satisfied').click();
    await gpth.reload();
    await expect.poll(() => status(gpth), { timeout: 15_000 }).toBe('reopened');

    await fire(gpth, 'resolve', (p) => p.getByTestId('dialog-answer').fill('Đã sửa lỗi âm thanh khi chia sẻ màn hình'));
    await expect.poll(() => status(gpth)).toBe('resolved');
    await customer.goto(`${baseUrl}/my-requests?open=${id}`);
    await customer.getByTestId('review-satisfied').click();
    await gpth.reload();
    await expect.poll(() => status(gpth), { timeout: 15_000 }).toBe('closed');
  });
});
