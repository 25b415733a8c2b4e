import { Form, Input } from 'antd';
import { useT } from '../../i18n/index.tsx';
import { FormDialog } from '../../ui/FormDialog.tsx';
import { passwordRule, requiredRule } from '../../ui/rules.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { UserDetailFields } from './UserDetailFields.tsx';
import type { NewUser, Role } from '@contracts/identity';
import { useCreateUser } from './users.ts';

interface Values {
  username: string;
  password: string;
  fullName: string;
  email: string;
  phone?: string;
  roles: Role[];
  orgUnitId?: string | null;
}

export function UserCreateDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const create = useCreateUser();
  const send = useSubmit(create, t('users.created'), onClose);

  const submit = ({ phone, orgUnitId, ...rest }: Values) => {
    const body: NewUser = { ...rest, ...(phone ? { phone } : {}), ...(orgUnitId ? { orgUnitId } : {}) };
    send(body);
  };

  return (
    <FormDialog<Values> title={t('users.createTitle')} onClose={onClose} onFinish={submit} loading={create.isPending} initialValues={{ roles: [] }}>
      <Form.Item name="username" label={t('user.username')} rules={[requiredRule(t, t('user.username'))]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="password" label={t('auth.password')} extra={t('auth.passwordHint')} rules={[requiredRule(t, t('auth.password')), passwordRule(t)]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <UserDetailFields />
    </FormDialog>
  );
}
