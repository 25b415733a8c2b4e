import { useState } from 'react';
import { Button, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { REQUEST_TYPES, type SlaPolicy } from '@contracts/support';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { formatMinutes, requestTypeLabel } from '../tickets/tickets.ts';
import { SlaPolicyDialog } from './SlaPolicyDialog.tsx';
import { useSlaPolicyTable } from './slaPolicies.ts';

/** The processing limits of the six request types (F4), in minutes, with their warning thresholds. */
export function SlaPoliciesPage() {
  const t = useT();
  const policies = useSlaPolicyTable();
  const [editing, setEditing] = useState<SlaPolicy | null>(null);
  const order = (p: SlaPolicy) => REQUEST_TYPES.indexOf(p.requestType);
  const items = [...(policies.data?.items ?? [])].sort((a, b) => order(a) - order(b));

  const mins = (v: number | null) =>
    v === null ? (
      <Typography.Text type="secondary">{t('sla.none')}</Typography.Text>
    ) : (
      <>
        {v}
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {formatMinutes(t, v)}
        </Typography.Text>
      </>
    );

  const columns: TableColumnsType<SlaPolicy> = [
    { title: t('ticket.type'), dataIndex: 'requestType', render: (v: string) => <strong>{requestTypeLabel(t, v)}</strong> },
    { title: t('sla.mode'), dataIndex: 'mode', render: (m: SlaPolicy['mode']) => <Tag color={m === 'working' ? 'purple' : 'blue'}>{t(`clockMode.${m}`)}</Tag> },
    { title: t('sla.ctkv'), key: 'ctkv', align: 'right', render: (_, p) => mins(p.stageMin.ctkv) },
    { title: t('sla.ttcntt'), key: 'ttcntt', align: 'right', render: (_, p) => mins(p.stageMin.ttcntt) },
    { title: t('sla.total'), dataIndex: 'totalMin', align: 'right', render: (v: number) => mins(v) },
    {
      title: t('sla.warningPercent'),
      key: 'warning',
      align: 'right',
      render: (_, p) => (
        <>
          {p.warning.percent === null ? t('common.none') : `${p.warning.percent} %`}
          {p.warning.minutesBefore !== null && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('sla.warningBefore')}: {formatMinutes(t, p.warning.minutesBefore)}
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: t('sla.progressEvery'), dataIndex: 'progressEveryMin', align: 'right', responsive: ['lg'], render: (v: number | null) => (v === null ? t('common.none') : mins(v)) },
    {
      title: t('common.actions'),
      key: 'actions',
      align: 'right',
      render: (_, p) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} data-testid={`sla-edit-${p.requestType}`}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('sla.title')} />
      <Typography.Paragraph type="secondary">{t('sla.hint')}</Typography.Paragraph>
      <QueryError error={policies.error} onRetry={() => policies.refetch()} />
      <Table<SlaPolicy>
        rowKey="requestType"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={policies.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="sla-policies"
      />
      {editing && <SlaPolicyDialog policy={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
