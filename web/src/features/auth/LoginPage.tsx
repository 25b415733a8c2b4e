import { useEffect } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Login, SignedIn } from '@contracts/identity';
import { OidcButtons } from './OidcButtons.tsx';
import { useT } from '../../i18n/index.tsx';
import { AuthCard } from './AuthCard.tsx';
import { useSignedIn } from './useSignedIn.ts';
import { requiredRule } from '../../ui/rules.ts';

export function LoginPage() {
  const t = useT();
  const queryClient = useQueryClient();
  const signedIn = useSignedIn();
  const [params] = useSearchParams();
  // A failed Google / Apple sign-in comes back here as /login?oidcError=CODE.
  const oidcError = params.get('oidcError');
  const login = useMutation({
    mutationFn: (values: Login) => api.post<SignedIn>('/api/v1/auth/login', values),
    onSuccess: signedIn,
  });

  // Whatever was cached belongs to a previous session.
  useEffect(() => queryClient.clear(), [queryClient]);

  return (
    <AuthCard title={t('auth.login.title')} subtitle={t('auth.login.subtitle')}>
      {login.error && (
        <Alert type="error" showIcon title={login.error.message} style={{ marginBottom: 16 }} data-testid="login-error" />
      )}
      {oidcError && !login.error && (
        <Alert
          type="error"
          showIcon
          title={t('auth.oidcError.title')}
          description={t.maybe(`auth.oidcError.${oidcError}`) ?? t('auth.oidcError.other', { code: oidcError.slice(0, 60) })}
          style={{ marginBottom: 16 }}
          data-testid="login-oidc-error"
        />
      )}
      <Form<Login> layout="vertical" size="large" onFinish={(v) => login.mutate(v)} requiredMark={false}>
        <Form.Item
          name="username"
          label={t('auth.username')}
          rules={[requiredRule(t, t('auth.username'))]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[requiredRule(t, t('auth.password'))]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <div style={{ margin: '-12px 0 16px', textAlign: 'right' }}>
          <Link to="/forgot-password" data-testid="login-forgot">
            {t('auth.login.forgot')}
          </Link>
        </div>
        <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
          {t('auth.login.submit')}
        </Button>
      </Form>
      <OidcButtons next={params.get('next')} />
      <Typography.Paragraph type="secondary" style={{ margin: '20px 0 0', textAlign: 'center' }}>
        {t('auth.login.noAccount')} <Link to="/register" style={{ whiteSpace: 'nowrap' }}>
          {t('auth.register.link')}
        </Link>
        <br />
        <Link to="/quote" data-testid="login-quote-link">
          {t('auth.login.quoteLink')}
        </Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
