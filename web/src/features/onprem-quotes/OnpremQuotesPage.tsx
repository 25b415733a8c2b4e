import { useState, type ReactNode } from 'react';
import { Button, Flex, Segmented, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined, CloseOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import type { OnpremQuote, OnpremQuoteStatus } from '@contracts/catalog';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { Money } from '../../ui/Money.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PagedTable } from '../../ui/PagedTable.tsx';
import { useFilteredPaging } from '../../ui/paging.ts';
import { hasAnyRole, useSession } from '../auth/session.tsx';
import { OnpremQuoteCommandDialog } from './OnpremQuoteCommandDialog.tsx';
import { OnpremQuoteCreateDialog } from './OnpremQuoteCreateDialog.tsx';
import { OnpremQuoteSummary } from './OnpremQuoteSummary.tsx';
import { useProductName } from '../catalog/catalog.ts';
import {
  ONPREM_STATUS_COLORS,
  QUOTE_APPROVER_ROLES,
  QUOTE_AUTHOR_ROLES,
  quoteCustomerName,
  quoteProductName,
  useOnpremQuotes,
  type OnpremCommand,
} from './onpremQuotes.ts';

const STATUSES: OnpremQuoteStatus[] = ['draft', 'submitted', 'approved', 'rejected', 'used'];

/** Negotiated On-Premise quotes: AMs draft and submit them, approvers decide. */
export function OnpremQuotesPage() {
  const t = useT();
  const productName = useProductName(t.lang);
  const { user } = useSession();
  const { filter: status, setFilter: setStatus, paging, setPaging } = useFilteredPaging<OnpremQuoteStatus | 'all'>('all');
  const [creating, setCreating] = useState(false);
  const [command, setCommand] = useState<{ quote: OnpremQuote; command: OnpremCommand } | null>(null);
  const quotes = useOnpremQuotes(status === 'all' ? {} : { status });
  const author = hasAnyRole(user, QUOTE_AUTHOR_ROLES);
  const approver = hasAnyRole(user, QUOTE_APPROVER_ROLES);

  const commandButton = (quote: OnpremQuote, c: OnpremCommand, icon: ReactNode) => (
    <Button size="small" icon={icon} danger={c === 'reject'} onClick={() => setCommand({ quote, command: c })} data-testid={`onprem-${c}-${quote.number}`}>
      {t(`onprem.${c}`)}
    </Button>
  );

  const columns: TableColumnsType<OnpremQuote> = [
    { title: t('onprem.number'), dataIndex: 'number', render: (v: string) => <strong>{v}</strong> },
    { title: t('contract.customer'), key: 'customer', render: (_, q) => quoteCustomerName(q) },
    { title: t('contract.product'), key: 'product', render: (_, q) => (q.product ? productName(q.product.code) : quoteProductName(q)) },
    { title: t('onprem.description'), dataIndex: 'description', ellipsis: true, responsive: ['lg'] },
    { title: t('onprem.total'), dataIndex: 'totalVnd', align: 'right', render: (v: string) => <Money value={v} /> },
    { title: t('onprem.validUntil'), dataIndex: 'validUntil', render: (v: string) => <DateTime value={v} dateOnly /> },
    {
      title: t('contract.status'),
      dataIndex: 'status',
      render: (s: OnpremQuoteStatus) => <Tag color={ONPREM_STATUS_COLORS[s]}>{t(`onpremStatus.${s}`)}</Tag>,
    },
    { title: t('onprem.createdBy'), dataIndex: 'createdBy', responsive: ['xl'] },
    {
      title: t('common.actions'),
      key: 'actions',
      align: 'right',
      render: (_, q) => (
        <Flex gap={6} justify="flex-end" onClick={(e) => e.stopPropagation()}>
          {author && q.status === 'draft' && commandButton(q, 'submit', <SendOutlined />)}
          {approver && q.status === 'submitted' && commandButton(q, 'approve', <CheckOutlined />)}
          {approver && q.status === 'submitted' && commandButton(q, 'reject', <CloseOutlined />)}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('onprem.title')}
        extra={
          author && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="onprem-create">
              {t('onprem.create')}
            </Button>
          )
        }
      />
      <Segmented<OnpremQuoteStatus | 'all'>
        value={status}
        onChange={setStatus}
        options={[{ value: 'all', label: t('common.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`onpremStatus.${s}`) }))]}
        style={{ marginBottom: 16 }}
      />
      <PagedTable<OnpremQuote>
        query={quotes}
        paging={paging}
        onPaging={setPaging}
        columns={columns}
        expandable={{
          expandedRowRender: (q) => (
            <>
              <OnpremQuoteSummary quote={q} />
              {(q.decidedBy || q.reason) && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                  {q.decidedBy && <>{t('onprem.decidedBy')}: {q.decidedBy}</>}
                  {q.decidedAt && <> · <DateTime value={q.decidedAt} /></>}
                  {q.reason && <> · {t('onprem.reason')}: {q.reason}</>}
                </Typography.Paragraph>
              )}
            </>
          ),
        }}
      />
      {creating && <OnpremQuoteCreateDialog onClose={() => setCreating(false)} />}
      {command && <OnpremQuoteCommandDialog quote={command.quote} command={command.command} onClose={() => setCommand(null)} />}
    </>
  );
}
