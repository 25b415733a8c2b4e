import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Input, Row } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import type { SmsMo } from '@contracts/notifications';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';
import { messagesKey } from './outbox.ts';
import { requiredRule } from '../../ui/rules.ts';

type Values = SmsMo;

/** "Gửi SMS thử (giả lập)": injects an inbound SMS through the SMSC simulator. */
export function SmsSimulatorForm() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const send = useMutation({
    mutationFn: (body: Values) => api.post<unknown>('/api/v1/simulators/smsc/mo', body),
    onSuccess: () => {
      message.success(t('outbox.sim.sent'));
      form.setFieldValue('text', '');
      // Accepted (202): the message is stored asynchronously, so look again shortly.
      void queryClient.invalidateQueries({ queryKey: messagesKey });
      setTimeout(() => void queryClient.invalidateQueries({ queryKey: messagesKey }), 1500);
    },
    onError: (e) => message.error(e.message),
  });

  return (
    <Card size="small" title={t('outbox.sim.title')} extra={<span className="hide-on-phone">{t('outbox.sim.hint')}</span>} style={{ marginBottom: 16 }}>
      <Form<Values> form={form} layout="vertical" initialValues={{ to: '9223' }} onFinish={(v) => send.mutate(v)}>
        <Row gutter={12}>
          <Col xs={12} md={5}>
            <Form.Item name="from" label={t('outbox.sim.from')} rules={[requiredRule(t, t('outbox.sim.from'))]}>
              <Input type="tel" placeholder="0901234567" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="to" label={t('outbox.sim.to')} rules={[requiredRule(t, t('outbox.sim.to'))]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={11}>
            <Form.Item name="text" label={t('outbox.sim.text')} rules={[requiredRule(t, t('outbox.sim.text'))]}>
              <Input maxLength={480} />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item label=" " colon={false}>
              <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={send.isPending} block>
                {t('common.send')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
