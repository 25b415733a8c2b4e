import type { ReactNode } from 'react';
import { Alert, Descriptions, Flex, Spin, Table, Typography } from 'antd';
import type { Quote, QuoteLine } from '@contracts/catalog';
import { useT } from '../../i18n/index.tsx';
import { Money } from '../../ui/Money.tsx';
import { formatNumber } from '../../ui/format.ts';
import { vatLabel } from '../catalog/catalog.ts';

/** The amounts of a quote: unit price, subtotal, VAT (or KCT), total, and its lines. */
export function QuoteResult({
  quote,
  loading,
  error,
  unit,
  extra,
}: {
  quote: Quote | undefined;
  loading?: boolean;
  error?: Error | null;
  unit?: string;
  extra?: ReactNode;
}) {
  const t = useT();
  if (error) return <Alert type="warning" showIcon title={error.message} />;
  if (!quote) return loading ? <Spin /> : <Typography.Text type="secondary">{t('quote.pick')}</Typography.Text>;

  return (
    <Spin spinning={!!loading} delay={200}>
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          {
            key: 'unit',
            label: t('quote.unitPrice'),
            children: (
              <>
                <Money value={quote.unitPriceVnd} />
                {unit && <Typography.Text type="secondary"> / {unit}</Typography.Text>}
              </>
            ),
          },
          { key: 'subtotal', label: t('quote.subtotal'), children: <Money value={quote.subtotalVnd} /> },
          {
            key: 'vat',
            label: t('quote.vat'),
            children:
              quote.vatRate === 'KCT' ? (
                vatLabel(t, 'KCT')
              ) : (
                <Flex gap={8}>
                  <Money value={quote.vatVnd} />
                  <Typography.Text type="secondary">({vatLabel(t, quote.vatRate)})</Typography.Text>
                </Flex>
              ),
          },
          {
            key: 'total',
            label: <strong>{t('quote.total')}</strong>,
            children: (
              <strong className="quote-total" data-testid="quote-total">
                <Money value={quote.totalVnd} />
              </strong>
            ),
          },
        ]}
      />
      {quote.lines.length > 0 && (
        <Table<QuoteLine & { key: number }>
          size="small"
          rowKey="key"
          style={{ marginTop: 12 }}
          dataSource={quote.lines.map((l, key) => ({ ...l, key }))}
          pagination={false}
          // No horizontal scroll: the description wraps so the amounts stay in view in a half-width column.
          columns={[
            { title: t('quote.line.description'), key: 'description', render: (_, l) => (t.lang === 'en' ? l.descriptionEn : l.description) },
            { title: t('quote.line.quantity'), dataIndex: 'quantity', align: 'right', render: (v: number) => formatNumber(v) },
            { title: t('quote.line.months'), dataIndex: 'months', align: 'right', render: (v: number) => formatNumber(v) },
            { title: t('quote.line.unitPrice'), dataIndex: 'unitPriceVnd', align: 'right', className: 'nowrap', render: (v: string) => <Money value={v} /> },
            { title: t('quote.line.amount'), dataIndex: 'amountVnd', align: 'right', className: 'nowrap', render: (v: string) => <Money value={v} /> },
          ]}
        />
      )}
      {extra && <div style={{ marginTop: 16 }}>{extra}</div>}
    </Spin>
  );
}
