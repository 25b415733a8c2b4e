import { Col, DatePicker, Divider, Form, Input, Radio, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Billing, Edition, Product } from '@contracts/catalog';
import { useT } from '../../i18n/index.tsx';
import { DATE_FORMAT, isoDate, vnTodayDayjs } from '../../ui/dates.ts';
import { FormDialog } from '../../ui/FormDialog.tsx';
import { requiredChoiceRule, requiredRule } from '../../ui/rules.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { billingLabel, editionLabel, localName, useCreatePlan } from './catalog.ts';
import { fromModelForm, PriceModelFields, toModelForm, type ModelForm } from './PriceModelFields.tsx';
import { CODE_PATTERN } from './ProductCreateDialog.tsx';

interface Values {
  code: string;
  name: string;
  nameEn: string;
  edition: Edition;
  billing: Billing;
  effectiveFrom: Dayjs;
  model: ModelForm;
}

/** A new plan of a product with its first price version. */
export function PlanCreateDialog({ product, onClose }: { product: Product; onClose: () => void }) {
  const t = useT();
  const create = useCreatePlan(product.id);
  const send = useSubmit(create, t('catalog.planCreated'), onClose);
  const [form] = Form.useForm<Values>();

  const submit = ({ effectiveFrom, model, ...rest }: Values) =>
    send({ ...rest, effectiveFrom: isoDate(effectiveFrom), model: fromModelForm(model) });

  // An On-Premise plan is priced by negotiated quote.
  const onValuesChange = (changed: Partial<Values>) => {
    if (changed.edition === 'on_premise') form.setFieldValue(['model', 'kind'], 'quote');
  };

  return (
    <FormDialog<Values>
      form={form}
      width={900}
      title={t('catalog.newPlanTitle', { product: localName(product, t.lang) })}
      onClose={onClose}
      onFinish={submit}
      onValuesChange={onValuesChange}
      loading={create.isPending}
      initialValues={{
        code: `${product.code}-`,
        edition: 'saas',
        billing: 'prepaid',
        effectiveFrom: vnTodayDayjs(),
        model: toModelForm(product.plans.find((p) => p.edition === 'saas')?.currentPrice?.model),
      }}
    >
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item
            name="code"
            label={t('plan.code')}
            normalize={(v: string) => v?.toUpperCase()}
            rules={[requiredRule(t, t('plan.code')), { pattern: CODE_PATTERN, message: t('catalog.codeHint') }]}
          >
            <Input maxLength={30} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="name" label={t('plan.name')} rules={[requiredRule(t, t('plan.name'))]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="nameEn" label={t('plan.nameEn')} rules={[requiredRule(t, t('plan.nameEn'))]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item name="edition" label={t('plan.edition')} rules={[requiredChoiceRule(t, t('plan.edition'))]}>
            <Radio.Group optionType="button" options={(['saas', 'on_premise'] as const).map((e) => ({ value: e, label: editionLabel(t, e) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="billing" label={t('plan.billing')} rules={[requiredChoiceRule(t, t('plan.billing'))]}>
            <Radio.Group optionType="button" options={(['prepaid', 'postpaid'] as const).map((b) => ({ value: b, label: billingLabel(t, b) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="effectiveFrom" label={t('price.effectiveFrom')} rules={[requiredChoiceRule(t, t('price.effectiveFrom'))]}>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t('plan.currentPrice')}
      </Divider>
      <PriceModelFields />
    </FormDialog>
  );
}
