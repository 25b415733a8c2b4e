import { useQuery } from '@tanstack/react-query';
import { Button, Space, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { InvoiceBatches } from '@contracts/billpay';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { Money } from '../../ui/Money.tsx';
import { QueryError } from '../../ui/QueryError.tsx';

type Batch = InvoiceBatches['items'][number];

/** E11 on the desk: each morning's VAT invoice batches per center and their mailing lists. */
export function VatBatchesTab() {
  const t = useT();
  const batches = useQuery({ queryKey: ['billpay-desk', 'vat-batches'], queryFn: () => api.get<InvoiceBatches>('/api/v1/billpay/invoice-batches') });
  const list = (id: string, format: 'csv' | 'xlsx') => `/api/v1/billpay/invoice-batches/${encodeURIComponent(id)}/mailing-list?format=${format}`;
  return (
    <>
      <QueryError error={batches.error} onRetry={() => batches.refetch()} />
      <Table<Batch>
        rowKey="id"
        size="middle"
        loading={batches.isFetching}
        dataSource={batches.data?.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('billpayDesk.batchDay'), dataIndex: 'day', render: (v: string) => <DateTime value={v} dateOnly /> },
          { title: 'TT', dataIndex: 'center' },
          { title: t('billpayDesk.batchCount'), dataIndex: 'count' },
          { title: t('billpay.amount'), dataIndex: 'totalVnd', align: 'right', render: (v: string) => <Money value={v} /> },
          {
            key: 'list',
            title: t('billpayDesk.mailingList'),
            render: (_, b) => (
              <Space>
                <Button size="small" icon={<DownloadOutlined />} href={list(b.id, 'xlsx')}>Excel</Button>
                <Button size="small" icon={<DownloadOutlined />} href={list(b.id, 'csv')}>CSV</Button>
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
