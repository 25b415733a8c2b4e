import { Form, Input } from 'antd';
import { useT } from '../../i18n/index.tsx';
import { passwordRule, requiredRule } from '../../ui/rules.ts';

/** A new password and its confirmation, checked against the server's policy. */
export function NewPasswordFields({ name = 'password', label }: { name?: string; label?: string }) {
  const t = useT();
  const title = label ?? t('auth.password');
  return (
    <>
      <Form.Item name={name} label={title} extra={t('auth.passwordHint')} rules={[requiredRule(t, title), passwordRule(t)]}>
        <Input.Password autoComplete="new-password" data-testid={`${name}-input`} />
      </Form.Item>
      <Form.Item
        name="passwordConfirm"
        label={t('auth.passwordConfirm')}
        dependencies={[name]}
        rules={[
          { required: true, message: t('auth.passwordConfirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue(name) ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm-input" />
      </Form.Item>
    </>
  );
}
