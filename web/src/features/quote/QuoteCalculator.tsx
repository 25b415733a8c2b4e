import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Card, Col, Form, Radio, Row, Select, Typography } from 'antd';
import type { Plan, Product, Quote } from '@contracts/catalog';
import { useT } from '../../i18n/index.tsx';
import { formatDate } from '../../ui/format.ts';
import { CountInput } from '../../ui/MoneyInput.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { listPricePlan, localDescription, localName, monthsLabel, planPeriods, priceUnitLabel, unitLabel, useProducts, vatLabel } from '../catalog/catalog.ts';
import { PriceModelView } from '../catalog/PriceModelView.tsx';
import { QuoteResult } from './QuoteResult.tsx';
import { useQuote } from './quote.ts';

export interface Selection {
  product: Product;
  plan: Plan;
  quantity: number;
  periodMonths?: number;
}

/**
 * Pick a product, a quantity and (when the plan offers them) a billing period; the price list with the
 * reached tier, and the server's quote. `action` renders under the quote (e.g. a "buy" button).
 */
export function QuoteCalculator({ action }: { action?: (selection: Selection, quote: Quote | undefined) => ReactNode }) {
  const t = useT();
  const products = useProducts();
  const active = useMemo(() => (products.data ?? []).filter((p) => p.status === 'active'), [products.data]);
  const [code, setCode] = useState<string | undefined>();
  const [quantity, setQuantity] = useState<number | null>(1);
  const [period, setPeriod] = useState<number | undefined>();

  const product = active.find((p) => p.code === code) ?? active.find((p) => listPricePlan(p)) ?? active[0];
  const plan = listPricePlan(product);
  const periods = planPeriods(plan);
  const periodMonths = periods.length ? (period && periods.includes(period) ? period : periods[0]) : undefined;
  const model = plan?.currentPrice?.model;
  const unit = model && 'unit' in model ? unitLabel(t, model.unit) : undefined;

  const request = useDebounced(
    product && plan && quantity && quantity > 0 ? { product: product.code, quantity, ...(periodMonths ? { periodMonths } : {}) } : null,
  );
  const quote = useQuote(request);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={11}>
        <Card title={t('quote.choose')} size="small">
          <QueryError error={products.error} onRetry={() => products.refetch()} />
          <Form layout="vertical">
            <Form.Item label={t('contract.product')} htmlFor="quote-product">
              <Select
                id="quote-product"
                value={product?.code}
                onChange={(v: string) => setCode(v)}
                loading={products.isPending}
                options={active.map((p) => ({ value: p.code, label: localName(p, t.lang) }))}
                data-testid="quote-product"
              />
            </Form.Item>
            {product && localDescription(product, t.lang) && (
              <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
                {localDescription(product, t.lang)}
              </Typography.Paragraph>
            )}
            {product && !plan && <Alert type="info" showIcon title={t('quote.onpremOnly')} />}
            {plan && (
              <>
                <Form.Item label={unit ? t('quote.quantityOf', { unit }) : t('contract.quantity')} htmlFor="quote-quantity">
                  <CountInput id="quote-quantity" value={quantity} onChange={setQuantity} data-testid="quote-quantity" />
                </Form.Item>
                {periods.length > 1 && (
                  <Form.Item label={t('contract.period')}>
                    <Radio.Group
                      optionType="button"
                      buttonStyle="solid"
                      value={periodMonths}
                      onChange={(e) => setPeriod(e.target.value as number)}
                      options={periods.map((n) => ({ value: n, label: monthsLabel(t, n) }))}
                      data-testid="quote-period"
                    />
                  </Form.Item>
                )}
              </>
            )}
          </Form>
        </Card>
        {plan?.currentPrice && model && (
          <Card
            size="small"
            style={{ marginTop: 16 }}
            title={t('quote.priceTable')}
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('price.versionFrom', { version: plan.currentPrice.version, date: formatDate(plan.currentPrice.effectiveFrom) })}
              </Typography.Text>
            }
          >
            <PriceModelView model={model} quantity={quantity} period={periodMonths} />
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>
              {t('product.vatRate')}: {vatLabel(t, product.vatRate)}
            </Typography.Paragraph>
          </Card>
        )}
      </Col>
      <Col xs={24} lg={13}>
        <Card title={t('quote.result')} size="small">
          <QuoteResult
            quote={request ? quote.data : undefined}
            loading={quote.isFetching}
            error={quote.error}
            unit={priceUnitLabel(t, model)}
            extra={product && plan && quantity ? action?.({ product, plan, quantity, periodMonths }, quote.data) : undefined}
          />
        </Card>
      </Col>
    </Row>
  );
}
