import { Descriptions, Table } from 'antd';
import type { OnpremQuote } from '@contracts/catalog';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { formatNumber } from '../../ui/format.ts';
import { Money } from '../../ui/Money.tsx';

type Line = OnpremQuote['lines'][number];

/** The lines and total of an On-Premise quote. */
export function OnpremQuoteSummary({ quote }: { quote: OnpremQuote }) {
  const t = useT();
  return (
    <>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'number', label: t('onprem.number'), children: quote.number },
          { key: 'desc', label: t('onprem.description'), children: quote.description },
          { key: 'valid', label: t('onprem.validUntil'), children: <DateTime value={quote.validUntil} dateOnly /> },
        ]}
      />
      <Table<Line & { key: number }>
        size="small"
        rowKey="key"
        dataSource={quote.lines.map((l, key) => ({ ...l, key }))}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('onprem.line.description'), dataIndex: 'description' },
          { title: t('onprem.line.quantity'), dataIndex: 'quantity', align: 'right', render: (v: number) => formatNumber(v) },
          { title: t('onprem.line.unitPrice'), dataIndex: 'unitPriceVnd', align: 'right', render: (v: string) => <Money value={v} /> },
          { title: t('onprem.line.amount'), dataIndex: 'amountVnd', align: 'right', render: (v: string) => <Money value={v} /> },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={3}>
              <strong>{t('onprem.total')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              <strong>
                <Money value={quote.totalVnd} />
              </strong>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </>
  );
}
