import { describe, expect, it } from 'vitest';
import { hasPermission, permissionsOf, scopeRootPath, withinScope, type UnitNode } from './roles.ts';

const units: Record<string, UnitNode> = {
  tct: { id: 'tct', kind: 'corporation', path: '/tct/' },
  kv1: { id: 'kv1', kind: 'regional_company', path: '/tct/kv1/' },
  kv1khdn: { id: 'kv1khdn', kind: 'department', path: '/tct/kv1/kv1khdn/' },
  kv1sp: { id: 'kv1sp', kind: 'department', path: '/tct/kv1/kv1kd/kv1sp/' },
  kv1kd: { id: 'kv1kd', kind: 'center', path: '/tct/kv1/kv1kd/' },
  kv2: { id: 'kv2', kind: 'regional_company', path: '/tct/kv2/' },
};
const byId = (id: string) => units[id];
const user = (roles: string[]) => ({ kind: 'user' as const, roles });

describe('roles and scope', () => {
  it('an AM in the KHDN department of CTKV 1 works for all of CTKV 1', () => {
    const scope = scopeRootPath(units.kv1khdn, byId);
    expect(scope).toBe('/tct/kv1/');
    expect(withinScope(user(['am']), scope, units.kv1sp.path)).toBe(true);
    expect(withinScope(user(['am']), scope, units.kv2.path)).toBe(false);
  });

  it('the nearest center bounds a department inside it', () => {
    expect(scopeRootPath(units.kv1sp, byId)).toBe('/tct/kv1/kv1kd/');
  });

  it('corporate roles and the system see every unit; users without a unit see none', () => {
    expect(withinScope(user(['approver_ttcntt']), null, units.kv2.path)).toBe(true);
    expect(withinScope({ kind: 'system', roles: [] }, null, units.kv2.path)).toBe(true);
    expect(withinScope(user(['customer']), null, units.kv2.path)).toBe(false);
  });

  it('permissions come from roles', () => {
    expect(hasPermission({ roles: ['admin'] }, 'users.manage')).toBe(true);
    expect(hasPermission({ roles: ['am'] }, 'users.manage')).toBe(false);
    expect(permissionsOf(['accountant'])).toContain('audit.read');
    expect(permissionsOf(['customer'])).toEqual(['contract.read', 'contract.buy', 'ticket.receive', 'usage.keys']);
  });
});
