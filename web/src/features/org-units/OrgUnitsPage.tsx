import { Card, Empty, Spin, Tag, Tree, Typography, type TreeDataNode } from 'antd';
import { useT, type Translate } from '../../i18n/index.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { buildOrgTree, KIND_COLORS, unitName, useOrgUnits, type OrgNode } from './orgUnits.ts';

const toTreeData = (nodes: OrgNode[], t: Translate): TreeDataNode[] =>
  nodes.map(({ unit, children }) => ({
    key: unit.id,
    title: (
      <span className="org-node">
        <Tag color={KIND_COLORS[unit.kind]}>{t.maybe(`orgKind.${unit.kind}`) ?? unit.kind}</Tag>
        <span>{unitName(unit, t.lang)}</span>
        <Typography.Text type="secondary" code>
          {unit.code}
        </Typography.Text>
      </span>
    ),
    children: toTreeData(children, t),
  }));

export function OrgUnitsPage() {
  const t = useT();
  const units = useOrgUnits();
  return (
    <>
      <PageHeader title={t('org.title')} />
      <QueryError error={units.error} onRetry={() => units.refetch()} />
      <Card>
        {units.isPending ? (
          <Spin />
        ) : units.data?.length ? (
          <Tree showLine defaultExpandAll selectable={false} treeData={toTreeData(buildOrgTree(units.data), t)} />
        ) : (
          <Empty description={t('org.empty')} />
        )}
      </Card>
    </>
  );
}
