import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faceTiles, prng, renderBack, renderFront, selfieOf, type Person } from '../../../test/ekyc/synthetic-card.ts';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';

/** One synthetic card (no real person's data); its face is cut from human's sample sheet at run time. */
const PERSON: Person = {
  idNumber: '001096012345',
  fullName: 'Nguyễn Văn Đức',
  birthDate: '1996-05-14',
  sex: 'M',
  homeTown: 'Xã Đông Hội, Hà Nội',
  address: 'Số 12 Phố Huế, Phường Bến Nghé, Hà Nội',
  issueDate: '2021-08-15',
  expiryDate: '2036-05-14',
};

/** A multipart/form-data body with the given files (and nothing else). */
function multipart(files: Record<string, { name: string; type: string; content: Buffer }>) {
  const boundary = '----qldv-ekyc-test';
  const chunks: Buffer[] = [];
  for (const [field, f] of Object.entries(files)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Issue #14 items 2 and 4, end to end with the real local providers (tesseract.js, jsQR, human on
 * WASM): kept to two verifications of one card, since npm test runs on 2 cores.
 */
describe.skipIf(noDatabase)('eKYC verification of a card (multipart), images encrypted, audited and erased', () => {
  let s: TestSystem;
  const t: Record<string, string> = {};
  let contractId: string;
  let key: string;
  let images: Record<string, { name: string; type: string; content: Buffer }>;
  let first: { id: string; requestId: string };

  const verify = (files: typeof images, headers: Record<string, string>, url = '/api/v1/ekyc/verifications') => {
    const body = multipart(files);
    return s.server!.inject({ method: 'POST', url, payload: body.payload, headers: { 'content-type': body.contentType, ...headers } });
  };

  beforeAll(async () => {
    s = await createTestSystem();
    for (const u of ['am1', 'approver.ctkv1', 'approver.ttcntt', 'enterprise1', 'customer1']) t[u] = await s.login(u);
    const me = await s.http('GET', '/api/v1/me', { token: t.enterprise1 });
    const d = await s.http('POST', '/api/v1/contracts', { token: t.am1, body: { customerId: me.body.user.customer.id, product: 'EKYC', billing: 'postpaid', quantity: 1, signedDate: '2026-03-02' } });
    contractId = d.body.id;
    await s.http('POST', `/api/v1/contracts/${contractId}/submit`, { token: t.am1, body: {} });
    await s.http('POST', `/api/v1/contracts/${contractId}/approve`, { token: t['approver.ctkv1'], body: {} });
    await s.http('POST', `/api/v1/contracts/${contractId}/approve`, { token: t['approver.ttcntt'], body: {} });
    await s.jobs.drain();
    key = (await s.http('POST', `/api/v1/contracts/${contractId}/api-keys`, { token: t.enterprise1, body: { name: 'eKYC' } })).body.key;
    const faces = await faceTiles();
    images = {
      front: { name: 'front.png', type: 'image/png', content: await renderFront(PERSON, faces[12]) },
      back: { name: 'back.png', type: 'image/png', content: await renderBack(PERSON) },
      selfie: { name: 'selfie.jpg', type: 'image/jpeg', content: await selfieOf(faces[12], prng(7)) },
    };
  }, 120_000);
  afterAll(() => s?.close());

  it('reads the card, checks every source against the others, and scores the face', async () => {
    const r = await verify(images, { 'x-api-key': key, 'idempotency-key': 'v-1' });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    first = body;
    expect(body.fields).toEqual({
      idNumber: '001096012345',
      fullName: 'Nguyễn Văn Đức', // from the QR code
      birthDate: '1996-05-14',
      sex: 'M',
      nationality: 'Việt Nam',
      homeTown: PERSON.homeTown,
      address: PERSON.address,
      issueDate: '2021-08-15',
      expiryDate: '2036-05-14',
    });
    expect(body.mrzLines).toEqual(['IDVNM0960123456001096012345<<7', '9605143M3605141VNM<<<<<<<<<<<4', 'NGUYEN<<VAN<DUC<<<<<<<<<<<<<<<']);
    const failed = body.checks.filter((c: { ok: boolean }) => !c.ok);
    expect(failed).toEqual([]);
    for (const group of ['mrz', 'qr', 'idNumber', 'dates', 'cross']) expect(body.checks.some((c: { group: string }) => c.group === group), group).toBe(true);
    expect(body.checks).toContainEqual({ name: 'fullName.front=mrz', ok: true, group: 'cross' });
    expect(body.scores.faceMatch).toBeGreaterThanOrEqual(body.scores.faceMatchThreshold);
    expect(body.scores.faceSizePx).toBeGreaterThan(body.scores.minFaceSizePx);
    // Only the face's liveness may send it to review: everything the card says passed.
    expect(body.reasons.filter((x: { code: string }) => x.code !== 'LIVENESS_LOW')).toEqual([]);
    expect(['approved', 'review']).toContain(body.decision);
  }, 120_000);

  it('a resend returns the same verification and counts once; a missing or fake image is refused', async () => {
    const again = await verify(images, { 'x-api-key': key, 'idempotency-key': 'v-1' });
    expect(again.json().id).toBe(first.id);
    const [{ n }] = await s.database.rows<{ n: number }>(sql`select count(*)::int as n from usage.events where contract_id = ${contractId}`);
    expect(n).toBe(1);
    const { selfie: _s, ...noSelfie } = images;
    const missing = await verify(noSelfie, { 'x-api-key': key });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'EKYC_IMAGE_INVALID', details: { part: 'selfie' } });
    const fake = await verify({ ...images, back: { name: 'back.png', type: 'image/png', content: Buffer.from('%PDF-1.4 not an image') } }, { 'x-api-key': key });
    expect(fake.json().error).toMatchObject({ code: 'EKYC_IMAGE_INVALID', details: { part: 'back' } });
    const truncated = await verify({ ...images, selfie: { ...images.selfie, content: images.selfie.content.subarray(0, 2000) } }, { 'x-api-key': key });
    expect(truncated.json().error).toMatchObject({ code: 'EKYC_IMAGE_INVALID', details: { part: 'selfie' } });
    expect((await verify(images, {})).statusCode).toBe(401);
  });

  it('stores the images encrypted; only the customer reads them back, and each read is audited', async () => {
    const rows = await s.database.rows<{ id: string; part: string; ciphertext: Buffer }>(sql`select id, part, ciphertext from ekyc.images where request_row_id = ${first.id} order by part`);
    expect(rows.map((x) => x.part)).toEqual(['back', 'front', 'selfie']);
    for (const row of rows) expect(Buffer.from(row.ciphertext).subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBe(false);
    const front = rows.find((x) => x.part === 'front')!;
    const url = `/api/v1/ekyc/requests/${first.id}/images/${front.id}`;
    const read = await s.server!.inject({ method: 'GET', url, headers: { authorization: `Bearer ${t.enterprise1}` } });
    expect(read.statusCode).toBe(200);
    expect(read.rawPayload.equals(images.front.content)).toBe(true);
    expect((await s.http('GET', url, { token: t.am1 })).status).toBe(404);
    expect((await s.audit.list({ action: 'ekyc.image.read', page: 1, pageSize: 5 })).total).toBe(1);
    const log = await s.http('GET', `/api/v1/ekyc/requests?contractId=${contractId}`, { token: t.enterprise1 });
    expect(log.body.items[0]).toMatchObject({ requestId: 'v-1', kind: 'verification', images: expect.arrayContaining([{ id: front.id, part: 'front', erased: false }]) });
  });

  it("the console's test page verifies on the customer's own contract only", async () => {
    expect((await verify(images, { authorization: `Bearer ${t.customer1}` }, `/api/v1/ekyc/contracts/${contractId}/verifications`)).statusCode).toBe(404);
    expect((await verify(images, { authorization: `Bearer ${t.am1}` }, `/api/v1/ekyc/contracts/${contractId}/verifications`)).statusCode).toBe(404);
    const mine = await verify(images, { authorization: `Bearer ${t.enterprise1}`, 'idempotency-key': 'console-1' }, `/api/v1/ekyc/contracts/${contractId}/verifications`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().fields.idNumber).toBe('001096012345');
  }, 60_000);

  it('after the retention the images are gone (410) and the erasure is audited', async () => {
    s.clock.set(new Date(s.clock.now().getTime() + 31 * 86_400_000));
    expect(await s.ekyc.eraseExpired()).toBe(2);
    expect((await s.audit.list({ action: 'ekyc.erased', page: 1, pageSize: 5 })).items[0].after).toMatchObject({ count: 2 });
    t.enterprise1 = await s.login('enterprise1'); // the session ended meanwhile
    const [img] = await s.database.rows<{ id: string; ciphertext: Buffer | null }>(sql`select id, ciphertext from ekyc.images where request_row_id = ${first.id} and part = 'front'`);
    expect(img.ciphertext).toBeNull();
    const gone = await s.http('GET', `/api/v1/ekyc/requests/${first.id}/images/${img.id}`, { token: t.enterprise1 });
    expect(gone).toMatchObject({ status: 410, body: { error: { code: 'EKYC_IMAGE_ERASED' } } });
  });
});
