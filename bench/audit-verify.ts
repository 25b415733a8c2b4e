/**
 * The audit chain at volume (issue 10): 1 M entries written as the business writes them (one
 * statement each would take hours here, so one INSERT … SELECT of realistic rows), sealed by the
 * sealer, then verified end to end. Goal: verify of 1 M entries < 10 s. Baseline in the same run:
 * PostgreSQL reading the same rows (a count over the joined chain). BENCH_AUDIT_ENTRIES scales it.
 */
import { sql } from 'drizzle-orm';
import { entryDigest3 } from '../src/modules/audit/queries.ts';
import { fmt, startBench, timed, verdict } from './harness.ts';

const N = Number(process.env.BENCH_AUDIT_ENTRIES ?? 1_000_000);
const bench = await startBench('2026-03-02T02:00:00Z', { http: false });
const s = bench.system;
try {
  await s.audit.seal();
  await s.database.rows(sql`
    insert into audit.entries (at, actor_id, actor_name, action, entity_type, entity_id, before, after, request_id, ip)
    select timestamptz '2026-03-01 00:00:00Z' + g * interval '1 second', 'usr_bench', 'Nguyễn Văn Bench', 'contract.updated', 'contract',
           'ctr_' || lpad(g::text, 10, '0'),
           jsonb_build_object('status', 'draft', 'quantity', g % 97, 'totalVnd', (g * 1000)::text),
           jsonb_build_object('status', 'active', 'quantity', g % 97 + 1, 'totalVnd', (g * 1100)::text, 'note', 'gia hạn hợp đồng'),
           'req-' || g, '10.0.0.' || (g % 250)
      from generate_series(1, ${N}) g`);
  await s.database.rows(sql`vacuum analyze audit.entries`);
  const [sealed, sealSeconds] = await timed(() => s.audit.seal());
  await s.database.rows(sql`vacuum analyze audit.seals`);
  // The baseline: reading every seal with the digest of its entry, batch by batch as verify does, without the HMACs.
  const [, scanSeconds] = await timed(async () => {
    for (let after = 0; ; ) {
      const rows = await s.database.rows<{ seq: string }>(sql`
        select s.seq::text, s.prev_hash, s.hash, ${entryDigest3('e')} as covered
          from audit.seals s left join audit.entries e on e.id = s.entry_id where s.seq > ${after} order by s.seq limit 10000`);
      if (rows.length === 0) break;
      after = Number(rows[rows.length - 1].seq);
    }
  });
  const [verified, verifySeconds] = await timed(() => s.audit.verify());
  if (!verified.ok || verified.checked < N) throw new Error(`verify: ${JSON.stringify(verified)}`);
  console.log(`audit chain: ${fmt(verified.checked)} entries`);
  console.log(`  sealing (from nothing sealed)         ${sealSeconds.toFixed(2)} s  (${fmt(sealed.sealed / sealSeconds)} entries/s)`);
  console.log(`  reading the chain, no hashing        ${scanSeconds.toFixed(2)} s`);
  console.log(`  verify                                ${verifySeconds.toFixed(2)} s  (${fmt(verified.checked / verifySeconds)} entries/s)   goal < 10 s: ${verdict(verifySeconds < 10)}`);
  console.log(`  ratio verify / reading               ${(verifySeconds / scanSeconds).toFixed(2)}`);
} finally {
  await bench.stop();
}
