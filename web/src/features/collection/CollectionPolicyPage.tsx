import { useEffect, useState } from 'react';
import { Alert, Button, Card, InputNumber, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import type { PolicyStep } from '@contracts/collection';
import { useT } from '../../i18n/index.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { useSession } from '../auth/session.tsx';
import { STEP_ACTIONS, useCollectionCommand, usePolicy } from './collection.ts';

type Row = PolicyStep & { key: number };

/** `/debt/policy`: the collection policy as editable steps (days past due → action); saved as one audited change. */
export function CollectionPolicyPage() {
  const t = useT();
  const { permissions } = useSession();
  const canEdit = permissions.includes('collection.policy');
  const policy = usePolicy();
  const [rows, setRows] = useState<Row[]>([]);
  useEffect(() => {
    if (policy.data) setRows(policy.data.steps.map((s, key) => ({ ...s, key })));
  }, [policy.data]);
  const save = useCollectionCommand<{ steps: PolicyStep[] }>(() => '/api/v1/collection/policy', 'put');
  const saveNow = useSubmit(save, t('debt.saved'));
  const change = (key: number, patch: Partial<PolicyStep>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const columns: TableColumnsType<Row> = [
    {
      title: t('debt.afterDays'),
      dataIndex: 'afterDays',
      width: 140,
      render: (v: number, r) => <InputNumber min={0} max={365} precision={0} value={v} disabled={!canEdit} onChange={
        (n) => change(r.key, { afterDays: n ?? 0 })
      } />,
    },
    {
      title: t('debt.action'),
      dataIndex: 'action',
      render: (a: PolicyStep['action'], r) => (
        <Select
          style={{ minWidth: 280 }}
          value={a}
          disabled={!canEdit}
          onChange={(action) => change(r.key, { action })}
          options={STEP_ACTIONS.map((x) => ({ value: x, label: t(`debt.action.${x}`) }))}
        />
      ),
    },
    ...(canEdit
      ? [
        {
          key: 'remove',
          width: 60,
          render: (_: unknown, r: Row) => <Button icon={<DeleteOutlined />} onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))} />,
        }
      ]
      : []),
  ];

  return (
    <>
      <PageHeader title={t('debt.policy')} />
      <QueryError error={policy.error} onRetry={() => policy.refetch()} />
      <Alert type="info" showIcon message={t('debt.policyHelp')} style={{ marginBottom: 16 }} />
      <Card>
        <Table<Row> rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} loading={policy.isLoading} />
        {canEdit && (
          <Space style={{ marginTop: 16 }} wrap>
            <Button icon={<PlusOutlined />} onClick={() => setRows((all) => [...all, { key: Date.now(), afterDays: 0, action: 'remind_email' }])}>
              {t('debt.addStep')}
            </Button>
            <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={
              () => saveNow({ steps: rows.map(({ afterDays, action }) => ({ afterDays, action })) })
            } data-testid="policy-save">
              {t('debt.save')}
            </Button>
          </Space>
        )}
        {policy.data?.updatedAt && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('debt.version', { version: policy.data.version })} · {policy.data.updatedBy} · {formatDateTime(policy.data.updatedAt)}
          </Typography.Paragraph>
        )}
      </Card>
    </>
  );
}
