/**
 * The floor under issue 10's IPN goals (≥ 1,500/s with p99 < 50 ms at 32 clients on PostgreSQL, ≥ 300/s
 * on PGlite, IPN / healthz ≥ 0.3): what the least an applying IPN must do costs on this machine, whatever
 * the server's code. The real server takes the orders and applies one IPN; the rows that IPN wrote (its
 * audit entries, e-mails, jobs and task) are the templates. A bare server in its own process (Fastify,
 * no hooks, no logging) then answers each IPN by checking its signature and parsing it as QLDV does, and
 * sending ONE statement in autocommit that writes what the real IPN writes (the same rows into the same
 * tables and indexes as the real batched statement), the attempt's payment and contract being known in
 * advance (read once at its start): no lock, no read, no BEGIN or COMMIT. An IPN cannot be made to cost
 * less without writing less. `bench/ipn.ts` measures the real one.
 * BENCH_IPNS (default 2,000); BENCH_TARGETS (`postgres,pglite`): PostgreSQL always runs (its IPN gives the templates).
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import Fastify from 'fastify';
import { PGlite } from '@electric-sql/pglite';
import { pgliteExtensions } from '../src/db/client.ts';
import { benchDatabase, sqlOnce, verdict } from './harness.ts';
import { ceiling, closedLoop, costed, line, requestJson, serve, type LoadResult } from './load.ts';
import { paidIpnQuery } from '../test/vnpay-ipn.ts';
import { SIMULATOR_VNPAY } from '../src/config.ts';
import { parseCallback, verifySignature, type QueryInput } from '../src/protocols/vnpay/protocol.ts';

const IPNS = Number(process.env.BENCH_IPNS ?? 2_000);
const CLIENTS = 32;
const WARM_UP = 200;
const TARGETS = (process.env.BENCH_TARGETS ?? 'postgres,pglite').split(',');

/** The real IPN's batched statement (bench:ipn-statements prints it), with the IPN's own values in $1…$8. */
const WRITE = `with w0 as (update payments.attempts set status = 'succeeded', response_code = $2, transaction_status = $3, transaction_no = $4, bank_code = $5, pay_date = $6, settled_by = 'ipn', settled_at = $7 where txn_ref = $1),
w1 as (update contracts.contracts set status = 'active', paid_at = $6, payment_ref = $1, start_date = $9, end_date = $10, activated_at = $7, updated_at = $7, version = version + 2 where id = $11 and version = $12),
w2 as (update payments.payments set status = 'paid', paid_txn_ref = $1, paid_at = $6, apply_error = null, amount_vnd = $8, updated_at = $7, version = version + 1 where id = $13 and version = $14),
w3 as (insert into audit.entries (at, actor_id, actor_name, action, entity_type, entity_id, before, after, request_id, ip)
  select $7, a.actor_id, a.actor_name, a.action, a.entity_type, case a.entity_type when 'payment' then $13 else $11 end, a.before, a.after, null, null
  from jsonb_to_recordset($15::jsonb) as a(actor_id text, actor_name text, action text, entity_type text, before jsonb, after jsonb)),
w4 as (insert into notifications.messages (id, channel, direction, to_addr, from_addr, subject, body, html, template, locale, status, related_type, related_id, created_at)
  select m.id || $1, m.channel, m.direction, m.to_addr, m.from_addr, m.subject, m.body, m.html, m.template, m.locale, m.status, m.related_type, $11, $7
  from jsonb_to_recordset($16::jsonb) as m(id text, channel text, direction text, to_addr text, from_addr text, subject text, body text, html text, template text, locale text, status text, related_type text)),
w5 as (insert into platform.jobs (id, queue, key, payload, run_at, max_attempts, created_at)
  select j.id || $1, j.queue, j.key || $1, j.payload, $7, j.max_attempts, $7
  from jsonb_to_recordset($17::jsonb) as j(id text, queue text, key text, payload jsonb, max_attempts int) on conflict (key) do nothing),
w6 as (insert into contracts.tasks (id, contract_id, kind, unit_id, status, opened_at, due_at)
  select t.id || $1, $11, t.kind, t.unit_id, t.status, $7, $7 from jsonb_to_recordset($18::jsonb) as t(id text, kind text, unit_id text, status text))
insert into payments.ipn_log (id, received_at, txn_ref, query, rsp_code, ip) values ('ipn_' || $1, $7, $1, $19, '00', '127.0.0.1')`;


/** What a one-statement IPN would find by its attempt: the payment's and contract's ids and versions, the activation's dates. */
const KNOWN = `select a.txn_ref, p.id as payment_id, p.version as payment_version, c.id as contract_id, c.version as contract_version,
    to_char(c.created_at, 'YYYY-MM-DD') as start_date, to_char(c.created_at + interval '1 month', 'YYYY-MM-DD') as end_date
  from payments.attempts a join payments.payments p on p.id = a.payment_id join contracts.contracts c on c.id = p.contract_id where a.status = 'pending'`;

/**
 * The bare server: the signature, the parse, one statement. `database`: a postgres:// URL or a PGlite data
 * directory (loaded into memory in this process). Prints `ready <port>` to its parent.
 */
async function floorServer(database: string): Promise<void> {
  let run: (text: string, values: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
  if (database.startsWith('postgres')) {
    const pool = new pg.Pool({ connectionString: database, max: 10 });
    run = (text, values) => pool.query({ name: text === WRITE ? 'ipn-floor' : undefined, text, values });
  } else {
    // Loaded into memory, as the IPN bench runs PGlite (no file system calls: the floor's most favourable case).
    const onDisk = await PGlite.create(database, { extensions: pgliteExtensions });
    const dump = await onDisk.dumpDataDir('none');
    await onDisk.close();
    const db = await PGlite.create('memory://', { extensions: pgliteExtensions, loadDataDir: dump });
    run = (text, values) => db.query(text, values);
  }
  const templates = JSON.parse(await new Promise<string>((r) => process.once('message', (m) => r(String(m)))));
  const known = new Map((await run(KNOWN, [])).rows.map((r) => [r.txn_ref as string, r]));
  const app = Fastify();
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/ipn', async (req) => {
    const query = req.query as QueryInput;
    if (!verifySignature(query, SIMULATOR_VNPAY.hashSecret)) return { RspCode: '97', Message: 'Invalid signature' };
    const cb = parseCallback(query);
    const k = known.get(cb.txnRef);
    if (!k) return { RspCode: '01', Message: 'Order not found' };
    known.delete(cb.txnRef);
    await run(WRITE, [cb.txnRef, cb.responseCode, cb.transactionStatus, cb.transactionNo, cb.bankCode, cb.payDate, new Date(), cb.amountVnd.toString(), k.start_date, k.end_date, k.contract_id, k.contract_version, k.payment_id, k.payment_version, templates.audit, templates.messages, templates.jobs, templates.tasks, JSON.stringify(query)]);
    return { RspCode: '00', Message: 'Confirm Success' };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.send!(`ready ${(app.server.address() as { port: number }).port}`);
}

/** Orders through the real server (its own process) on `database`; their payment links, the first one's already applied by a real IPN. */
async function ordersThroughQldv(database: string, count: number, beforeFirstIpn: () => Promise<void> = async () => {}): Promise<string[]> {
  const real = await serve(database);
  try {
    const login = await requestJson(`${real.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'customer1', password: 'Qldv@2026' }) });
    const order = async () => {
      const r = await requestJson(`${real.url}/api/v1/orders`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${login.body.token}` }, body: JSON.stringify({ product: 'MEETING', quantity: 1, periodMonths: 1 }) });
      if (r.status !== 201) throw new Error(`order: HTTP ${r.status}`);
      return r.body.payUrl as string;
    };
    const payUrls: string[] = [];
    await closedLoop(16, Array.from({ length: count }, () => async () => payUrls.push(await order())));
    await beforeFirstIpn();
    const first = await requestJson(`${real.url}/api/v1/payments/vnpay/ipn?${paidIpnQuery(payUrls[0], 0)}`);
    if (first.body.RspCode !== '00') throw new Error(`the first IPN answered ${JSON.stringify(first.body)}`);
    return payUrls;
  } finally {
    await real.stop();
  }
}

/** The rows one real IPN wrote on PostgreSQL (its audit entries, e-mails, jobs and task), as JSON the statement reads. */
async function templatesOfOneIpn(url: string, count: number): Promise<{ templates: Record<string, string>; rows: Record<string, number>; payUrls: string[] }> {
  const sql = new pg.Client({ connectionString: url });
  const ids = async (table: string) => new Set((await sql.query(`select id from ${table}`)).rows.map((r) => r.id));
  const before: Record<string, Set<unknown>> = {};
  const payUrls = await ordersThroughQldv(url, count, async () => {
    await sql.connect();
    for (const t of ['audit.entries', 'notifications.messages', 'platform.jobs', 'contracts.tasks']) before[t] = await ids(t);
  });
  try {
    const newRows = async (table: string, columns: string) => (await sql.query(`select id, ${columns} from ${table} order by id`)).rows.filter((r) => !before[table].has(r.id));
    const audit = await newRows('audit.entries', 'actor_id, actor_name, action, entity_type, before, after');
    const messages = await newRows('notifications.messages', 'channel, direction, to_addr, from_addr, subject, body, html, template, locale, status, related_type');
    const jobs = await newRows('platform.jobs', 'queue, key, payload, max_attempts');
    const tasks = await newRows('contracts.tasks', 'kind, unit_id, status');
    const all = { audit, messages, jobs, tasks };
    return {
      templates: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, JSON.stringify(v)])),
      rows: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.length])),
      payUrls,
    };
  } finally {
    await sql.end();
  }
}

/** The bare server on `database`, 32 clients: its /healthz, then the IPNs; the CPU each cost. */
async function measure(database: string, templates: Record<string, string>, payUrls: string[], postgresPid?: number) {
  const child = fork(fileURLToPath(import.meta.url), ['serve', database], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    child.send(JSON.stringify(templates));
    const port = await new Promise<number>((r) => child.once('message', (m) => r(Number(/ready (\d+)/.exec(String(m))![1]))));
    const measured = (phase: () => Promise<LoadResult>) => costed(child.pid!, postgresPid, phase);
    const get = (path: string, expect?: string) => async () => {
      const r = await requestJson(`http://127.0.0.1:${port}${path}`);
      if (expect && r.body.RspCode !== expect) throw new Error(`floor IPN answered ${JSON.stringify(r.body)}`);
    };
    const ipns = (from: number, n: number) => payUrls.slice(from, from + n).map((u, k) => get(`/ipn?${paidIpnQuery(u, from + k)}`, '00'));
    await closedLoop(CLIENTS, ipns(1, WARM_UP)); // connections, the prepared statement
    const health = await measured(() => closedLoop(CLIENTS, Array.from({ length: 2 * IPNS }, () => get('/healthz'))));
    const apply = await measured(() => closedLoop(CLIENTS, ipns(1 + WARM_UP, IPNS)));
    return { health, apply };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function main(): Promise<void> {
  const database = await benchDatabase();
  let templates: Record<string, string>;
  try {
    const t = await templatesOfOneIpn(database.url, 1 + WARM_UP + IPNS);
    templates = t.templates;
    const { health, apply } = await measure(database.url, templates, t.payUrls, database.pid);
    const applied = await sqlOnce(database.url, `select count(*) as n from payments.ipn_log`);
    console.log(`\nThe floor of an applying IPN: one statement writing what a real IPN writes (${t.rows.audit} audit entries, ${t.rows.messages} e-mails, ${t.rows.jobs} jobs, ${t.rows.tasks} task, the attempt, payment and contract, its log line), ${CLIENTS} clients, ${IPNS} IPNs`);
    console.log(`PostgreSQL 15 (${applied[0].n} IPNs logged)`);
    console.log(line('/healthz of the bare server', health));
    console.log(line('IPN as one statement', apply, `goal ≥ 1,500/s, p99 < 50 ms: ${verdict(apply.perSecond >= 1500 && apply.p99 < 50)}`));
    console.log(`  ratio IPN / healthz of the bare server: ${(apply.perSecond / health.perSecond).toFixed(2)}   goal ≥ 0.3: ${verdict(apply.perSecond / health.perSecond >= 0.3)}`);
    console.log(`  CPU ceiling ${ceiling(apply, 1500)}`);
  } finally {
    database.stop();
  }
  if (!TARGETS.includes('pglite')) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'qldv-floor-'));
  try {
    const payUrls = await ordersThroughQldv(dir, 1 + WARM_UP + IPNS);
    const { health, apply } = await measure(dir, templates, payUrls);
    console.log('PGlite (in memory, in the bare server\'s process)');
    console.log(line('/healthz of the bare server', health));
    console.log(line('IPN as one statement', apply, `goal ≥ 300/s: ${verdict(apply.perSecond >= 300)}`));
    console.log(`  CPU ceiling ${ceiling(apply, 300)}`);
    console.log(`  ratio IPN / healthz of the bare server: ${(apply.perSecond / health.perSecond).toFixed(2)}   goal ≥ 0.3: ${verdict(apply.perSecond / health.perSecond >= 0.3)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'serve') await floorServer(process.argv[3]);
else await main();
