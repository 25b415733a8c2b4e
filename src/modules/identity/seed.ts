import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemCtx } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import type { AuditLog } from '../audit/index.ts';
import { orgUnits, users } from './db/schema.ts';
import type { IdentityDeps } from './deps.ts';
import type { Role } from './domain/roles.ts';
import { hashPassword } from './queries.ts';
import { insertUser } from './use-cases/create-user.ts';

type Kind = (typeof orgUnits.$inferInsert)['kind'];
interface UnitSeed {
  code: string;
  name: string;
  nameEn: string;
  kind: Kind;
  agentKind?: 'reseller' | 'commission';
  children?: UnitSeed[];
}

/** MobiFone's organisation as far as QLDV needs it (SPEC glossary, B1). */
export const ORG_TREE: UnitSeed = {
  code: 'TCT',
  name: 'Tổng công ty Viễn thông MobiFone',
  nameEn: 'MobiFone Corporation',
  kind: 'corporation',
  children: [
    {
      code: 'TTCNTT',
      name: 'Trung tâm Công nghệ thông tin MobiFone',
      nameEn: 'MobiFone IT Center',
      kind: 'center',
      children: [
        { code: 'TTCNTT-GPTH', name: 'Phòng Giải pháp tích hợp (GPTH)', nameEn: 'Solutions & Integration Dept. (GPTH)', kind: 'department' },
        { code: 'TTCNTT-KD', name: 'Phòng Kinh doanh', nameEn: 'Business Dept.', kind: 'department' },
        { code: 'TTCNTT-PMNB', name: 'Phòng Phần mềm nội bộ (PMNB)', nameEn: 'Internal Software Dept. (PMNB)', kind: 'department' },
        { code: 'TTCNTT-PMKH', name: 'Phòng Phần mềm khách hàng (PMKH)', nameEn: 'Customer Software Dept. (PMKH)', kind: 'department' },
        { code: 'TTCNTT-KT', name: 'Phòng Kế toán', nameEn: 'Accounting Dept.', kind: 'department' },
        { code: 'DL-BT01', name: 'Đại lý bao tiêu Minh Phát', nameEn: 'Minh Phat reseller agent', kind: 'agent', agentKind: 'reseller' },
        { code: 'DL-PT01', name: 'Đại lý phát triển Sao Việt', nameEn: 'Sao Viet commission agent', kind: 'agent', agentKind: 'commission' },
      ],
    },
    ...Array.from({ length: 9 }, (_, i): UnitSeed => {
      const n = i + 1;
      return {
        code: `CTKV${n}`,
        name: `Công ty Dịch vụ MobiFone Khu vực ${n}`,
        nameEn: `MobiFone Service Company Region ${n}`,
        kind: 'regional_company',
        children: [
          {
            code: `CTKV${n}-KDCNS`,
            name: `Trung tâm Kinh doanh Công nghệ số (TT KDCNS) KV${n}`,
            nameEn: `Digital Business Center Region ${n}`,
            kind: 'center',
            children: [
              { code: `CTKV${n}-KDCNS-SP`, name: `Phòng Sản phẩm TT KDCNS KV${n}`, nameEn: `Product Dept., Digital Business Center Region ${n}`, kind: 'department' },
            ],
          },
          { code: `CTKV${n}-KHDN`, name: `Phòng Khách hàng doanh nghiệp KV${n}`, nameEn: `Enterprise Customers Dept. Region ${n}`, kind: 'department' },
        ],
      };
    }),
    // Seed 003: one of the units that manage services (postpaid collection and debt are its work).
    { code: 'TTDVS', name: 'Trung tâm Dịch vụ số MobiFone', nameEn: 'MobiFone Digital Services Center', kind: 'center' },
    {
      code: 'TTTCTK',
      name: 'Trung tâm Tính cước và Thanh khoản (TT TC&TK)',
      nameEn: 'Billing & Settlement Center',
      kind: 'center',
      children: Array.from({ length: 6 }, (_, i) => ({
        code: `TTTCTK-C${i + 1}`,
        name: `Trung tâm Tính cước ${i + 1}`,
        nameEn: `Billing Center ${i + 1}`,
        kind: 'billing_center' as const,
      })),
    },
  ],
};

interface DemoUser {
  username: string;
  fullName: string;
  roles: Role[];
  unit?: string;
  customer?: 'individual' | 'enterprise';
  purpose: string;
}

/** Demo accounts (development only). The README lists them with what each is for. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', fullName: 'Quản trị hệ thống', roles: ['admin'], unit: 'TTCNTT', purpose: 'users, org units, calendar, audit, outbox' },
  { username: 'am1', fullName: 'Nguyễn Văn An (AM KV1)', roles: ['am'], unit: 'CTKV1-KHDN', purpose: 'account manager of CTKV 1' },
  { username: 'kam1', fullName: 'Trần Thị Bình (KAM KV1)', roles: ['kam'], unit: 'CTKV1-KHDN', purpose: 'key account manager of CTKV 1' },
  { username: 'agent1', fullName: 'Lê Văn Cường (Đại lý)', roles: ['agent'], unit: 'DL-PT01', purpose: 'commission agent of TT CNTT' },
  { username: 'approver.ctkv1', fullName: 'Phạm Minh Đức (Phê duyệt KV1)', roles: ['approver_ctkv'], unit: 'CTKV1', purpose: 'contract approver of CTKV 1' },
  { username: 'approver.ttcntt', fullName: 'Hoàng Thu Hà (Phê duyệt TT CNTT)', roles: ['approver_ttcntt'], unit: 'TTCNTT', purpose: 'contract approver of TT CNTT' },
  { username: 'ops1', fullName: 'Vũ Quang Huy (Vận hành)', roles: ['ops'], unit: 'TTCNTT-PMKH', purpose: 'operations specialist: provisioning' },
  { username: 'invoice1', fullName: 'Đặng Thị Lan (Hoá đơn)', roles: ['invoice_officer'], unit: 'TTCNTT-KT', purpose: 'invoice officer' },
  { username: 'callcenter1', fullName: 'Bùi Thị Mai (ĐTV 9090)', roles: ['call_center'], unit: 'TCT', purpose: 'call-center agent (9090 / 18001090)' },
  { username: 'product.ctkv1', fullName: 'Đỗ Văn Nam (Phòng SP KV1)', roles: ['product_ctkv'], unit: 'CTKV1-KDCNS-SP', purpose: 'CTKV 1 product department (level-2 tickets)' },
  { username: 'gpth1', fullName: 'Ngô Thị Oanh (GPTH)', roles: ['gpth'], unit: 'TTCNTT-GPTH', purpose: 'TT CNTT GPTH (level-3/4 tickets)' },
  { username: 'accountant1', fullName: 'Trịnh Văn Phúc (Kế toán)', roles: ['accountant'], unit: 'TTCNTT-KT', purpose: 'accountant: audit, reconciliation, commissions' },
  { username: 'collector1', fullName: 'Châu Minh Tâm (Thu nợ)', roles: ['collector'], unit: 'TTDVS', purpose: 'debt collection staff (TT Dịch vụ số)' },
  { username: 'customer1', fullName: 'Lý Thị Quỳnh', roles: ['customer'], customer: 'individual', purpose: 'individual customer (KHCN)' },
  { username: 'enterprise1', fullName: 'Mạc Văn Sơn (Công ty CP Tài chính Sao Mai)', roles: ['customer'], customer: 'enterprise', purpose: 'enterprise customer user (KHDN)' },
  ...Array.from({ length: 6 }, (_, i): DemoUser => ({
    username: `C${i + 1}_ePayment`,
    fullName: `Gạch nợ Trung tâm Tính cước ${i + 1}`,
    roles: ['clearing'],
    unit: `TTTCTK-C${i + 1}`,
    purpose: `debt clearing for billing center ${i + 1}`,
  })),
];

/** Creates the org tree (idempotent: by code). Runs on every boot, in every environment. */
export async function seedOrgUnits(database: Database, clock: Clock, audit: AuditLog): Promise<number> {
  const existing = new Set((await database.db.select({ code: orgUnits.code }).from(orgUnits)).map((r) => r.code));
  let created = 0;
  const ctx = systemCtx('system:seed');
  await database.db.transaction(async (tx) => {
    const walk = async (u: UnitSeed, parent: { id: string; path: string } | null) => {
      let me: { id: string; path: string };
      if (existing.has(u.code)) {
        const [row] = await tx.select({ id: orgUnits.id, path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.code, u.code));
        me = row;
      } else {
        const id = newId('orgUnit', clock.now());
        me = { id, path: `${parent?.path ?? '/'}${id}/` };
        const { code, name, nameEn, kind } = u;
        const row = { id, code, name, nameEn, kind, agentKind: u.agentKind ?? null, parentId: parent?.id ?? null, path: me.path, createdAt: clock.now() };
        await tx.insert(orgUnits).values(row);
        await audit.record(tx, ctx, { action: 'org_unit.created', entityType: 'org_unit', entityId: id, after: row });
        created++;
      }
      for (const c of u.children ?? []) await walk(c, me);
    };
    await walk(ORG_TREE, null);
  });
  return created;
}

/** Demo customers and accounts, development only; skipped for accounts that already exist. */
export async function seedDemoUsers(d: IdentityDeps, password: string): Promise<number> {
  const present = new Set((await d.database.db.select({ u: users.username }).from(users)).map((r) => r.u.toLowerCase()));
  const missing = DEMO_USERS.filter((demo) => !present.has(demo.username.toLowerCase()));
  if (missing.length === 0) return 0;
  const ctx = systemCtx('system:seed');
  const hash = await hashPassword(password); // one hash for all demo accounts keeps the first boot fast
  await d.database.db.transaction(async (tx) => {
    for (const demo of missing) {
      let customerId: string | undefined;
      if (demo.customer) {
        customerId = newId('customer', d.clock.now());
        const enterprise = demo.customer === 'enterprise';
        const customer = {
          id: customerId,
          type: demo.customer,
          name: enterprise ? 'Công ty Cổ phần Tài chính Sao Mai' : demo.fullName,
          taxCode: enterprise ? '0101234567' : null,
          email: `${demo.username}@example.vn`,
          phone: enterprise ? '0243123456' : '0901234567',
          address: enterprise ? '12 Trần Duy Hưng, Cầu Giấy, Hà Nội' : '45 Lê Lợi, Quận 1, TP. Hồ Chí Minh',
          managingUnitId: d.units.byCode('CTKV1')?.id ?? null,
          createdAt: d.clock.now(),
        };
        await d.customers.insert(tx, customer);
        await d.audit.record(tx, ctx, { action: 'customer.created', entityType: 'customer', entityId: customerId, after: customer });
      }
      const orgUnitId = demo.unit ? d.units.byCode(demo.unit)!.id : undefined;
      const email = `${demo.username.toLowerCase()}@example.vn`;
      await insertUser(d, ctx, { username: demo.username, fullName: demo.fullName, email, roles: demo.roles, orgUnitId, customerId }, hash, tx);
    }
  });
  return missing.length;
}
