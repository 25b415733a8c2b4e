/**
 * The contract book of bench/contract-search.ts: `CUSTOMERS` customers (a quarter individuals) and
 * `CONTRACTS` contracts over 12 selling units, seeded by SQL on a migrated database with the demo data.
 */
import pg from 'pg';

export const WORDS = ['Minh Phát', 'Sao Việt', 'Hoàng Long', 'An Khang', 'Thành Công', 'Phú Thịnh', 'Đại Dương', 'Bình Minh', 'Trường Sơn', 'Hải Âu',
  'Ngọc Lan', 'Tân Tiến', 'Việt Hưng', 'Kim Cương', 'Hưng Thịnh', 'Thái Bình', 'Phương Nam', 'Đông Á', 'Sông Hồng', 'Mê Kông'];
/** Units that sell: each gets 1/12 of the contracts; CTKV1-KHDN's are the AM's (with a half sold by the AM). */
const SELLING_UNITS = ['CTKV1-KHDN', ...Array.from({ length: 8 }, (_, i) => `CTKV${i + 2}-KHDN`), 'TTCNTT-KD', 'DL-BT01', 'DL-PT01'];

/** Customers (a quarter individuals) and contracts, in two statements; the numbers run HD-2024-000001 … by year. */
export async function seedContracts(url: string, CONTRACTS: number, CUSTOMERS: number) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const units = (await db.query<{ id: string }>(`select id from identity.org_units where code = any($1) order by array_position($1, code)`, [SELLING_UNITS])).rows;
    if (units.length !== SELLING_UNITS.length) throw new Error('the demo org units are missing');
    const [{ id: am }] = (await db.query<{ id: string }>(`select id from identity.users where username = 'am1'`)).rows;
    await db.query(`create temp table bench_units as select k - 1 as k, id from unnest($1::text[]) with ordinality as u(id, k)`, [units.map((u) => u.id)]);
    await db.query(
      `insert into identity.customers (id, type, name, tax_code, email, phone, managing_unit_id, created_at)
       select 'cus_bench_' || lpad(g::text, 7, '0'),
              case when g % 4 = 0 then 'individual' else 'enterprise' end,
              case when g % 4 = 0 then 'Nguyễn Văn ' else 'Công ty TNHH ' end || ($2::text[])[1 + g % 20] || ' ' || lpad(g::text, 6, '0'),
              case when g % 4 = 0 then null else '01' || lpad(g::text, 8, '0') end,
              'kh' || g || '@example.vn', '09' || lpad(g::text, 8, '0'), u.id, now()
         from generate_series(1, $1::int) g join bench_units u on u.k = g % 12`,
      [CUSTOMERS, WORDS],
    );
    await db.query(`
      create temp table bench_plans as
      select row_number() over (order by pl.code) - 1 as k, pl.id as plan_id, pl.product_id, pl.billing, v.id as version_id, v.model, p.vat_rate
        from catalog.plans pl join catalog.products p on p.id = pl.product_id
        join lateral (select id, model from catalog.price_versions where plan_id = pl.id order by effective_from desc, version desc limit 1) v on true
       where pl.status = 'active' and pl.edition = 'saas'`);
    await db.query(
      `insert into contracts.contracts (id, number, kind, customer_id, product_id, plan_id, price_version_id, price_model, channel, billing,
         selling_unit_id, managing_unit_id, sales_user_id, quantity, period_months, unit_price_vnd, subtotal_vnd, vat_rate, vat_vnd, total_vnd,
         status, signed_date, start_date, end_date, created_at, updated_at)
       select 'ctr_bench_' || lpad(g::text, 7, '0'),
              'HD-' || (2024 + (g - 1) / 400000) || '-' || lpad((1 + (g - 1) % 400000)::text, 6, '0'),
              'new', 'cus_bench_' || lpad((1 + g % $2::int)::text, 7, '0'), p.product_id, p.plan_id, p.version_id, p.model,
              (array['am', 'agent', 'self_service'])[1 + g % 3], p.billing, u.id, u.id,
              case when u.k = 0 and g % 2 = 0 then $3 end,
              1 + g % 50, 12, 1000000, (1 + g % 50) * 1000000, p.vat_rate, 0, (1 + g % 50) * 1000000,
              (array['active','active','active','active','active','active','active','active','active','active','active','active','active','active',
                     'expired','expired','terminated','suspended','pending_approval','draft'])[1 + (g / 12) % 20],
              t::date, t::date, (t + interval '1 year')::date, t, t
         from generate_series(1, $1::int) g
         cross join lateral (select timestamptz '2024-01-01 00:00:00+07' + (g - 1) * interval '60 seconds' as t) c
         join bench_plans p on p.k = g % (select count(*) from bench_plans)
         join bench_units u on u.k = g % 12`,
      [CONTRACTS, CUSTOMERS, am],
    );
    await db.query('vacuum analyze');
  } finally {
    await db.end();
  }
}

