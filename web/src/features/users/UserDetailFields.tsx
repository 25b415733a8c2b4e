import { Form, Input, Select } from 'antd';
import { useT } from '../../i18n/index.tsx';
import { requiredChoiceRule, requiredRule } from '../../ui/rules.ts';
import { OrgUnitSelect } from '../org-units/OrgUnitSelect.tsx';
import { roleOptions } from './users.ts';

/** The fields a user has in both the create and the edit dialog. */
export function UserDetailFields() {
  const t = useT();
  return (
    <>
      <Form.Item name="fullName" label={t('user.fullName')} rules={[requiredRule(t, t('user.fullName'))]}>
        <Input />
      </Form.Item>
      <Form.Item name="email" label={t('user.email')} rules={[requiredRule(t, t('user.email')), { type: 'email', message: t('common.invalidEmail') }]}>
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
    </>
  );
}
