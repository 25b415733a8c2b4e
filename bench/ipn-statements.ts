/**
 * The statements one applying VNPay IPN, and one self-service order (contract, payment, VNPay
 * attempt), send to PostgreSQL, read from the server's statement log (log_statement = all for the
 * bench database only, while each runs). Issue 10 asks for about a dozen. Prints each statement and
 * the counts on the last line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { SIMULATOR_VNPAY } from '../src/config.ts';
import { signParams } from '../src/protocols/vnpay/protocol.ts';
import { startBench } from './harness.ts';

const bench = await startBench('2026-03-02T02:00:00Z', { http: true });
const base = `http://127.0.0.1:${bench.port}`;
try {
  const post = async (url: string, body: unknown, token?: string) =>
    (await fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) })).json() as Promise<any>;
  const { token } = await post('/api/v1/auth/login', { username: 'customer1', password: 'Qldv@2026' });
  const orders = [await post('/api/v1/orders', { product: 'MEETING', quantity: 1, periodMonths: 1 }, token), await post('/api/v1/orders', { product: 'MEETING', quantity: 1, periodMonths: 1 }, token)];
  const ipn = (payUrl: string, n: number) => {
    const q = new URL(payUrl).searchParams;
    const f: Record<string, string> = {
      vnp_Amount: q.get('vnp_Amount')!, vnp_BankCode: 'NCB', vnp_BankTranNo: `VNP${n}`, vnp_CardType: 'ATM', vnp_OrderInfo: q.get('vnp_OrderInfo')!,
      vnp_PayDate: '20260302091500', vnp_ResponseCode: '00', vnp_TmnCode: q.get('vnp_TmnCode')!, vnp_TransactionNo: String(14000000 + n),
      vnp_TransactionStatus: '00', vnp_TxnRef: q.get('vnp_TxnRef')!,
    };
    return `${base}/api/v1/payments/vnpay/ipn?${new URLSearchParams({ ...f, vnp_SecureHash: signParams(f, SIMULATOR_VNPAY.hashSecret) })}`;
  };
  // A first IPN warms the caches; the second is the one read from the log, then a third order.
  await fetch(ipn(orders[0].payUrl, 1));
  const [{ dir }] = await bench.system.database.rows<{ dir: string }>(sql`select current_setting('data_directory') as dir`);
  const log = path.join(path.dirname(dir), 'log');
  const db = bench.url.replace(/.*\//, '');
  /** The statements PostgreSQL logged while `run` ran (new sessions only log: the pool's are ended first, not the LISTEN one). */
  const logged = async (run: () => Promise<unknown>) => {
    const admin = new pg.Client({ connectionString: bench.url });
    await admin.connect();
    await admin.query(`alter database ${db} set log_statement = 'all'`);
    await new Promise((r) => setTimeout(r, 200));
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${db}' and pid <> pg_backend_pid() and query not ilike 'listen %'`);
    await new Promise((r) => setTimeout(r, 300)); // the pool hears of its ended connections before the next checkout
    const start = readFileSync(log, 'utf8').length;
    const answer = await run();
    await new Promise((r) => setTimeout(r, 300));
    await admin.query(`alter database ${db} reset log_statement`);
    await admin.end();
    const statements = readFileSync(log, 'utf8')
      .slice(start)
      .split('\n')
      .filter((l) => /(LOG|LOG:)\s+(statement|execute)/.test(l) && !/pg_terminate_backend|set log_statement|reset log_statement/.test(l))
      // The meeting live layer's once-a-second tick runs beside the request, not for it.
      .filter((l) => !/select meeting_id from meeting_live\.rooms/.test(l))
      .map((l) => l.replace(/^.*?(statement|execute [^:]*):\s*/, '').slice(0, Number(process.env.BENCH_STATEMENT_CHARS ?? 220)));
    return { answer, statements };
  };
  const print = (what: string, r: { answer: unknown; statements: string[] }) => {
    console.log(`${what} answered ${JSON.stringify(r.answer)} in ${r.statements.length} statements:`);
    r.statements.forEach((s, i) => console.log(`${String(i + 1).padStart(3)}  ${s}`));
  };
  const applied = await logged(async () => (await fetch(ipn(orders[1].payUrl, 2))).json());
  print('one applying IPN', applied);
  const ordered = await logged(() => post('/api/v1/orders', { product: 'MEETING', quantity: 1, periodMonths: 1 }, token));
  print('one self-service order', { ...ordered, answer: { contractId: (ordered.answer as { contractId?: string }).contractId } });
  console.log(`statements: IPN apply ${applied.statements.length}, self-service order ${ordered.statements.length}`);
} finally {
  await bench.stop();
}
