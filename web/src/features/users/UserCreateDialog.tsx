import { App, Form, Input, Modal } from 'antd';
import { useT } from '../../i18n/index.tsx';
import { UserDetailFields } from './UserDetailFields.tsx';
import { useCreateUser, type CreateUserBody } from './users.ts';
import { passwordRule, requiredRule } from '../../ui/rules.ts';

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
  const { message } = App.useApp();
  const create = useCreateUser();

  const submit = ({ phone, orgUnitId, ...rest }: Values) => {
    const body: CreateUserBody = { ...rest, ...(phone ? { phone } : {}), ...(orgUnitId ? { orgUnitId } : {}) };
    create.mutate(body, {
      onSuccess: () => {
        message.success(t('users.created'));
        onClose();
      },
      onError: (e) => message.error(e.message),
    });
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
