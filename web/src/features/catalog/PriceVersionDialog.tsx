import { DatePicker, Form } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Plan } from '@contracts/catalog';
import { useT } from '../../i18n/index.tsx';
import { FormDialog } from '../../ui/FormDialog.tsx';
import { DATE_FORMAT, isoDate, vnTodayDayjs } from '../../ui/dates.ts';
import { requiredChoiceRule } from '../../ui/rules.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { localName, useCreatePriceVersion } from './catalog.ts';
import { fromModelForm, PriceModelFields, toModelForm, type ModelForm } from './PriceModelFields.tsx';

interface Values {
  effectiveFrom: Dayjs;
  model: ModelForm;
}

/** A new price version of a plan, starting on its effective date; prefilled with the current prices. */
export function PriceVersionDialog({ plan, onClose }: { plan: Plan; onClose: () => void }) {
  const t = useT();
  const create = useCreatePriceVersion(plan.id);
  const send = useSubmit(create, t('common.saved'), onClose);

  const submit = (v: Values) => send({ effectiveFrom: isoDate(v.effectiveFrom), model: fromModelForm(v.model) });

  return (
    <FormDialog<Values>
      width={900}
      title={t('price.newVersionTitle', { plan: localName(plan, t.lang) })}
      onClose={onClose}
      onFinish={submit}
      loading={create.isPending}
      initialValues={{ effectiveFrom: vnTodayDayjs().add(1, 'day'), model: toModelForm(plan.currentPrice?.model) }}
    >
      <Form.Item name="effectiveFrom" label={t('price.effectiveFrom')} rules={[requiredChoiceRule(t, t('price.effectiveFrom'))]}>
        <DatePicker format={DATE_FORMAT} style={{ width: 200 }} />
      </Form.Item>
      <PriceModelFields />
    </FormDialog>
  );
}
