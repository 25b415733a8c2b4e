import { App, Form, Input, Modal, Select } from 'antd';
import { useT } from '../../i18n/index.tsx';
import { OrgUnitSelect } from '../org-units/OrgUnitSelect.tsx';
import { roleOptions, useCreateUser, type CreateUserBody } from './users.ts';
import { passwordRule, requiredChoiceRule, requiredRule } from '../../ui/rules.ts';

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
      <Form.Item name="fullName" label={t('user.fullName')} rules={[requiredRule(t, t('user.fullName'))]}>
        <Input />
      </Form.Item>
      <Form.Item
        name="email"
        label={t('user.email')}
        rules={[requiredRule(t, t('user.email')), { type: 'email', message: t('common.invalidEmail') }]}
      >
        <Input type="email" />
      </Form.Item>
      <Form.Item name="phone" label={t('user.phone')}>
        <Input type="tel" />
      </Form.Item>
      <Form.Item name="roles" label={t('user.roles')} rules={[requiredChoiceRule(t, t('user.roles'), true)]}>
        <Select mode="multiple" options={roleOptions(t)} optionFilterProp="label" />
      </Form.Item>
      <Form.Item name="orgUnitId" label={t('user.orgUnit')}>
        <OrgUnitSelect />
      </Form.Item>
    </Modal>
  );
}
