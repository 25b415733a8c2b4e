import { Card, Descriptions, Flex, Tag } from 'antd';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { RoleTags } from '../../ui/RoleTags.tsx';
import { useSession } from '../auth/session.tsx';
import { unitName } from '../org-units/orgUnits.ts';
import { ChangePasswordCard } from './ChangePasswordCard.tsx';
import { SessionsCard } from './SessionsCard.tsx';

export function ProfilePage() {
  const t = useT();
  const { user } = useSession();
  const none = t('common.none');
  return (
    <>
      <PageHeader title={t('profile.title')} />
      <Card>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'username', label: t('user.username'), children: user.username },
            { key: 'fullName', label: t('user.fullName'), children: user.fullName },
            { key: 'email', label: t('user.email'), children: user.email },
            { key: 'phone', label: t('user.phone'), children: user.phone || none },
            { key: 'roles', label: t('user.roles'), children: <RoleTags roles={user.roles} />, span: 'filled' },
            {
              key: 'orgUnit',
              label: t('user.orgUnit'),
              children: user.orgUnit ? `${unitName(user.orgUnit, t.lang)} (${user.orgUnit.code})` : none,
            },
            {
              key: 'customer',
              label: t('user.customer'),
              children: user.customer
                ? `${user.customer.name} — ${t.maybe(`customerType.${user.customer.type}`) ?? user.customer.type}`
                : none,
            },
            {
              key: 'status',
              label: t('user.status'),
              children: <Tag color={user.status === 'active' ? 'green' : 'default'}>{t.maybe(`status.${user.status}`) ?? user.status}</Tag>,
            },
            { key: 'locale', label: t('user.locale'), children: user.locale === 'en' ? 'English' : 'Tiếng Việt' },
          ]}
        />
      </Card>
      <Flex gap={16} vertical style={{ marginTop: 16 }}>
        <ChangePasswordCard />
        <SessionsCard />
      </Flex>
    </>
  );
}
