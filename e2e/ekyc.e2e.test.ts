import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faceTiles, prng, randomPerson, renderBack, renderFront, selfieOf } from '../test/ekyc/synthetic-card.ts';
import { buildMrz } from '../src/modules/ekyc/domain/mrz-build.ts';
import { certificate, dg1, sod } from '../test/ekyc/synthetic-chip.ts';
import { apiAs } from './api.ts';
import { baseUrl, launchBrowser, signIn, skipBrowser } from './browser.ts';

describe.skipIf(skipBrowser)('eKYC console (issue #14 item 5)', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    dir = mkdtempSync(path.join(tmpdir(), 'ekyc-e2e-'));
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an eKYC contract is provisioned automatically; its calls show on the dashboard and in the log; the test page verifies a card', async () => {
    const am = await apiAs('am1');
    const customer = await apiAs('enterprise1');
    const me = await customer.get('/api/v1/me');
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const c = await am.post('/api/v1/contracts', { customerId: me.user.customer.id, product: 'EKYC', billing: 'postpaid', quantity: 1, signedDate: today });
    await am.post(`/api/v1/contracts/${c.id}/submit`);
    await (await apiAs('approver.ctkv1')).post(`/api/v1/contracts/${c.id}/approve`);
    await (await apiAs('approver.ttcntt')).post(`/api/v1/contracts/${c.id}/approve`);
    await expect.poll(async () => (await customer.get(`/api/v1/contracts/${c.id}`)).status, { timeout: 30_000 }).toBe('active');
    const { key } = await customer.post(`/api/v1/contracts/${c.id}/api-keys`, { name: 'e2e' });
    const person = randomPerson(prng(11));
    const lines = buildMrz(person);
    for (const [id, l] of [['e2e-1', lines], ['e2e-2', [lines[0], lines[1].replace(/.$/, (d) => String((Number(d) + 1) % 10)), lines[2]]]] as const) {
      const r = await fetch(`${baseUrl}/api/v1/ekyc/checks/mrz`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key, 'idempotency-key': id }, body: JSON.stringify({ lines: l }) });
      expect(r.status).toBe(200);
    }

    const page = await (await browser.newContext()).newPage();
    await signIn(page, 'enterprise1');
    await page.goto(`${baseUrl}/ekyc`);
    await page.getByTestId('ekyc-contract').click();
    await page.locator('.ant-select-item-option').filter({ hasText: c.number }).click();
    const dashboard = page.getByTestId('ekyc-dashboard');
    await expect.poll(async () => dashboard.textContent(), { timeout: 15_000 }).toContain('compositeCheckDigit');

    await page.getByRole('tab', { name: /Nhật ký/ }).click();
    await expect.poll(() => page.getByTestId('ekyc-log').textContent(), { timeout: 15_000 }).toContain('e2e-2');
    expect(await page.getByTestId('ekyc-export').getAttribute('href')).toBe(`/api/v1/ekyc/requests/export?contractId=${c.id}`);

    const faces = await faceTiles();
    const files = { front: await renderFront(person, faces[20]), back: await renderBack(person), selfie: await selfieOf(faces[20], prng(5)) };
    await page.getByRole('tab', { name: /Thử xác thực/ }).click();
    await page.getByTestId('ekyc-upload-front').waitFor();
    // One file input per upload button, in the order front, back, selfie.
    for (const [i, [part, content]] of Object.entries(files).entries()) {
      const file = path.join(dir, `${part}.${part === 'selfie' ? 'jpg' : 'png'}`);
      writeFileSync(file, content);
      await page.locator('input[type=file]').nth(i).setInputFiles(file);
    }
    // The chip files a phone app would send (a test Document Signer; this server has no CSCA configured).
    const csca = certificate({ cn: 'E2E CSCA', notBefore: '2020-01-01', notAfter: '2035-01-01', ca: true });
    const ds = certificate({ cn: 'E2E DS', issuer: csca, notBefore: '2025-01-01', notAfter: '2030-01-01', ca: false });
    const groups = new Map([[1, dg1(lines)]]);
    writeFileSync(path.join(dir, 'EF_SOD.bin'), sod({ dataGroups: groups, ds }));
    writeFileSync(path.join(dir, 'DG1.bin'), groups.get(1)!);
    await page.locator('input[type=file]').nth(3).setInputFiles([path.join(dir, 'EF_SOD.bin'), path.join(dir, 'DG1.bin')]);
    await page.getByTestId('ekyc-run').click();
    const result = page.getByTestId('ekyc-result');
    await result.waitFor({ timeout: 80_000 });
    expect(await result.textContent()).toContain(person.idNumber);
    const chip = await page.getByTestId('ekyc-chip').textContent();
    expect(chip).toContain('dữ liệu nguyên vẹn');
    expect(chip).toContain('chưa xác minh được CSCA');
  });
});
