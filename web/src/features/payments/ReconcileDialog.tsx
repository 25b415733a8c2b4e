import { App, DatePicker, Form, Spin, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/index.tsx';
import { DATE_FORMAT, fromIsoDate, isoDate, vnTodayDayjs } from '../../ui/dates.ts';
import { formatDate } from '../../ui/format.ts';
import { FormDialog } from '../../ui/FormDialog.tsx';
import { requiredChoiceRule } from '../../ui/rules.ts';
import { differences, useRunReconciliation } from './payments.ts';

/**
 * "Đối soát ngày…": compares one day with VNPay now (pending attempts paid at VNPay are settled by
 * querydr on the way), then opens that day. Yesterday by default, as the nightly job does.
 */
export function ReconcileDialog({ date, onClose }: { date?: string; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const run = useRunReconciliation();
  const today = vnTodayDayjs();

  return (
    <FormDialog<{ date: Dayjs }>
      title={t('recon.runTitle')}
      okText={t('recon.run')}
      onClose={() => !run.isPending && onClose()}
      loading={run.isPending}
      initialValues={{ date: fromIsoDate(date) ?? today.subtract(1, 'day') }}
      onFinish={(v) =>
        run.mutate(isoDate(v.date), {
          onSuccess: (r) => {
            const diff = differences(r.summary);
            if (diff) message.warning(t('recon.doneWithDifferences', { date: formatDate(r.date), n: diff }));
            else message.success(t('recon.done', { date: formatDate(r.date) }));
            onClose();
            navigate(`/payments/reconciliation/${r.date}`);
          },
          onError: (e) => message.error(e.message),
        })
      }
    >
      <Spin spinning={run.isPending} description={t('recon.running')} data-testid={run.isPending ? 'recon-running' : undefined}>
        <Typography.Paragraph type="secondary">{t('recon.runHint')}</Typography.Paragraph>
        <Form.Item name="date" label={t('recon.date')} rules={[requiredChoiceRule(t, t('recon.date'))]}>
          <DatePicker format={DATE_FORMAT} allowClear={false} disabledDate={(d) => d.isAfter(today, 'day')} style={{ width: 200 }} data-testid="recon-date" />
        </Form.Item>
      </Spin>
    </FormDialog>
  );
}
