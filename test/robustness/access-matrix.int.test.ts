import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_MATRIX, rolesOf, type Access } from '../../src/http/access-matrix.ts';
import { ROLES } from '../../src/modules/identity/index.ts';
import { noDatabase } from '../system.ts';
import { draw, valid, type Schema } from './schema-values.ts';
import { CALLERS, changed, createWorld, OWN_SESSION, relation, type Caller, type Owned, type World } from './world.ts';

/**
 * Issue #10 item 6: the role × route matrix (src/http/access-matrix.ts) against the running server.
 * Every registered route has a row (a new route without one fails here), and every cell is called:
 * each caller (anonymous, customer, enterprise user, AM of another CTKV, each staff role, C1…C6_ePayment)
 * on the route with objects of their own and of another unit / customer / billing center.
 * A caller the row does not admit gets 401 (no session) or 403/404; an admitted caller gets 403/404 on
 * someone else's object; refused cells change nothing. An admitted caller on their own object is never
 * refused for who they are (401/403). Never a 5xx.
 */
const FAKE = 'zzz_01JZZZZZZZZZZZZZZZZZZZZZZZ';
/** Values of path parameters that name no fixture object. */
const OTHER_PARAMS: Record<string, string> = { msisdn: '0901234567', date: '2026-03-02', requestType: 'question', token: 'tok_unknown', txnRef: 'QLDVUNKNOWN' };

/** Bodies that pass the business checks a random schema-valid body fails (file content, a future date, a non-empty patch). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');
const REASON = { reason: 'Lý do kiểm thử quyền' };
const SAMPLE_BODIES: Record<string, unknown> = {
  'POST /api/v1/contracts/:id/documents': { name: 'phu-luc.pdf', contentBase64: PDF },
  'POST /api/v1/tickets/:id/attachments': { name: 'anh-chup.pdf', contentBase64: PDF },
  'POST /api/v1/contracts/:id/terminate': { date: '2026-12-31', ...REASON },
  'POST /api/v1/contracts/:id/cancel': REASON,
  'PATCH /api/v1/meeting/accounts/:id': { fullName: 'Người Kiểm Thử' },
  'PATCH /api/v1/meeting/rooms/:id': { name: 'Phòng kiểm thử' },
  'POST /api/v1/contracts/:id/reject': REASON,
  'POST /api/v1/contracts/:id/suspend': REASON,
  'PATCH /api/v1/customers/:id': { address: '1 Tràng Tiền, Hoàn Kiếm, Hà Nội' },
};

interface Cell {
  key: string;
  caller: Caller;
  object: Owned | null;
  expect: 'refused' | 'admitted';
  why: string;
}

const scopeRefuses = (row: Access, rel: ReturnType<typeof relation>): boolean =>
  (rel === 'other_unit' && !!row.scope?.includes('unit')) ||
  (rel === 'other_customer' && !!row.scope?.includes('customer')) ||
  (rel === 'other_center' && !!row.scope?.includes('center'));

/** Refused for who the caller is (not for a coded business rule such as EKYC_NOT_ENABLED, nor a `when` rule of the row). */
const isRefusal = (r: { status: number; body: any }, row: Access): boolean =>
  r.status === 401 || (r.status === 403 && r.body?.error?.code === 'FORBIDDEN' && !row.when);

describe.skipIf(noDatabase)('the role × route matrix', () => {
  let w: World;
  const bodies = new Map<string, Schema | undefined>();
  const queries = new Map<string, { name: string; required?: boolean; schema?: Schema }[]>();

  beforeAll(async () => {
    w = await createWorld();
    const spec = (await w.s.http('GET', '/openapi.json')).body;
    for (const [path, byMethod] of Object.entries<Record<string, any>>(spec.paths)) {
      for (const [method, op] of Object.entries<any>(byMethod)) {
        const key = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
        bodies.set(key, op.requestBody?.content?.['application/json']?.schema);
        queries.set(key, (op.parameters ?? []).filter((p: { in: string }) => p.in === 'query'));
      }
    }
  }, 120_000);
  afterAll(() => w?.s.close());

  it('every registered route has a row, and every row a route', () => {
    // The built web app's files (index.html, hashed assets) are public routes of their own when dist/web exists.
    const webFile = (r: string) => r.startsWith('GET /') && !/^GET \/(api|sim|docs|healthz|openapi)\b/.test(r);
    const registered = new Set(w.s.server!.routeTable.filter((r) => !webFile(r)));
    expect([...registered].filter((r) => !ACCESS_MATRIX[r]), 'routes without a row in src/http/access-matrix.ts').toEqual([]);
    expect(Object.keys(ACCESS_MATRIX).filter((r) => !registered.has(r)), 'rows naming no route').toEqual([]);
  });

  /** Every cell of the matrix, refused ones first (the admitted ones may change the objects). */
  function cells(): Cell[] {
    const out: Cell[] = [];
    for (const [key, row] of Object.entries(ACCESS_MATRIX)) {
      if (!key.includes('/api/')) continue;
      const admitted = rolesOf(row.who, ROLES);
      const objects: (Owned | null)[] = row.on ? (w.objects[row.on] ?? [{ id: FAKE }]) : [null];
      for (const caller of Object.keys(CALLERS) as Caller[]) {
        const role = CALLERS[caller];
        const mayCall = row.who === 'anyone' || (role !== null && admitted.includes(role));
        // A caller the row does not admit is tried on one object (their own when they have one): the role alone refuses.
        const tried = mayCall ? objects : [objects.find((o) => !o || relation(caller, o, row.on) === 'own') ?? objects[0]];
        for (const object of tried) {
          const rel = object ? relation(caller, object, row.on) : 'own';
          if (!mayCall) out.push({ key, caller, object, expect: 'refused', why: role ? `the role ${role} is not admitted` : 'no session' });
          else if (object && scopeRefuses(row, rel)) out.push({ key, caller, object, expect: 'refused', why: `${rel.replace('_', ' ')}` });
          else out.push({ key, caller, object, expect: 'admitted', why: object?.id === FAKE ? 'unknown id' : 'own' });
        }
      }
    }
    return out.sort((a, b) => (a.expect === b.expect ? 0 : a.expect === 'refused' ? -1 : 1));
  }

  async function call(c: Cell, n: number) {
    const [method, path] = c.key.split(' ');
    const url = path.replace(/:(\w+)/g, (_m, name: string) => (name === 'id' && c.object ? c.object.id : (OTHER_PARAMS[name] ?? FAKE)));
    const q = new URLSearchParams();
    for (const p of queries.get(c.key) ?? []) if (p.required && p.schema) q.set(p.name, String(draw(valid(p.schema), n, 1)[0]));
    const schema = bodies.get(c.key);
    const body = method === 'GET' || method === 'DELETE' ? undefined : (SAMPLE_BODIES[c.key] ?? (schema ? draw(valid(schema), n, 1)[0] : {}));
    let token = c.caller === 'anonymous' ? undefined : w.token[c.caller];
    // Only admitted cells sign in afresh (these rows admit every session): a refused cell's snapshot stays clean.
    if (token && OWN_SESSION.has(c.key)) token = await w.freshToken(c.caller);
    return w.s.http(method, `${url}${q.size ? `?${q}` : ''}`, { token, body });
  }

  it('every cell: refused where the matrix says so (changing nothing), admitted elsewhere, never a 5xx', async () => {
    const all = cells();
    const failures: string[] = [];
    const started = Date.now();
    let baseline = await w.snapshot();
    let lastKey = '';
    let refusedOfKey: string[] = [];
    const checkUnchanged = async () => {
      const after = await w.snapshot();
      const diff = changed(baseline, after);
      if (diff.length > 0) failures.push(`${lastKey}: refused cells changed ${diff.join(', ')} (${refusedOfKey.join('; ')})`);
      baseline = after;
    };
    for (const [n, c] of all.entries()) {
      if (c.expect === 'refused' && c.key !== lastKey) {
        if (lastKey) await checkUnchanged();
        lastKey = c.key;
        refusedOfKey = [];
      }
      const r = await call(c, n);
      const row = ACCESS_MATRIX[c.key];
      const cell = `${c.key} as ${c.caller}${c.object ? ` on ${c.object.id}` : ''} (${c.why}) → ${r.status} ${JSON.stringify(r.body)?.slice(0, 200)}`;
      if (r.status >= 500) failures.push(`5xx: ${cell}`);
      else if (c.expect === 'refused') {
        refusedOfKey.push(`${c.caller} ${r.status}`);
        const ok = c.caller === 'anonymous' ? [401, 404] : [403, 404];
        if (!ok.includes(r.status)) failures.push(`not refused: ${cell}`);
      } else if (c.why === 'own' && row.who !== 'anyone' && isRefusal(r, row)) failures.push(`refused on own data: ${cell}`);
      if (c.expect === 'refused' && all[n + 1]?.expect !== 'refused') await checkUnchanged();
    }
    console.info(`access matrix: ${all.length} cells (${all.filter((c) => c.expect === 'refused').length} refused) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (process.env.QLDV_MATRIX_REPORT) writeFileSync(process.env.QLDV_MATRIX_REPORT, failures.join('\n'));
    expect(failures, failures.join('\n')).toEqual([]);
  }, 600_000);
});
