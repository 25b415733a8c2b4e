import { useState } from 'react';
import { App, Alert, Button, Card, Col, DatePicker, Flex, Form, Input, Radio, Row, Select, Tag, Typography } from 'antd';
import { PlusOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import type { Billing } from '@contracts/catalog';
import type { Customer } from '@contracts/customers';
import { useT } from '../../i18n/index.tsx';
import { DATE_FORMAT, isoDate, vnTodayDayjs } from '../../ui/dates.ts';
import { CountInput } from '../../ui/MoneyInput.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { requiredChoiceRule, requiredValueRule } from '../../ui/rules.ts';
import { useDebounced } from '../../ui/useDebounced.ts';
import { billingLabel, editionLabel, listPricePlan, localName, monthsLabel, planPeriods, priceUnitLabel, unitLabel, useProducts } from '../catalog/catalog.ts';
import { CustomerCreateDialog } from '../customers/CustomerCreateDialog.tsx';
import { CustomerSelect } from '../customers/CustomerSelect.tsx';
import { OnpremQuoteSummary } from '../onprem-quotes/OnpremQuoteSummary.tsx';
import { useOnpremQuotes } from '../onprem-quotes/onpremQuotes.ts';
import { QuoteResult } from '../quote/QuoteResult.tsx';
import { useQuote } from '../quote/quote.ts';
import { useCreateContract, useSubmitContract, type CreateContractBody } from './contracts.ts';

interface Values {
  customerId: string;
  product: string;
  planCode: string;
  billing: Billing;
  onpremQuoteId?: string;
  quantity: number;
  periodMonths?: number;
  signedDate: Dayjs;
  startDate?: Dayjs | null;
  note?: string;
}

/** AM/KAM/agent declaration of a contract (C2): a draft, then "send the customer the payment link". */
export function ContractNewPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [creatingCustomer, setCreatingCustomer] = useState(false);
  const products = useProducts();
  const create = useCreateContract();
  const submit = useSubmitContract();

  const customerId = Form.useWatch('customerId', form);
  const productCode = Form.useWatch('product', form);
  const planCode = Form.useWatch('planCode', form);
  const quantity = Form.useWatch('quantity', form);
  const periodMonths = Form.useWatch('periodMonths', form);
  const onpremQuoteId = Form.useWatch('onpremQuoteId', form);

  const activeProducts = (products.data ?? []).filter((p) => p.status === 'active');
  const product = activeProducts.find((p) => p.code === productCode);
  const plan = product?.plans.find((p) => p.code === planCode);
  const onPremise = plan?.edition === 'on_premise';
  const periods = onPremise ? [] : planPeriods(plan);
  const model = plan?.currentPrice?.model;
  const unit = model && 'unit' in model ? unitLabel(t, model.unit) : undefined;

  const quotes = useOnpremQuotes({ status: 'approved', customerId }, onPremise && !!customerId);
  const approvedQuotes = (quotes.data?.items ?? []).filter((q) => !productCode || q.product?.code === productCode);
  const chosenQuote = approvedQuotes.find((q) => q.id === onpremQuoteId);

  const live = useQuote(
    useDebounced(
      product && plan && !onPremise && quantity > 0
        ? { product: product.code, quantity, ...(periods.length && periodMonths ? { periodMonths } : {}) }
        : null,
    ),
  );

  // A new product picks its first plan; a new plan brings its billing and first period.
  const onValuesChange = (changed: Partial<Values>) => {
    if ('product' in changed) {
      const next = activeProducts.find((p) => p.code === changed.product);
      const first = listPricePlan(next) ?? next?.plans[0] ?? null;
      form.setFieldsValue({ planCode: first?.code, onpremQuoteId: undefined });
      if (first) form.setFieldsValue({ billing: first.billing, periodMonths: planPeriods(first)[0] });
    }
    if ('planCode' in changed) {
      const next = product?.plans.find((p) => p.code === changed.planCode);
      if (next) form.setFieldsValue({ billing: next.billing, periodMonths: planPeriods(next)[0], onpremQuoteId: undefined });
    }
    if ('customerId' in changed) form.setFieldValue('onpremQuoteId', undefined);
  };

  const save = async (andSubmit: boolean) => {
    // An invalid form is not an error: antd shows each field's message; bring the first into view.
    const v = await form.validateFields().catch((e: { errorFields?: { name: (string | number)[] }[] }) => {
      const first = e.errorFields?.[0];
      if (first) form.scrollToField(first.name);
      return null;
    });
    if (!v) return;
    const body: CreateContractBody = {
      customerId: v.customerId,
      product: v.product,
      planCode: v.planCode,
      billing: v.billing,
      quantity: v.quantity,
      signedDate: isoDate(v.signedDate),
      ...(periods.length && v.periodMonths ? { periodMonths: v.periodMonths } : {}),
      ...(v.startDate ? { startDate: isoDate(v.startDate) } : {}),
      ...(onPremise && v.onpremQuoteId ? { onpremQuoteId: v.onpremQuoteId } : {}),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    };
    create.mutate(body, {
      onError: (e) => message.error(e.message),
      onSuccess: (draft) => {
        const open = () => navigate(`/contracts/${draft.id}`);
        if (!andSubmit) {
          message.success(t('declare.draftSaved', { number: draft.number }));
          return open();
        }
        submit.mutate(draft.id, {
          onSuccess: () => message.success(t('declare.submitted', { number: draft.number })),
          onError: (e) => message.warning(t('declare.submitFailed', { number: draft.number, error: e.message })),
          onSettled: open,
        });
      },
    });
  };
  const busy = create.isPending || submit.isPending;

  return (
    <>
      <PageHeader title={t('declare.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={13}>
          <Card size="small">
            <Form<Values>
              form={form}
              layout="vertical"
              onValuesChange={onValuesChange}
              initialValues={{ quantity: 1, billing: 'prepaid', signedDate: vnTodayDayjs() }}
            >
              <Form.Item label={t('contract.customer')} required htmlFor="customerId">
                <Flex gap={8}>
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <Form.Item name="customerId" noStyle rules={[requiredChoiceRule(t, t('contract.customer'))]}>
                      <CustomerSelect known={customer} data-testid="contract-customer" />
                    </Form.Item>
                  </div>
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => setCreatingCustomer(true)}
                    title={t('declare.newCustomer')}
                    data-testid="contract-new-customer"
                  >
                    <span className="hide-on-phone">{t('declare.newCustomer')}</span>
                  </Button>
                </Flex>
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="product" label={t('contract.product')} rules={[requiredChoiceRule(t, t('contract.product'))]}>
                    <Select
                      loading={products.isPending}
                      options={activeProducts.map((p) => ({ value: p.code, label: localName(p, t.lang) }))}
                      data-testid="contract-product"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="planCode" label={t('contract.plan')} rules={[requiredChoiceRule(t, t('contract.plan'))]}>
                    <Select
                      disabled={!product}
                      options={(product?.plans ?? []).map((p) => ({
                        value: p.code,
                        label: (
                          <Flex gap={6} align="center">
                            {localName(p, t.lang)}
                            <Tag color={p.edition === 'saas' ? 'blue' : 'purple'}>{editionLabel(t, p.edition)}</Tag>
                          </Flex>
                        ),
                      }))}
                      data-testid="contract-plan"
                    />
                  </Form.Item>
                </Col>
              </Row>
              {onPremise && (
                <Form.Item
                  name="onpremQuoteId"
                  label={t('contract.onpremQuote')}
                  rules={[requiredChoiceRule(t, t('contract.onpremQuote'))]}
                  extra={customerId && !quotes.isFetching && approvedQuotes.length === 0 ? t('contract.onpremQuoteNone') : undefined}
                >
                  <Select
                    loading={quotes.isFetching}
                    disabled={!customerId}
                    options={approvedQuotes.map((q) => ({ value: q.id, label: `${q.number} · ${q.description}` }))}
                    data-testid="contract-onprem-quote"
                  />
                </Form.Item>
              )}
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="billing" label={t('contract.billing')}>
                    <Radio.Group optionType="button" options={(['prepaid', 'postpaid'] as const).map((b) => ({ value: b, label: billingLabel(t, b) }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="quantity"
                    label={unit ? t('quote.quantityOf', { unit }) : t('contract.quantity')}
                    rules={[requiredValueRule(t, t('contract.quantity'))]}
                  >
                    <CountInput data-testid="contract-quantity" />
                  </Form.Item>
                </Col>
              </Row>
              {periods.length > 1 && (
                <Form.Item name="periodMonths" label={t('contract.period')} rules={[requiredChoiceRule(t, t('contract.period'))]}>
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    options={periods.map((n) => ({ value: n, label: monthsLabel(t, n) }))}
                    data-testid="contract-period"
                  />
                </Form.Item>
              )}
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="signedDate" label={t('contract.signedDate')} rules={[requiredChoiceRule(t, t('contract.signedDate'))]}>
                    <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} data-testid="contract-signed-date" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="startDate" label={t('contract.startDate')} extra={t('declare.startDateHint')}>
                    <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} data-testid="contract-start-date" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="note" label={t('contract.note')}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              <Flex gap={8} wrap justify="flex-end">
                <Button icon={<SaveOutlined />} onClick={() => save(false)} loading={busy} data-testid="contract-save-draft">
                  {t('declare.saveDraft')}
                </Button>
                <Button type="primary" icon={<SendOutlined />} onClick={() => save(true)} loading={busy} data-testid="contract-submit">
                  {t('action.submit')}
                </Button>
              </Flex>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card size="small" title={t('declare.quote')}>
            {onPremise ? (
              chosenQuote ? (
                <OnpremQuoteSummary quote={chosenQuote} />
              ) : (
                <Typography.Text type="secondary">{t('declare.pickOnpremQuote')}</Typography.Text>
              )
            ) : (
              <QuoteResult quote={plan ? live.data : undefined} loading={live.isFetching} error={live.error} unit={priceUnitLabel(t, model)} />
            )}
            {plan && !onPremise && plan.edition === 'saas' && plan.code !== listPricePlan(product)?.code && (
              <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('declare.quoteListPlan')} />
            )}
          </Card>
        </Col>
      </Row>
      {creatingCustomer && (
        <CustomerCreateDialog
          onClose={() => setCreatingCustomer(false)}
          onCreated={(c) => {
            setCustomer(c);
            form.setFieldValue('customerId', c.id);
            onValuesChange({ customerId: c.id });
            setCreatingCustomer(false);
          }}
        />
      )}
    </>
  );
}
