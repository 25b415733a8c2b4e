import { Col, Row, Table, Tag, Typography } from 'antd';
import type { Plan, PriceVersion } from '@contracts/catalog';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { formatDate } from '../../ui/format.ts';
import { QueryError } from '../../ui/QueryError.tsx';
import { usePriceVersions } from './catalog.ts';
import { PriceModelView } from './PriceModelView.tsx';

/** A plan's current price list and the history of its versions (each expandable to its table). */
export function PlanPrices({ plan }: { plan: Plan }) {
  const t = useT();
  const versions = usePriceVersions(plan.id);
  const current = plan.currentPrice;

  return (
    <Row gutter={[24, 16]}>
      <Col xs={24} lg={11}>
        <Typography.Text strong>{t('plan.currentPrice')}</Typography.Text>
        {current ? (
          <>
            <Typography.Paragraph type="secondary" style={{ margin: '2px 0 8px' }}>
              {t('price.versionFrom', { version: current.version, date: formatDate(current.effectiveFrom) })} · {t(`priceKind.${current.model.kind}`)}
            </Typography.Paragraph>
            <PriceModelView model={current.model} />
          </>
        ) : (
          <Typography.Paragraph type="secondary">{t('plan.noPrice')}</Typography.Paragraph>
        )}
      </Col>
      <Col xs={24} lg={13}>
        <Typography.Text strong>{t('price.versions')}</Typography.Text>
        <QueryError error={versions.error} onRetry={() => versions.refetch()} />
        <Table<PriceVersion>
          rowKey="id"
          size="small"
          style={{ marginTop: 8 }}
          loading={versions.isPending}
          dataSource={versions.data}
          pagination={false}
          expandable={{ expandedRowRender: (v) => <PriceModelView model={v.model} /> }}
          columns={[
            {
              title: t('price.version'),
              dataIndex: 'version',
              render: (v: number, row) => (
                <>
                  v{v} {row.id === current?.id && <Tag color="green">{t('price.current')}</Tag>}
                  {current && row.effectiveFrom > current.effectiveFrom && <Tag color="gold">{t('price.scheduled')}</Tag>}
                </>
              ),
            },
            { title: t('price.effectiveFrom'), dataIndex: 'effectiveFrom', render: (v: string) => <DateTime value={v} dateOnly /> },
            { title: t('price.kind'), key: 'kind', responsive: ['md'], render: (_, v) => t(`priceKind.${v.model.kind}`) },
            { title: t('price.createdAt'), dataIndex: 'createdAt', responsive: ['lg'], render: (v: string) => <DateTime value={v} /> },
            { title: t('price.createdBy'), dataIndex: 'createdBy', responsive: ['xl'], render: (v: string | null) => v ?? t('common.none') },
          ]}
        />
      </Col>
    </Row>
  );
}
