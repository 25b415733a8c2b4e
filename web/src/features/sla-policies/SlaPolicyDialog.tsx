import { Col, Form, InputNumber, Radio, Row, Typography } from 'antd';
import type { ClockMode, SlaPolicy } from '@contracts/support';
import { useT } from '../../i18n/index.tsx';
import { FormDialog } from '../../ui/FormDialog.tsx';
import { requiredValueRule } from '../../ui/rules.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { formatMinutes, requestTypeLabel } from '../tickets/tickets.ts';
import { useUpdateSlaPolicy } from './slaPolicies.ts';

interface Values {
  mode: ClockMode;
  ctkv: number;
  ttcntt: number | null;
  totalMin: number;
  percent: number | null;
  minutesBefore: number | null;
  progressEveryMin: number | null;
}

/** Edits one request type's limits (minutes); running tickets keep the deadlines they started with. */
export function SlaPolicyDialog({ policy, onClose }: { policy: SlaPolicy; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const update = useUpdateSlaPolicy(policy.requestType);
  const type = requestTypeLabel(t, policy.requestType);
  const send = useSubmit(update, t('sla.updated', { type }), onClose);
  const v = Form.useWatch([], form) as Partial<Values> | undefined;
  const asTime = (n: number | null | undefined) => (n ? formatMinutes(t, n) : undefined);
  const notAboveTotal = {
    validator: (_: unknown, value: number | null) =>
      value == null || !form.getFieldValue('totalMin') || value <= form.getFieldValue('totalMin')
        ? Promise.resolve()
        : Promise.reject(new Error(t('sla.stageExceedsTotal'))),
  };

  const finish = (x: Values) =>
    send({
      mode: x.mode,
      stageMin: { ctkv: x.ctkv, ttcntt: x.ttcntt ?? null },
      totalMin: x.totalMin,
      warning: { percent: x.percent ?? null, minutesBefore: x.minutesBefore ?? null },
      progressEveryMin: x.progressEveryMin ?? null,
    });

  const minutes = (testId: string, min = 1) => <InputNumber<number> min={min} precision={0} step={30} style={{ width: '100%' }} data-testid={testId} />;

  return (
    <FormDialog<Values>
      form={form}
      title={t('sla.editTitle', { type })}
      width={620}
      onClose={onClose}
      onFinish={finish}
      loading={update.isPending}
      initialValues={{
        mode: policy.mode,
        ctkv: policy.stageMin.ctkv,
        ttcntt: policy.stageMin.ttcntt,
        totalMin: policy.totalMin,
        percent: policy.warning.percent,
        minutesBefore: policy.warning.minutesBefore,
        progressEveryMin: policy.progressEveryMin,
      }}
    >
      <Typography.Paragraph type="secondary">{t('sla.hint')}</Typography.Paragraph>
      <Form.Item name="mode" label={t('sla.mode')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={(['elapsed', 'working'] as const).map((m) => ({ value: m, label: t(`clockMode.${m}`) }))}
          data-testid="sla-mode"
        />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item
            name="ctkv"
            label={t('sla.ctkv')}
            extra={asTime(v?.ctkv)}
            dependencies={['totalMin']}
            rules={[requiredValueRule(t, t('sla.ctkv')), notAboveTotal]}
          >
            {minutes('sla-ctkv')}
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="ttcntt" label={t('sla.ttcntt')} extra={asTime(v?.ttcntt) ?? t('sla.ttcnttHint')} dependencies={['totalMin']} rules={[notAboveTotal]}>
            {minutes('sla-ttcntt')}
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="totalMin" label={t('sla.total')} extra={asTime(v?.totalMin)} rules={[requiredValueRule(t, t('sla.total'))]}>
            {minutes('sla-total')}
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item name="percent" label={t('sla.warningPercent')} rules={[{ type: 'number', min: 1, max: 99, message: t('sla.percentRange') }]}>
            <InputNumber<number> min={1} max={99} precision={0} suffix="%" style={{ width: '100%' }} data-testid="sla-warning-percent" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="minutesBefore" label={t('sla.warningBefore')} extra={asTime(v?.minutesBefore)}>
            {minutes('sla-warning-before')}
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="progressEveryMin" label={t('sla.progressEvery')} extra={asTime(v?.progressEveryMin)}>
            {minutes('sla-progress-every')}
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('sla.progressEveryHint')}
      </Typography.Text>
    </FormDialog>
  );
}
