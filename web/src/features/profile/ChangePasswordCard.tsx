import { Alert, App, Button, Card, Form, Input } from 'antd';
import type { ChangePassword } from '@contracts/identity';
import { useT } from '../../i18n/index.tsx';
import { requiredRule } from '../../ui/rules.ts';
import { NewPasswordFields } from '../auth/NewPasswordFields.tsx';
import { useChangePassword } from './account.ts';

type Values = ChangePassword;

/** Change of one's own password: needs the current one; the other sessions end. */
export function ChangePasswordCard() {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const finish = (v: Values) =>
    change.mutate(
      { currentPassword: v.currentPassword, newPassword: v.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          message.success(t('account.password.done'));
        },
      },
    );
  return (
    <Card title={t('account.password.title')} style={{ maxWidth: 520 }}>
      {change.error && <Alert type="error" showIcon title={change.error.message} style={{ marginBottom: 16 }} data-testid="change-password-error" />}
      <Form<Values> form={form} layout="vertical" onFinish={finish} requiredMark={false}>
        <Form.Item name="currentPassword" label={t('account.password.current')} rules={[requiredRule(t, t('account.password.current'))]}>
          <Input.Password autoComplete="current-password" data-testid="current-password" />
        </Form.Item>
        <NewPasswordFields name="newPassword" label={t('auth.newPassword')} />
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="change-password-submit">
          {t('account.password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
