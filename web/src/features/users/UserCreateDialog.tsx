import { Form, Input, Modal } from 'antd';
import { useT } from '../../i18n/index.tsx';
import { UserDetailFields } from './UserDetailFields.tsx';
import { useCreateUser, type CreateUserBody } from './users.ts';
import { passwordRule, requiredRule } from '../../ui/rules.ts';
import { useSubmit } from '../../ui/useSubmit.ts';

interface Values {
  username: string;
  password: string;
  fullName: string;
  email: string;
  phone?: string;
  roles: string[];
  orgUnitId?: string | null;
}

export function UserCreateDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const create = useCreateUser();
  const send = useSubmit(create, t('users.created'), onClose);

  const submit = ({ phone, orgUnitId, ...rest }: Values) => {
    const body: CreateUserBody = { ...rest, ...(phone ? { phone } : {}), ...(orgUnitId ? { orgUnitId } : {}) };
    send(body);
  };

  return (
    <Modal
      open
      title={t('users.createTitle')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: create.isPending }}
      modalRender={(dom) => (
        <Form<Values> layout="vertical" initialValues={{ roles: [] }} onFinish={submit}>
          {dom}
        </Form>
      )}
    >
      <Form.Item name="username" label={t('user.username')} rules={[requiredRule(t, t('user.username'))]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="password" label={t('auth.password')} extra={t('auth.passwordHint')} rules={[requiredRule(t, t('auth.password')), passwordRule(t)]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <UserDetailFields />
    </Modal>
  );
}
