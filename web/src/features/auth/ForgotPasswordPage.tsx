import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { MailOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';
import { requiredRule } from '../../ui/rules.ts';
import { AuthCard } from './AuthCard.tsx';

/** `/forgot-password`: asks for a reset link by e-mail; the answer never says whether the address has an account. */
export function ForgotPasswordPage() {
  const t = useT();
  const send = useMutation({ mutationFn: (v: { email: string }) => api.post('/api/v1/auth/password/forgot', { email: v.email.trim() }) });
  return (
    <AuthCard title={t('auth.forgot.title')} subtitle={t('auth.forgot.subtitle')}>
      {send.isSuccess ? (
        <Alert type="success" showIcon title={t('auth.forgot.sent')} data-testid="forgot-sent" />
      ) : (
        <>
          {send.error && <Alert type="error" showIcon title={send.error.message} style={{ marginBottom: 16 }} />}
          <Form<{ email: string }> layout="vertical" size="large" onFinish={(v) => send.mutate(v)} requiredMark={false}>
            <Form.Item name="email" label={t('user.email')} rules={[requiredRule(t, t('user.email')), { type: 'email', message: t('common.invalidEmail') }]}>
              <Input prefix={<MailOutlined />} type="email" autoComplete="email" autoFocus data-testid="forgot-email" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={send.isPending} data-testid="forgot-submit">
              {t('auth.forgot.submit')}
            </Button>
          </Form>
        </>
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '20px 0 0', textAlign: 'center' }}>
        <Link to="/login">{t('auth.forgot.back')}</Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
