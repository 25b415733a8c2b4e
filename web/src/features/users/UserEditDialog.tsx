import { Form, Input, Select } from 'antd';
import type { Role, User, UserPatch } from '@contracts/identity';
import { useT } from '../../i18n/index.tsx';
import { FormDialog } from '../../ui/FormDialog.tsx';
import { passwordRule } from '../../ui/rules.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { UserDetailFields } from './UserDetailFields.tsx';
import { useUpdateUser } from './users.ts';

interface Values {
  fullName: string;
  email: string;
  phone?: string;
  roles: Role[];
  orgUnitId: string | null;
  status: User['status'];
  password?: string;
}

export function UserEditDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const t = useT();
  const update = useUpdateUser(user.id);
  const send = useSubmit(update, t('common.saved'), onClose);
  const statuses: User['status'][] = ['active', 'disabled'];

  // PATCH only what changed; a cleared phone or org unit is sent as null.
  const submit = (v: Values) => {
    const body: UserPatch = {};
    if (v.fullName !== user.fullName) body.fullName = v.fullName;
    if (v.email !== user.email) body.email = v.email;
    if ((v.phone || null) !== (user.phone || null)) body.phone = v.phone || null;
    if (v.roles.join() !== user.roles.join()) body.roles = v.roles;
    if ((v.orgUnitId ?? null) !== (user.orgUnit?.id ?? null)) body.orgUnitId = v.orgUnitId ?? null;
    if (v.status !== user.status) body.status = v.status;
    if (v.password) body.password = v.password;
    if (Object.keys(body).length === 0) return onClose();
    send(body);
  };

  return (
    <FormDialog<Values>
      title={t('users.editTitle', { username: user.username })}
      onClose={onClose}
      onFinish={submit}
      loading={update.isPending}
      initialValues={{
        fullName: user.fullName,
        email: user.email,
        phone: user.phone ?? '',
        roles: user.roles as Role[],
        orgUnitId: user.orgUnit?.id ?? null,
        status: user.status,
      }}
    >
      <UserDetailFields />
      <Form.Item name="status" label={t('user.status')}>
        <Select options={statuses.map((s) => ({ value: s, label: t.maybe(`status.${s}`) ?? s }))} />
      </Form.Item>
      <Form.Item name="password" label={t('user.newPassword')} extra={t('user.newPasswordHint')} rules={[passwordRule(t)]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormDialog>
  );
}
