/**
 * MobiFone Meeting end to end through the real control plane (no fake directory), in headless Chromium
 * with fake camera and microphone inside a network namespace this test creates, Janus launched as
 * `npm start` does: a visitor registers on the web, starts a free trial organisation (POST
 * /api/v1/meeting/trial), makes a room and meets now (join → joinToken → /meeting/live#token); a guest
 * opens the meeting's link /meeting/j/:code and joins with a name; both decode each other's video and
 * receive audio (getStats); the host ends the meeting for everyone from the room, Janus's room is
 * gone, and the history and the meeting's report show both participants with their minutes (on the
 * server's test clock: the host 3 minutes, the guest 2). Missing janus or netns rights: skipped locally
 * with a warning, a failure under CI=true.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumInNetns, subscribers } from '../test/meeting/browser-in-netns.ts';
import { createNetns, janusMissing, netnsUnavailable, type Netns } from '../test/meeting/netns.ts';
import { LiveServerProcess } from '../test/meeting/live-server-client.ts';

const chromiumPath = inject('chromiumPath');
const missing = !chromiumPath ? 'Chromium not found' : (janusMissing() ?? netnsUnavailable());
if (missing) {
  if (process.env.CI) throw new Error(`meeting journey test cannot run: ${missing}`);
  console.warn(`\n⚠  ${missing}: the meeting journey test is SKIPPED on this machine.\n`);
}

const HOST_NAME = 'Phạm Thu Trang';
const GUEST_NAME = 'Khách Hùng';

describe.skipIf(!!missing)('Meeting journey: trial sign-up → meet now → guest by link → media → end → report', () => {
  let ns: Netns;
  let server: LiveServerProcess;
  let browser: Browser;
  let work: string;
  const pageErrors: string[] = [];
  const started = Date.now();
  const step = (what: string) => console.log(`[meeting journey +${((Date.now() - started) / 1000).toFixed(1)}s] ${what}`);

  const newPage = async () => {
    const page = await (await browser.newContext({ locale: 'vi-VN' })).newPage();
    page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.message}`));
    return page;
  };
  /** On the room page: a light camera (320×180 fits this 2-core machine), join, wait until in. */
  const enterRoom = async (page: Page) => {
    await page.waitForURL(/\/meeting\/live#[a-z]+_[0-9a-z]+\.\d+\./);
    await page.getByTestId('meeting-join').waitFor();
    await page.evaluate(() => ((window as any).__qldvMeeting.settings.resolution = 180));
    await page.getByTestId('meeting-join').click();
    await page.getByTestId('meeting-leave').waitFor();
  };
  const roomState = (page: Page) =>
    page.evaluate(async () => {
      const room = (window as any).__qldvMeeting;
      const { phase, me, media, mediaError, roster, feeds } = room.snap;
      return { url: location.href, phase, me, media: { ...media, ticket: media?.ticket ? '…' : undefined }, mediaError, roster: roster.map((r: any) => [r.displayName, r.feedId]), feeds: feeds.length, links: room.peerConnections().map((l: any) => [l.kind, l.feedId, l.pc.connectionState, l.pc.iceConnectionState]) };
    });
  const api = (page: Page, url: string) => page.evaluate(async (u) => (await fetch(u, { credentials: 'include' })).json(), url);

  beforeAll(async () => {
    ns = createNetns(`qldv-mj-${process.pid}-${randomBytes(3).toString('hex')}`);
    work = mkdtempSync(path.join(tmpdir(), 'qldv-meet-journey-'));
    [server, browser] = await Promise.all([
      LiveServerProcess.start(ns.exec, { MEETING_TEST_DIR: path.join(work, 'janus'), MEETING_CONTROL_PLANE: 'real' }),
      chromiumInNetns(ns, chromiumPath!, work),
    ]);
    step('server and browser up');
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    ns?.remove();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('a visitor starts a trial, meets a guest by link on Janus, ends the meeting and reads the report', async () => {
    // ---- sign-up and the trial, through the web pages ----
    const host = await newPage();
    await host.goto(`${server.baseUrl}/register?next=/meeting`);
    await host.locator('#username').fill('trang.meet');
    await host.locator('#fullName').fill(HOST_NAME);
    await host.locator('#email').fill('trang.meet@example.vn');
    await host.locator('#phone').fill('0912345678');
    await host.getByTestId('password-input').fill('Hop@2026-trial');
    await host.getByTestId('password-confirm-input').fill('Hop@2026-trial');
    await host.locator('button[type=submit]').click();
    await host.waitForURL(/\/meeting$/);
    await host.getByTestId('meeting-trial').click();
    await expect.poll(() => host.getByTestId('meeting-quota').textContent(), { timeout: 10_000 }).toContain('0/ 2');
    // Janus runs: no install hint.
    expect(await host.getByTestId('meeting-media-down').count()).toBe(0);
    step('registered, trial started');

    await host.getByRole('tab', { name: 'Phòng họp' }).click();
    await host.getByTestId('meeting-new-room').click();
    await host.getByTestId('meeting-room-name').fill('Phòng giao ban');
    await host.getByTestId('dialog-ok').click();
    await expect.poll(() => host.locator('body').textContent()).toContain('Phòng giao ban');
    await host.getByRole('tab', { name: 'Cuộc họp' }).click();
    await host.getByTestId('meeting-new').click();
    await host.getByTestId('meeting-room-select').click();
    await host.locator('.ant-select-item-option').filter({ hasText: 'Phòng giao ban' }).click();
    await host.getByTestId('dialog-ok').click();
    // Meet now: made, joined (the page goes to /meeting/live#<join token>), then in.
    await enterRoom(host);
    // The hub told the control plane: the meeting is live.
    await expect.poll(async () => (await api(host, '/api/v1/meeting/meetings')).items.map((m: any) => m.status)).toEqual(['live']);
    const [meeting] = (await api(host, '/api/v1/meeting/meetings')).items;
    expect(meeting.link).toBe(`${server.baseUrl}/meeting/j/${meeting.linkCode}`);
    step('host in the room');

    // ---- the guest, a minute later on the server's clock, by the link ----
    await server.command('advance', { minutes: 1 });
    const guest = await newPage();
    await guest.goto(meeting.link);
    await guest.getByTestId('guest-name').fill(GUEST_NAME);
    await guest.getByTestId('guest-join').click();
    await enterRoom(guest);
    step('guest in the room');

    // ---- media: each decodes the other's video and receives audio ----
    try {
      for (const p of [host, guest])
        await expect.poll(async () => (await subscribers(p)).filter((l) => l.state === 'connected').length, { timeout: 30_000, interval: 500 }).toBe(1);
    } catch (err) {
      // What each page knows, and the server's last words: the media path has many parts.
      for (const p of [host, guest]) console.error('page state:', JSON.stringify(await roomState(p)));
      console.error('server output:', server.output.join('').slice(-4000));
      throw err;
    }
    const before = await Promise.all([host, guest].map(subscribers));
    await new Promise((r) => setTimeout(r, 3000));
    const after = await Promise.all([host, guest].map(subscribers));
    for (const i of [0, 1]) {
      expect(after[i][0].video, `page ${i}: decoded video frames`).toBeGreaterThan(before[i][0].video);
      expect(after[i][0].audio, `page ${i}: audio bytes`).toBeGreaterThan(before[i][0].audio);
    }
    await host.locator(`[data-testid=meeting-tile][data-name="${GUEST_NAME}"]`).waitFor();
    await guest.locator(`[data-testid=meeting-tile][data-name="${HOST_NAME}"]`).waitFor();
    expect(await server.command('room', { meetingId: meeting.id })).toMatchObject({ exists: true, participants: [expect.anything(), expect.anything()] });
    step('video and audio both ways');

    // ---- two minutes on, the host ends the meeting for everyone ----
    await server.command('advance', { minutes: 2 });
    await host.getByTestId('meeting-host-menu').click();
    await host.locator('.ant-dropdown:visible').getByText('Kết thúc cuộc họp cho mọi người').click({ noWaitAfter: true });
    await host.locator('.ant-modal-confirm .ant-btn-primary').click();
    for (const p of [host, guest]) await p.locator('[data-testid=meeting-ended][data-reason=host]').waitFor({ timeout: 10_000 });
    await guest.getByText('Chủ trì đã kết thúc cuộc họp.').waitFor();
    await expect.poll(async () => (await server.command('room', { meetingId: meeting.id })).exists, { timeout: 10_000 }).toBe(false);
    step('ended');

    // ---- history and report: both participants, with their minutes ----
    await host.goto(`${server.baseUrl}/meeting`);
    await host.getByRole('tab', { name: 'Cuộc họp' }).click();
    const row = host.locator('.ant-table-row').filter({ hasText: 'Phòng giao ban' });
    await expect.poll(() => row.textContent()).toContain('Đã kết thúc');
    await row.getByRole('button', { name: 'Chi tiết & báo cáo' }).click();
    const people = host.locator('.ant-modal .ant-table-row');
    await expect.poll(() => people.count()).toBe(2);
    const cells = async (name: string) =>
      (await people.filter({ hasText: name }).locator('td').allTextContents()).map((c) => c.trim());
    const hostCells = await cells(HOST_NAME);
    const guestCells = await cells(GUEST_NAME);
    expect([hostCells[1], hostCells.at(-1)]).toEqual(['Chủ trì', '3']);
    expect([guestCells[1], guestCells.at(-1)]).toEqual(['Khách', '2']);
    const report = await api(host, `/api/v1/meeting/meetings/${meeting.id}`);
    expect(report).toMatchObject({ status: 'ended', endReason: 'host', minutes: 3, peakParticipants: 2 });
    expect(report.participants.map((p: any) => [p.displayName, p.role, p.minutes, p.leaveReason])).toEqual([
      [HOST_NAME, 'host', 3, 'ended'],
      [GUEST_NAME, 'guest', 2, 'ended'],
    ]);
    step('history and report');
    expect(pageErrors, 'uncaught errors in the pages').toEqual([]);
  }, 120_000);
});
