import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Tag, Typography, type TableColumnsType } from 'antd';
import { api } from '../../api/client.ts';
import type { AuditEntry } from '@contracts/audit';
import type { Paged } from '@shared/fields.ts';
import { useT } from '../../i18n/index.tsx';
import { BeforeAfter } from '../../ui/BeforeAfter.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PagedTable } from '../../ui/PagedTable.tsx';
import { useFilteredPaging } from '../../ui/paging.ts';
import { AuditFilters, type AuditFilter } from './AuditFilters.tsx';
import { actionLabel, entityLabel } from './labels.ts';
import { useVerifyAudit, VerifyButton, VerifyResult } from './AuditVerify.tsx';

export function AuditPage() {
  const t = useT();
  const { filter, setFilter, paging, setPaging } = useFilteredPaging<AuditFilter>({});
  const verify = useVerifyAudit();

  const entries = useQuery({
    queryKey: ['audit', filter, paging],
    queryFn: () => api.get<Paged<AuditEntry>>('/api/v1/audit', { ...filter, ...paging }),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 150, render: (v: string) => <DateTime value={v} /> },
    {
      title: t('audit.actor'),
      key: 'actor',
      render: (_, e) => e.actorName ?? e.actorId ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <Tag color="blue" title={v}>{actionLabel(t, v)}</Tag> },
    { title: t('audit.entityType'), dataIndex: 'entityType', render: (v: string) => entityLabel(t, v) },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      render: (v: string | null) => (v ? <Typography.Text code copyable={{ text: v }}>{v}</Typography.Text> : t('common.none')),
    },
    { title: t('audit.ip'), dataIndex: 'ip', responsive: ['lg'] },
    { title: t('audit.requestId'), dataIndex: 'requestId', responsive: ['xl'], ellipsis: true },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} extra={<VerifyButton verify={verify} />} />
      <VerifyResult verify={verify} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <AuditFilters onChange={setFilter} />
      </Card>
      <PagedTable<AuditEntry>
        query={entries}
        paging={paging}
        onPaging={setPaging}
        columns={columns}
        expandable={{ expandedRowRender: (e) => <BeforeAfter before={e.before} after={e.after} /> }}
      />
    </>
  );
}
