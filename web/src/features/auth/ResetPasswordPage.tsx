import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Form, Typography } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';
import { AuthCard } from './AuthCard.tsx';
import { NewPasswordFields } from './NewPasswordFields.tsx';

/** `/reset-password#token=…`: the e-mailed link (the token stays in the fragment, out of server logs). */
export function ResetPasswordPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const token = new URLSearchParams(useLocation().hash.slice(1)).get('token') ?? '';
  const reset = useMutation({
    mutationFn: (v: { password: string }) => api.post('/api/v1/auth/password/reset', { token, password: v.password }),
    onSuccess: () => {
      message.success(t('auth.reset.done'));
      navigate('/login', { replace: true });
    },
  });
  return (
    <AuthCard title={t('auth.reset.title')} subtitle={t('auth.reset.subtitle')}>
      {!token ? (
        <Alert type="error" showIcon title={t('auth.reset.noToken')} />
      ) : (
        <>
          {reset.error && <Alert type="error" showIcon title={reset.error.message} style={{ marginBottom: 16 }} data-testid="reset-error" />}
          <Form<{ password: string }> layout="vertical" onFinish={(v) => reset.mutate(v)} requiredMark={false}>
            <NewPasswordFields label={t('auth.newPassword')} />
            <Button type="primary" htmlType="submit" block size="large" loading={reset.isPending} data-testid="reset-submit">
              {t('auth.reset.submit')}
            </Button>
          </Form>
        </>
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '20px 0 0', textAlign: 'center' }}>
        <Link to="/forgot-password">{t('auth.reset.again')}</Link> · <Link to="/login">{t('auth.forgot.back')}</Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
