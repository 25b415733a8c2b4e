import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { OrgUnit, OrgUnitKind } from '@contracts/identity';

export const useOrgUnits = () =>
  useQuery({
    queryKey: ['org-units'],
    queryFn: () => api.get<{ items: OrgUnit[] }>('/api/v1/org-units'),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });

export interface OrgNode {
  unit: OrgUnit;
  children: OrgNode[];
}

/** Parent/child forest, siblings ordered by code; units whose parent is unknown become roots. */
export function buildOrgTree(units: OrgUnit[]): OrgNode[] {
  const nodes = new Map(units.map((u) => [u.id, { unit: u, children: [] as OrgNode[] }]));
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: OrgNode[]) => {
    list.sort((a, b) => a.unit.code.localeCompare(b.unit.code));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

export const KIND_COLORS: Record<OrgUnitKind, string> = {
  corporation: 'magenta',
  center: 'blue',
  department: 'cyan',
  regional_company: 'geekblue',
  billing_center: 'purple',
  agent: 'orange',
};

export const unitName = (unit: { name: string; nameEn: string }, lang: string) =>
  lang === 'en' ? unit.nameEn || unit.name : unit.name;
