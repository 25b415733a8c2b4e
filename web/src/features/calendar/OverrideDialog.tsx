import { DatePicker, Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useT } from '../../i18n/index.tsx';
import { DATE_FORMAT, isoDate } from '../../ui/dates.ts';
import { FormDialog } from '../../ui/FormDialog.tsx';
import { requiredChoiceRule, requiredRule } from '../../ui/rules.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { useAddOverride } from './calendar.ts';

interface Values {
  date: Dayjs;
  kind: 'off' | 'work';
  name: string;
}

/** Adds an extra day off or a make-up working day. */
export function OverrideDialog({ year, onClose }: { year: number; onClose: () => void }) {
  const t = useT();
  const add = useAddOverride();
  const send = useSubmit(add, t('common.saved'), onClose);

  const submit = (v: Values) => send({ date: isoDate(v.date), kind: v.kind, name: v.name.trim() });

  return (
    <FormDialog<Values> title={t('calendar.overrideTitle')} onClose={onClose} onFinish={submit} loading={add.isPending} initialValues={{ kind: 'off' }}>
      <Form.Item name="date" label={t('calendar.date')} rules={[requiredChoiceRule(t, t('calendar.date'))]}>
        <DatePicker format={DATE_FORMAT} defaultPickerValue={dayjs(`${year}-01-01`)} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="kind" label={t('calendar.kind')}>
        <Radio.Group
          options={[
            { value: 'off', label: t('calendar.kindHelp.off') },
            { value: 'work', label: t('calendar.kindHelp.work') },
          ]}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        />
      </Form.Item>
      <Form.Item name="name" label={t('calendar.name')} rules={[requiredRule(t, t('calendar.name'))]}>
        <Input maxLength={200} />
      </Form.Item>
    </FormDialog>
  );
}
