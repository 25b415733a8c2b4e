import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { Registration, SignedIn } from '@contracts/identity';
import { useT } from '../../i18n/index.tsx';
import { AuthCard } from './AuthCard.tsx';
import { useSignedIn } from './useSignedIn.ts';
import { requiredRule } from '../../ui/rules.ts';
import { NewPasswordFields } from './NewPasswordFields.tsx';

type RegisterValues = Registration & { passwordConfirm: string };

/** Self-registration of an individual customer. */
export function RegisterPage() {
  const t = useT();
  const { message } = App.useApp();
  const signedIn = useSignedIn();
  const register = useMutation({
    mutationFn: ({ passwordConfirm: _, ...body }: RegisterValues) =>
      api.post<SignedIn>('/api/v1/auth/register', body),
    onSuccess: (res) => {
      message.success(t('auth.register.done'));
      signedIn(res);
    },
  });

  return (
    <AuthCard title={t('auth.register.title')} subtitle={t('auth.register.subtitle')}>
      {register.error && <Alert type="error" showIcon title={register.error.message} style={{ marginBottom: 16 }} />}
      <Form<RegisterValues> layout="vertical" onFinish={(v) => register.mutate(v)} requiredMark={false}>
        <Form.Item name="username" label={t('auth.username')} rules={[requiredRule(t, t('auth.username'))]}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="fullName" label={t('user.fullName')} rules={[requiredRule(t, t('user.fullName'))]}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('user.email')}
          rules={[requiredRule(t, t('user.email')), { type: 'email', message: t('common.invalidEmail') }]}
        >
          <Input type="email" autoComplete="email" />
        </Form.Item>
        <Form.Item name="phone" label={t('user.phone')} rules={[requiredRule(t, t('user.phone'))]}>
          <Input type="tel" autoComplete="tel" />
        </Form.Item>
        <NewPasswordFields />
        <Button type="primary" htmlType="submit" block size="large" loading={register.isPending}>
          {t('auth.register.submit')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ margin: '20px 0 0', textAlign: 'center' }}>
        {t('auth.register.haveAccount')} <Link to="/login">{t('auth.login.title')}</Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
