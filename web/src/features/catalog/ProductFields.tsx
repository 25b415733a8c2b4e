import { Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useT } from '../../i18n/index.tsx';
import { formatBasisPoints } from '../../ui/format.ts';
import { requiredChoiceRule, requiredRule, requiredValueRule } from '../../ui/rules.ts';
import { VAT_RATES, vatLabel } from './catalog.ts';

/** Commission in basis points, with the percentage beside it (4000 = 40 %). */
function BasisPointsInput(props: { value?: number; onChange?: (v: number | null) => void; id?: string }) {
  return (
    <InputNumber<number>
      id={props.id}
      value={props.value}
      onChange={props.onChange}
      min={0}
      max={10000}
      precision={0}
      step={100}
      suffix={props.value != null ? `bp = ${formatBasisPoints(props.value)}` : 'bp'}
      style={{ width: '100%' }}
    />
  );
}

/** The fields a product has in both the create and the edit dialog. */
export function ProductFields() {
  const t = useT();
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="name" label={t('product.name')} rules={[requiredRule(t, t('product.name'))]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="nameEn" label={t('product.nameEn')} rules={[requiredRule(t, t('product.nameEn'))]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('product.description')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="descriptionEn" label={t('product.descriptionEn')}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="product-description-en" />
      </Form.Item>
      <Form.Item name="vatRate" label={t('product.vatRate')} rules={[requiredChoiceRule(t, t('product.vatRate'))]}>
        <Select options={VAT_RATES.map((r) => ({ value: r, label: vatLabel(t, r) }))} style={{ maxWidth: 260 }} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="agentCommissionBp"
            label={t('product.agentCommission')}
            rules={[requiredValueRule(t, t('product.agentCommission'))]}
          >
            <BasisPointsInput />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="amCommissionBp"
            label={t('product.amCommission')}
            rules={[requiredValueRule(t, t('product.amCommission'))]}
          >
            <BasisPointsInput />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8 }}>
        {t('product.commissionHint')}
      </Typography.Paragraph>
    </>
  );
}
