import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AuditLog } from '../audit/index.ts';
import { customers, orgUnits, users } from './db/schema.ts';
import { isValidTaxCode } from './domain/tax-code.ts';
import { withinScope } from './domain/roles.ts';
import type { IdentityService } from './service.ts';

type CustomerRow = typeof customers.$inferSelect;
export type Contact = { name: string; position?: string; email?: string; phone?: string };

export interface CustomerInput {
  type: 'individual' | 'enterprise';
  name: string;
  taxCode?: string;
  email: string;
  phone: string;
  address?: string;
  managingUnitId?: string;
  salesUserId?: string;
  contacts?: Contact[];
}

/** Customers (SPEC B1): individuals (KHCN) and enterprises (KHDN), their managing unit and sales person. */
export class CustomerService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly identity: IdentityService,
  ) {}

  /** Staff see the customers managed inside their scope; corporate roles see all. */
  private scopeFilter(ctx: Ctx): SQL | undefined {
    const unitIds = this.identity.unitIdsInScope(ctx.actor);
    if (unitIds === null) return undefined;
    if (unitIds.length === 0) return sql`false`;
    return or(inArray(customers.managingUnitId, unitIds), ctx.actor.id ? eq(customers.salesUserId, ctx.actor.id) : undefined);
  }

  async list(ctx: Ctx, q: { q?: string; type?: 'individual' | 'enterprise'; page: number; pageSize: number }) {
    const where = [
      this.scopeFilter(ctx),
      q.type ? eq(customers.type, q.type) : undefined,
      q.q ? or(ilike(customers.name, `%${q.q}%`), ilike(customers.taxCode, `%${q.q}%`), ilike(customers.email, `%${q.q}%`), ilike(customers.phone, `%${q.q}%`)) : undefined,
    ].filter((x): x is SQL => x !== undefined);
    const cond = where.length ? and(...where) : undefined;
    const db = this.database.db;
    const [rows, [{ total }]] = await Promise.all([
      db.select().from(customers).where(cond).orderBy(asc(customers.name)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
      db.select({ total: count() }).from(customers).where(cond),
    ]);
    return { items: await this.present(rows), total, page: q.page, pageSize: q.pageSize };
  }

  async get(ctx: Ctx, id: string) {
    const row = await this.row(id);
    const [c] = await this.present([row]);
    if (!this.canSee(ctx, row)) throw new AppError(ctx.actor.customerId ? 'NOT_FOUND' : 'FORBIDDEN', { customer: id });
    return c;
  }

  canSee(ctx: Ctx, c: Pick<CustomerRow, 'id' | 'managingUnitId' | 'salesUserId'>): boolean {
    if (ctx.actor.customerId) return ctx.actor.customerId === c.id;
    if (ctx.actor.id && c.salesUserId === ctx.actor.id) return true;
    const unitPath = c.managingUnitId ? this.identity.orgUnit(c.managingUnitId)?.path : undefined;
    return withinScope(ctx.actor, this.identity.scopePathOf(ctx.actor), unitPath ?? '/');
  }

  /**
   * The customer a request body names, if the caller may see it. Unknown and out-of-scope ids get the
   * same 404, so a body id reveals no more than a path id.
   */
  async visibleRow(ctx: Ctx, id: string, ex: Executor = this.database.db): Promise<CustomerRow> {
    const [c] = await ex.select().from(customers).where(eq(customers.id, id));
    if (!c || !this.canSee(ctx, c)) throw new AppError('NOT_FOUND', { customer: id });
    return c;
  }

  /** Customers in the caller's scope whose phone ends with the same nine digits (0… and +84… alike). */
  async byPhone(ctx: Ctx, phone: string) {
    const digits = phone.replace(/\D/g, '');
    if (digits.length < 9) return [];
    const rows = await this.database.db
      .select()
      .from(customers)
      .where(and(this.scopeFilter(ctx), sql`right(regexp_replace(coalesce(${customers.phone}, ''), '[^0-9]', '', 'g'), 9) = ${digits.slice(-9)}`))
      .orderBy(asc(customers.name))
      .limit(20);
    return this.present(rows);
  }

  async row(id: string, ex: Executor = this.database.db): Promise<CustomerRow> {
    const [c] = await ex.select().from(customers).where(eq(customers.id, id));
    if (!c) throw new AppError('NOT_FOUND', { customer: id });
    return c;
  }

  async create(ctx: Ctx, input: CustomerInput) {
    const data = this.validated(input);
    // An AM's new customer is managed by the AM's own unit unless another is named.
    const managingUnitId = data.managingUnitId ?? ctx.actor.orgUnitId ?? null;
    const salesUserId = data.salesUserId ?? (ctx.actor.roles.some((r) => ['am', 'kam', 'agent'].includes(r)) ? ctx.actor.id : null);
    await this.assertAssignable(ctx, { managingUnitId: data.managingUnitId, salesUserId: data.salesUserId });
    const now = this.clock.now();
    const row = {
      id: newId('customer', now),
      type: data.type,
      name: data.name,
      taxCode: data.taxCode ?? null,
      email: data.email,
      phone: data.phone,
      address: data.address ?? null,
      managingUnitId,
      salesUserId,
      contacts: data.contacts ?? [],
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    return this.database.db.transaction(async (tx) => {
      if (row.taxCode) {
        const [dup] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.taxCode, row.taxCode));
        if (dup) throw new AppError('CONFLICT', { taxCode: row.taxCode, existing: dup.id }, `a customer with tax code ${row.taxCode} exists`);
      }
      await tx.insert(customers).values(row);
      await this.audit.record(tx, ctx, { action: 'customer.created', entityType: 'customer', entityId: row.id, after: row });
      return (await this.present([row], tx))[0];
    });
  }

  async update(ctx: Ctx, id: string, patch: Partial<CustomerInput>) {
    return this.database.db.transaction(async (tx) => {
      const before = await this.row(id, tx);
      if (!this.canSee(ctx, before)) throw new AppError('FORBIDDEN', { customer: id });
      await this.assertAssignable(ctx, patch, tx);
      const merged = this.validated({ ...before, taxCode: before.taxCode ?? undefined, address: before.address ?? undefined, email: before.email ?? '', phone: before.phone ?? '', managingUnitId: before.managingUnitId ?? undefined, salesUserId: before.salesUserId ?? undefined, ...patch });
      const [after] = await tx
        .update(customers)
        .set({ ...merged, updatedAt: this.clock.now(), version: before.version + 1 })
        .where(and(eq(customers.id, id), eq(customers.version, before.version)))
        .returning();
      if (!after) throw new AppError('CONFLICT');
      await this.audit.record(tx, ctx, { action: 'customer.updated', entityType: 'customer', entityId: id, before, after });
      return (await this.present([after], tx))[0];
    });
  }

  /** The managing unit and sales person a body names must exist and lie within the caller's scope. */
  private async assertAssignable(ctx: Ctx, ids: { managingUnitId?: string; salesUserId?: string }, ex: Executor = this.database.db): Promise<void> {
    const scope = this.identity.scopePathOf(ctx.actor);
    if (ids.managingUnitId) {
      const unit = this.identity.orgUnit(ids.managingUnitId);
      if (!unit) throw new AppError('VALIDATION_FAILED', { managingUnitId: ids.managingUnitId }, 'unknown managing unit');
      if (!withinScope(ctx.actor, scope, unit.path)) throw new AppError('FORBIDDEN', { managingUnitId: ids.managingUnitId });
    }
    if (ids.salesUserId) {
      const [sales] = await ex.select({ orgUnitId: users.orgUnitId, customerId: users.customerId }).from(users).where(eq(users.id, ids.salesUserId));
      const path = sales?.orgUnitId ? this.identity.orgUnit(sales.orgUnitId)?.path : undefined;
      if (!sales || sales.customerId || !path || !withinScope(ctx.actor, scope, path)) throw new AppError('NOT_FOUND', { salesUserId: ids.salesUserId });
    }
  }

  /** Also what a tax invoice needs of its buyer (Circular 78): with a tax code, an address. */
  private validated(input: CustomerInput): CustomerInput {
    const taxCode = input.taxCode?.trim() || undefined;
    const address = input.address?.trim() || undefined;
    if (input.type === 'enterprise' && !taxCode) throw new AppError('INVALID_TAX_CODE', { taxCode: null }, 'an enterprise needs its tax code');
    if (taxCode && !isValidTaxCode(taxCode)) throw new AppError('INVALID_TAX_CODE', { taxCode });
    if (taxCode && !address) throw new AppError('BUYER_ADDRESS_REQUIRED', { taxCode });
    return { ...input, taxCode, address };
  }

  async present(rows: CustomerRow[], ex: Executor = this.database.db) {
    const salesIds = [...new Set(rows.map((r) => r.salesUserId).filter((x): x is string => !!x))];
    const sales = salesIds.length ? await ex.select({ id: users.id, username: users.username, fullName: users.fullName }).from(users).where(inArray(users.id, salesIds)) : [];
    const byId = new Map(sales.map((s) => [s.id, s]));
    return rows.map((r) => {
      const unit = r.managingUnitId ? this.identity.orgUnit(r.managingUnitId) : undefined;
      return {
        id: r.id,
        type: r.type,
        name: r.name,
        taxCode: r.taxCode,
        email: r.email,
        phone: r.phone,
        address: r.address,
        managingUnit: unit ? { id: unit.id, code: unit.code, name: unit.name } : null,
        salesUser: r.salesUserId ? (byId.get(r.salesUserId) ?? null) : null,
        contacts: r.contacts,
        createdAt: r.createdAt,
      };
    });
  }

  async namesOf(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.database.db.select({ id: customers.id, name: customers.name }).from(customers).where(inArray(customers.id, ids));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Ids of the customers whose name contains `text`, for other modules' searches. */
  async idsByName(text: string): Promise<string[]> {
    const rows = await this.database.db.select({ id: customers.id }).from(customers).where(ilike(customers.name, `%${text}%`));
    return rows.map((r) => r.id);
  }

  /** E-mail addresses of users with `role` (optionally inside a unit's subtree), for notifications. */
  async emailsOfRole(role: string, underUnitId?: string | null, ex: Executor = this.database.db): Promise<string[]> {
    const unitPath = underUnitId ? this.identity.orgUnit(underUnitId)?.path : undefined;
    const rows = await ex
      .select({ email: users.email, path: orgUnits.path })
      .from(users)
      .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
      .where(and(sql`${role} = any(${users.roles})`, eq(users.status, 'active')));
    return rows.filter((r) => !unitPath || (r.path ?? '').startsWith(unitPath) || unitPath.startsWith(r.path ?? '~')).map((r) => r.email);
  }
}
