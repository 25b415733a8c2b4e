import { Button, Col, DatePicker, Form, Input, Row, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useT } from '../../i18n/index.tsx';
import { DATE_FORMAT, isoDate, vnTodayDayjs } from '../../ui/dates.ts';
import { FormDialog } from '../../ui/FormDialog.tsx';
import { formatMoney } from '../../ui/format.ts';
import { CountInput, MoneyInput } from '../../ui/MoneyInput.tsx';
import { requiredChoiceRule, requiredRule, requiredValueRule } from '../../ui/rules.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { localName, useProducts } from '../catalog/catalog.ts';
import { CustomerSelect } from '../customers/CustomerSelect.tsx';
import { lineAmount, useCreateOnpremQuote } from './onpremQuotes.ts';

interface Line {
  description: string;
  quantity: number;
  unitPriceVnd: string | null;
}

interface Values {
  customerId: string;
  product: string;
  description: string;
  lines: Line[];
  validUntil: Dayjs;
}

/** An AM's negotiated On-Premise quote: customer, product, priced lines, validity. Saved as a draft. */
export function OnpremQuoteCreateDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const create = useCreateOnpremQuote();
  const send = useSubmit(create, (q) => t('onprem.created', { number: q.number }), onClose);
  const products = useProducts();
  const [form] = Form.useForm<Values>();
  const lines = (Form.useWatch('lines', form) ?? []) as (Line | undefined)[];
  const total = lines.reduce((sum, l) => sum + lineAmount(l?.quantity, l?.unitPriceVnd), 0n);

  // Products that have an On-Premise edition first; any active product may be quoted.
  const options = (products.data ?? [])
    .filter((p) => p.status === 'active')
    .sort((a, b) => Number(b.plans.some((x) => x.edition === 'on_premise')) - Number(a.plans.some((x) => x.edition === 'on_premise')))
    .map((p) => ({ value: p.code, label: localName(p, t.lang) }));

  const submit = (v: Values) =>
    send({
      customerId: v.customerId,
      product: v.product,
      description: v.description.trim(),
      validUntil: isoDate(v.validUntil),
      lines: v.lines.map((l) => ({ description: l.description.trim(), quantity: l.quantity, unitPriceVnd: l.unitPriceVnd ?? '0' })),
    });

  return (
    <FormDialog<Values>
      form={form}
      width={820}
      title={t('onprem.createTitle')}
      onClose={onClose}
      onFinish={submit}
      loading={create.isPending}
      initialValues={{ lines: [{ description: '', quantity: 1, unitPriceVnd: null }], validUntil: vnTodayDayjs().add(30, 'day') }}
    >
      <Row gutter={12}>
        <Col xs={24} sm={14}>
          <Form.Item name="customerId" label={t('contract.customer')} rules={[requiredChoiceRule(t, t('contract.customer'))]}>
            <CustomerSelect data-testid="onprem-customer" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={10}>
          <Form.Item name="product" label={t('contract.product')} rules={[requiredChoiceRule(t, t('contract.product'))]}>
            <Select options={options} loading={products.isPending} data-testid="onprem-product" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('onprem.description')} rules={[requiredRule(t, t('onprem.description'))]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>

      <Typography.Text strong>{t('onprem.lines')}</Typography.Text>
      <Form.List
        name="lines"
        rules={[{ validator: async (_, v: Line[] | undefined) => { if (!v?.length) throw new Error(t('onprem.linesRequired')); } }]}
      >
        {(fields, { add, remove }, { errors }) => (
          <div style={{ marginTop: 8 }}>
            {fields.map((f) => (
              <Row key={f.key} gutter={8} align="top">
                <Col xs={24} sm={9}>
                  <Form.Item name={[f.name, 'description']} rules={[requiredRule(t, t('onprem.line.description'))]}>
                    <Input placeholder={t('onprem.line.description')} />
                  </Form.Item>
                </Col>
                <Col xs={8} sm={4}>
                  <Form.Item name={[f.name, 'quantity']} rules={[requiredValueRule(t, t('onprem.line.quantity'))]}>
                    <CountInput placeholder={t('onprem.line.quantity')} />
                  </Form.Item>
                </Col>
                <Col xs={16} sm={6}>
                  <Form.Item name={[f.name, 'unitPriceVnd']} rules={[requiredValueRule(t, t('onprem.line.unitPrice'))]}>
                    <MoneyInput placeholder={t('onprem.line.unitPrice')} />
                  </Form.Item>
                </Col>
                <Col xs={20} sm={4} style={{ textAlign: 'right', paddingTop: 5 }}>
                  <span className="money">{formatMoney(lineAmount(lines[f.name]?.quantity, lines[f.name]?.unitPriceVnd))}</span>
                </Col>
                <Col xs={4} sm={1}>
                  <Button type="text" icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                </Col>
              </Row>
            ))}
            <Form.ErrorList errors={errors} />
            <Row justify="space-between" align="middle" style={{ marginBottom: 16 }}>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ description: '', quantity: 1, unitPriceVnd: null })}>
                {t('onprem.addLine')}
              </Button>
              <Typography.Text strong>
                {t('onprem.total')}: <span className="money" data-testid="onprem-total">{formatMoney(total)}</span>
              </Typography.Text>
            </Row>
          </div>
        )}
      </Form.List>
      <Form.Item name="validUntil" label={t('onprem.validUntil')} rules={[requiredChoiceRule(t, t('onprem.validUntil'))]}>
        <DatePicker format={DATE_FORMAT} style={{ width: 200 }} />
      </Form.Item>
    </FormDialog>
  );
}
