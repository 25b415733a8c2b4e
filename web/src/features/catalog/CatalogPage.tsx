import { useState } from 'react';
import { Button, Card, Empty, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, TagsOutlined } from '@ant-design/icons';
import type { Plan, Product } from '@contracts/catalog';
import { useT } from '../../i18n/index.tsx';
import { formatBasisPoints, formatDate } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { billingLabel, editionLabel, localDescription, localName, monthsLabel, planPeriods, TRIAL_PRODUCT, useProducts, vatLabel } from './catalog.ts';
import { PlanCreateDialog } from './PlanCreateDialog.tsx';
import { PlanPrices } from './PlanPrices.tsx';
import { PriceVersionDialog } from './PriceVersionDialog.tsx';
import { ProductCreateDialog } from './ProductCreateDialog.tsx';
import { ProductEditDialog } from './ProductEditDialog.tsx';
import { TrialPolicyCard } from './TrialPolicyCard.tsx';

type Dialog =
  | { kind: 'newProduct' }
  | { kind: 'editProduct'; product: Product }
  | { kind: 'newPlan'; product: Product }
  | { kind: 'newPrice'; plan: Plan };

/** Admin: products, their plans, price lists with their version history, and Meeting's trial policy. */
export function CatalogPage() {
  const t = useT();
  const products = useProducts(true);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);

  return (
    <>
      <PageHeader
        title={t('catalog.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'newProduct' })} data-testid="catalog-new-product">
            {t('catalog.newProduct')}
          </Button>
        }
      />
      <QueryError error={products.error} onRetry={() => products.refetch()} />
      {products.data?.length === 0 && <Empty description={t('catalog.empty')} />}
      <Flex vertical gap={16}>
        {(products.isPending ? [null] : (products.data ?? [])).map((p, i) =>
          p ? (
            <ProductCard
              key={p.id}
              product={p}
              onEdit={() => setDialog({ kind: 'editProduct', product: p })}
              onNewPlan={() => setDialog({ kind: 'newPlan', product: p })}
              onNewPrice={(plan) => setDialog({ kind: 'newPrice', plan })}
            />
          ) : (
            <Card key={i} loading />
          ),
        )}
      </Flex>

      {dialog?.kind === 'newProduct' && <ProductCreateDialog onClose={close} />}
      {dialog?.kind === 'editProduct' && <ProductEditDialog product={dialog.product} onClose={close} />}
      {dialog?.kind === 'newPlan' && <PlanCreateDialog product={dialog.product} onClose={close} />}
      {dialog?.kind === 'newPrice' && <PriceVersionDialog plan={dialog.plan} onClose={close} />}
    </>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text type="secondary">{label}: </Typography.Text>
      <Typography.Text strong>{value}</Typography.Text>
    </span>
  );
}

function ProductCard(props: { product: Product; onEdit: () => void; onNewPlan: () => void; onNewPrice: (plan: Plan) => void }) {
  const t = useT();
  const { product } = props;

  const columns: TableColumnsType<Plan> = [
    { title: t('plan.code'), dataIndex: 'code', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('plan.name'), key: 'name', render: (_, p) => localName(p, t.lang) },
    {
      title: t('plan.edition'),
      dataIndex: 'edition',
      render: (e: string) => <Tag color={e === 'saas' ? 'blue' : 'purple'}>{editionLabel(t, e)}</Tag>,
    },
    { title: t('plan.billing'), dataIndex: 'billing', responsive: ['md'], render: (b: string) => billingLabel(t, b) },
    {
      title: t('plan.periods'),
      key: 'periods',
      responsive: ['md'],
      render: (_, p) => planPeriods(p).map((n) => monthsLabel(t, n)).join(', ') || t('common.none'),
    },
    {
      title: t('plan.currentPrice'),
      key: 'price',
      render: (_, p) =>
        p.currentPrice ? (
          <span>
            v{p.currentPrice.version} · {formatDate(p.currentPrice.effectiveFrom)}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t(`priceKind.${p.currentPrice.model.kind}`)}
            </Typography.Text>
          </span>
        ) : (
          <Typography.Text type="secondary">{t('plan.noPrice')}</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      align: 'right',
      render: (_, plan) => (
        <Button size="small" icon={<TagsOutlined />} onClick={() => props.onNewPrice(plan)} data-testid={`new-price-${plan.code}`}>
          {t('price.newVersion')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      data-testid={`product-${product.code}`}
      title={
        <Flex gap={8} align="center" wrap>
          <span>{localName(product, t.lang)}</span>
          <Typography.Text code>{product.code}</Typography.Text>
          <Tag color={product.status === 'active' ? 'green' : 'default'}>{t(`productStatus.${product.status}`)}</Tag>
        </Flex>
      }
      extra={
        <Flex gap={8}>
          <Button size="small" icon={<EditOutlined />} onClick={props.onEdit}>
            {t('common.edit')}
          </Button>
          <Button size="small" icon={<PlusOutlined />} onClick={props.onNewPlan}>
            {t('catalog.newPlan')}
          </Button>
        </Flex>
      }
    >
      {localDescription(product, t.lang) && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {localDescription(product, t.lang)}
        </Typography.Paragraph>
      )}
      <Flex gap="4px 24px" wrap style={{ marginBottom: 12 }}>
        <Fact label={t('product.vatRate')} value={vatLabel(t, product.vatRate)} />
        <Fact label={t('product.agentCommission')} value={formatBasisPoints(product.agentCommissionBp)} />
        <Fact label={t('product.amCommission')} value={formatBasisPoints(product.amCommissionBp)} />
      </Flex>
      <Table<Plan>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={product.plans}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (plan) => <PlanPrices plan={plan} />, expandRowByClick: false }}
      />
      {product.code === TRIAL_PRODUCT && (
        <div style={{ marginTop: 16 }}>
          <TrialPolicyCard />
        </div>
      )}
    </Card>
  );
}
