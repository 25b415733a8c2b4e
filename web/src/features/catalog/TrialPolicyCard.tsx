import { useEffect } from 'react';
import { Button, Card, DatePicker, Form, InputNumber, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../i18n/index.tsx';
import { DATE_FORMAT, fromIsoDate, isoDate } from '../../ui/dates.ts';
import { QueryError } from '../../ui/QueryError.tsx';
import { requiredChoiceRule, requiredValueRule } from '../../ui/rules.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { useSaveTrialPolicy, useTrialPolicy } from './catalog.ts';

interface Values {
  limitFrom: Dayjs;
  meetingMinutesLimit: number;
}

/** Meeting's free trial (SPEC A4): unlimited before `limitFrom`, then meetings of at most N minutes. */
export function TrialPolicyCard() {
  const t = useT();
  const policy = useTrialPolicy();
  const save = useSaveTrialPolicy();
  const send = useSubmit(save, t('common.saved'));
  const [form] = Form.useForm<Values>();
  const minutes = Form.useWatch('meetingMinutesLimit', form);

  useEffect(() => {
    if (policy.data)
      form.setFieldsValue({ limitFrom: fromIsoDate(policy.data.limitFrom), meetingMinutesLimit: policy.data.meetingMinutesLimit });
  }, [policy.data, form]);

  const submit = (v: Values) => send({ limitFrom: isoDate(v.limitFrom), meetingMinutesLimit: v.meetingMinutesLimit });

  return (
    <Card title={t('trial.title')} size="small" loading={policy.isPending} data-testid="trial-policy">
      <QueryError error={policy.error} onRetry={() => policy.refetch()} />
      <Form<Values> form={form} layout="inline" onFinish={submit} style={{ rowGap: 12 }}>
        <Form.Item name="limitFrom" label={t('trial.limitFrom')} rules={[requiredChoiceRule(t, t('trial.limitFrom'))]}>
          <DatePicker format={DATE_FORMAT} />
        </Form.Item>
        <Form.Item name="meetingMinutesLimit" label={t('trial.minutes')} rules={[requiredValueRule(t, t('trial.minutes'))]}>
          <InputNumber<number> min={1} max={1440} precision={0} style={{ width: 120 }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Space>
      </Form>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
        {t('trial.hint', { minutes: minutes ?? '—' })}
      </Typography.Paragraph>
    </Card>
  );
}
