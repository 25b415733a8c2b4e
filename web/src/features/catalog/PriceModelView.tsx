import { Table, Typography, type TableColumnsType } from 'antd';
import type { PriceModelJson } from '@contracts/catalog';
import { useT, type Translate } from '../../i18n/index.tsx';
import { Money } from '../../ui/Money.tsx';
import { formatNumber } from '../../ui/format.ts';
import { reachedIndex, unitLabel } from './catalog.ts';

interface Row {
  key: number;
  range: string;
  unitPriceVnd?: string;
  pricesVnd?: Record<string, string>;
}

/** "1 – 5.000", "Trên 50.000": the quantities a tier covers (bounds are inclusive upper limits). */
export function rangeLabel(t: Translate, bounds: (number | null)[], i: number): string {
  const from = i === 0 ? 1 : (bounds[i - 1] ?? 0) + 1;
  const upTo = bounds[i];
  if (upTo === null) return i === 0 ? t('price.any') : t('price.above', { n: formatNumber(from - 1) });
  return `${formatNumber(from)} – ${formatNumber(upTo)}`;
}

/**
 * A price list as a table: volume/graduated tiers, or brackets × billing periods for per-unit-period
 * models. With `quantity` (and `period`) the tier or cell the quantity reaches is highlighted.
 */
export function PriceModelView({
  model,
  quantity,
  period,
  size = 'small',
}: {
  model: PriceModelJson;
  quantity?: number | null;
  period?: number | null;
  size?: 'small' | 'middle';
}) {
  const t = useT();

  if (model.kind === 'quote') return <Typography.Text type="secondary">{t('price.quoteOnly')}</Typography.Text>;
  if (model.kind === 'flat') {
    return (
      <Typography.Text>
        {t('priceKind.flat')}: <Money value={model.amountVnd} />
        {model.periods?.length ? ` · ${model.periods.map((n) => t('common.months', { n })).join(', ')}` : ''}
      </Typography.Text>
    );
  }

  const unit = unitLabel(t, model.unit);
  const bounds = model.kind === 'per_unit_period' ? model.brackets.map((b) => b.upTo) : model.tiers.map((x) => x.upTo);
  const reached = reachedIndex(bounds, quantity);
  const rows: Row[] =
    model.kind === 'per_unit_period'
      ? model.brackets.map((b, i) => ({ key: i, range: rangeLabel(t, bounds, i), pricesVnd: b.pricesVnd }))
      : model.tiers.map((x, i) => ({ key: i, range: rangeLabel(t, bounds, i), unitPriceVnd: x.unitPriceVnd }));

  const columns: TableColumnsType<Row> = [{ title: t('price.quantityOf', { unit }), dataIndex: 'range' }];
  if (model.kind === 'per_unit_period') {
    for (const p of model.periods) {
      columns.push({
        title: t('price.periodColumn', { n: p }),
        key: `p${p}`,
        align: 'right',
        onCell: (row) => ({ className: row.key === reached && p === period ? 'cell-reached' : undefined }),
        render: (_, row) => <Money value={row.pricesVnd?.[String(p)]} />,
      });
    }
  } else {
    columns.push({
      title: t('price.unitPricePer', { unit }),
      dataIndex: 'unitPriceVnd',
      align: 'right',
      render: (v: string) => <Money value={v} />,
    });
  }

  const hint =
    model.kind === 'volume'
      ? t('price.volumeHint')
      : model.kind === 'graduated'
        ? t('price.graduatedHint')
        : t('price.periodHint', { unit });

  return (
    <div>
      <Table<Row>
        rowKey="key"
        size={size}
        columns={columns}
        dataSource={rows}
        pagination={false}
        rowClassName={(row) => (row.key === reached ? 'tier-reached' : '')}
        data-testid="price-table"
      />
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
        {hint}
      </Typography.Paragraph>
    </div>
  );
}
