import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser, signIn, skipBrowser } from './browser.ts';

/**
 * Issue #13 (control plane, web): a new customer starts a free Meeting trial, sees the trial rule and
 * how to install Janus, creates a room and a meeting; a guest opens the link, gives a name and is sent
 * to the live room page with the join token in the fragment.
 */
describe.skipIf(skipBrowser)('MobiFone Meeting pages', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('trial, room, meeting, guest link', async () => {
    const username = `meet${Date.now().toString(36)}`;
    const password = 'Hop@2026-trial';
    const reg = await fetch(`${baseUrl}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password, fullName: 'Phạm Thu Trang', email: `${username}@example.vn`, phone: '0912345678' }),
    });
    expect(reg.status).toBe(201);
    const page = await browser.newPage();
    await signIn(page, username, password);
    await page.goto(`${baseUrl}/meeting`);
    await page.getByTestId('meeting-trial').click();
    await expect.poll(() => page.getByTestId('meeting-trial-notice').textContent()).toContain('40 phút');
    expect(await page.getByTestId('meeting-media-down').textContent()).toContain('apt-get install janus');
    expect(await page.getByTestId('meeting-quota').textContent()).toContain('0/ 2');

    await page.getByRole('tab', { name: 'Phòng họp' }).click();
    await page.getByTestId('meeting-new-room').click();
    await page.getByTestId('meeting-room-name').fill('Phòng thử nghiệm');
    await page.getByTestId('dialog-ok').click();
    await expect.poll(() => page.locator('body').textContent()).toContain('Phòng thử nghiệm');

    // Meet now: the meeting is made and the member joins at once (the live page reads the token from the fragment).
    await page.getByRole('tab', { name: 'Cuộc họp' }).click();
    await page.getByTestId('meeting-new').click();
    await page.getByTestId('meeting-room-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Phòng thử nghiệm' }).click();
    await page.getByTestId('dialog-ok').click();
    await page.waitForURL(/\/meeting\/live#[a-z]+_[0-9a-z]+\.\d+\./);
    const list = await page.evaluate(async () => (await fetch('/api/v1/meeting/meetings', { credentials: 'include' })).json());
    const link: string = list.items[0].link;

    const guest = await (await browser.newContext()).newPage();
    await guest.goto(`${baseUrl}${new URL(link).pathname}`);
    await guest.getByTestId('guest-name').fill('Khách Hùng');
    await guest.getByTestId('guest-join').click();
    await guest.waitForURL(/\/meeting\/live#[a-z]+_[0-9a-z]+\.\d+\./);
  });
});
