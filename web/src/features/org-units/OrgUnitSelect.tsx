import { TreeSelect } from 'antd';
import { useT } from '../../i18n/index.tsx';
import { buildOrgTree, unitName, useOrgUnits, type OrgNode } from './orgUnits.ts';

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}

/** Form control: picks one org unit from the tree (value = unit id). */
export function OrgUnitSelect(props: { value?: string | null; onChange?: (id: string | null) => void; id?: string }) {
  const t = useT();
  const units = useOrgUnits();
  const toOptions = (nodes: OrgNode[]): TreeOption[] =>
    nodes.map(({ unit, children }) => ({
      value: unit.id,
      title: `${unitName(unit, t.lang)} (${unit.code})`,
      children: toOptions(children),
    }));
  return (
    <TreeSelect
      id={props.id}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      treeData={toOptions(buildOrgTree(units.data ?? []))}
      loading={units.isPending}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      style={{ width: '100%' }}
    />
  );
}
