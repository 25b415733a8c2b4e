import { useState } from 'react';
import { App, Button, DatePicker, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined, PrinterOutlined, SyncOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import type { CommissionItem, CommissionStatement } from '@contracts/commissions';
import { api, withQuery } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';
import { formatBasisPoints } from '../../ui/format.ts';
import { Money } from '../../ui/Money.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { useSession } from '../auth/session.tsx';

const STATUS_COLORS = { accrued: 'gold', approved: 'green' } as const;

/** `/commissions`: a month's statements (approve, minutes) and lines; the accountant sees all, others their own. */
export function CommissionsPage() {
  const t = useT();
  const { modal } = App.useApp();
  const { permissions } = useSession();
  const canApprove = permissions.includes('commission.approve');
  const [search] = useSearchParams();
  // The month in the address (a link to a month), else last month: the one to settle.
  const [period, setPeriod] = useState(
    () => (/^\d{4}-\d{2}$/.test(search.get('period') ?? '') ? search.get('period')! : dayjs().subtract(1, 'month').format('YYYY-MM'))
  );
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ['commissions'] });
  const statements = useQuery(
    { queryKey: ['commissions', 'statements', period], queryFn: () => api.get<{ items: CommissionStatement[] }>('/api/v1/commissions/statements', { period }) }
  );
  const lines = useQuery(
    { queryKey: ['commissions', 'lines', period], queryFn: () => api.get<{ items: CommissionItem[] }>('/api/v1/commissions', { period }) }
  );
  const approve = useMutation(
    {
      mutationFn: (b: { period: string; beneficiaryUsername: string }) => api.post<CommissionStatement>('/api/v1/commissions/statements/approve', b),
      onSuccess: refresh,
    }
  );
  const sync = useMutation({ mutationFn: () => api.post<{ added: number }>('/api/v1/commissions/sync', { period }), onSuccess: refresh });
  const approveNow = useSubmit(approve, t('commission.approved'));
  const syncNow = useSubmit(sync, (r) => t('commission.synced', { added: r.added }));
  const minutesUrl = (u: string) => withQuery('/api/v1/commissions/minutes', { period, beneficiaryUsername: u });

  const statementColumns: TableColumnsType<CommissionStatement> = [
    { title: t('commission.beneficiary'), dataIndex: 'beneficiaryUsername' },
    { title: t('commission.kind'), dataIndex: 'beneficiaryKind', render: (k: 'am' | 'agent') => t(`commission.kind.${k}`) },
    { title: t('commission.collected'), dataIndex: 'collectedVnd', align: 'right', render: (v: string) => <Money value={v} /> },
    { title: t('commission.amount'), dataIndex: 'amountVnd', align: 'right', render: (v: string) => <strong><Money value={v} /></strong> },
    {
      title: t('commission.status'),
      dataIndex: 'status',
      render: (s: CommissionStatement['status']) => <Tag color={STATUS_COLORS[s]}>{t(`commission.status.${s}`)}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) => (
        <Space size="small" wrap>
          <Button size="small" icon={<PrinterOutlined />} href={minutesUrl(r.beneficiaryUsername)} target="_blank" data-testid={
            `commission-minutes-${r.beneficiaryUsername}`
          }>
            {t('commission.minutes')}
          </Button>
          {canApprove && r.status === 'accrued' && (
            <Button
              size="small"
              type="primary"
              onClick={() =>
                modal.confirm({
                  title: t('commission.approveConfirm', { period, beneficiary: r.beneficiaryUsername }),
                  onOk: () => approveNow({ period, beneficiaryUsername: r.beneficiaryUsername }),
                })
              }
            >
              {t('commission.approve')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const lineColumns: TableColumnsType<CommissionItem> = [
    { title: t('commission.beneficiary'), dataIndex: 'beneficiaryUsername' },
    { title: t('commission.contract'), dataIndex: 'contractNumber', render: (n: string, r) => <Link to={`/contracts/${r.contractId}`}>{n}</Link> },
    { title: t('commission.collected'), dataIndex: 'collectedVnd', align: 'right', render: (v: string) => <Money value={v} /> },
    { title: t('commission.rate'), dataIndex: 'rateBp', align: 'right', render: (bp: number) => formatBasisPoints(bp) },
    { title: t('commission.amount'), dataIndex: 'amountVnd', align: 'right', render: (v: string) => <Money value={v} /> },
    {
      title: t('commission.status'),
      dataIndex: 'status',
      render: (s: CommissionItem['status']) => <Tag color={STATUS_COLORS[s]}>{t(`commission.status.${s}`)}</Tag>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('commission.title')}
        extra={
          <Space wrap>
            <DatePicker picker="month" allowClear={false} value={dayjs(`${period}-01`)} format="MM/YYYY" onChange={
              (d) => d && setPeriod(d.format('YYYY-MM'))
            } aria-label={t('commission.period')} />
            {canApprove && (
              <Button icon={<SyncOutlined />} loading={sync.isPending} onClick={() => syncNow(undefined)}>
                {t('commission.sync')}
              </Button>
            )}
            <Button icon={<FileExcelOutlined />} href={withQuery('/api/v1/commissions/export', { period })} download data-testid="commission-export">
              {t('commission.export')}
            </Button>
          </Space>
        }
      />
      <QueryError error={statements.error ?? lines.error} onRetry={() => refresh()} />
      <Typography.Title level={4}>{t('commission.statements')}</Typography.Title>
      <Table<CommissionStatement>
        rowKey={(r) => `${r.beneficiaryUsername}:${r.status}`}
        size="small"
        loading={statements.isLoading}
        columns={statementColumns}
        dataSource={statements.data?.items ?? []}
        locale={{ emptyText: t('commission.empty') }}
        pagination={false}
        scroll={{ x: true }}
      />
      <Typography.Title level={4} style={{ marginTop: 24 }}>{t('commission.lines')}</Typography.Title>
      <Table<CommissionItem>
        rowKey={(r) => `${r.beneficiaryUsername}:${r.contractId}:${r.status}`}
        size="small"
        loading={lines.isLoading}
        columns={lineColumns}
        dataSource={lines.data?.items ?? []}
        locale={{ emptyText: t('commission.empty') }}
        scroll={{ x: true }}
      />
    </>
  );
}
