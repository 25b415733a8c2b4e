import type { ReactNode } from 'react';
import { Card, Col, Flex, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../i18n/index.tsx';
import { RoleTags } from '../../ui/RoleTags.tsx';
import { hasAnyRole, useSession } from '../auth/session.tsx';
import { AREAS, COMING_SOON, type Area } from '../layout/areas.tsx';

/** Per-role welcome: who you are, where you belong, and the areas you can use. */
export function HomePage() {
  const t = useT();
  const { user } = useSession();
  const areas = Object.values(AREAS).filter((a: Area) => a.path !== '/' && hasAnyRole(user, a.roles));
  const soon = COMING_SOON.filter((a) => hasAnyRole(user, a.roles));
  const unitName = user.orgUnit && (t.lang === 'en' ? user.orgUnit.nameEn || user.orgUnit.name : user.orgUnit.name);

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('home.greeting', { name: user.fullName })}
      </Typography.Title>
      <Flex vertical gap={6} style={{ marginBottom: 28 }}>
        <div>
          <Typography.Text type="secondary">{t('home.signedInAs')}: </Typography.Text>
          <RoleTags roles={user.roles} />
        </div>
        {unitName && (
          <div>
            <Typography.Text type="secondary">{t('home.orgUnit')}: </Typography.Text>
            <Typography.Text strong>{unitName}</Typography.Text>
          </div>
        )}
        {user.customer && (
          <div>
            <Typography.Text type="secondary">{t('home.customer')}: </Typography.Text>
            <Typography.Text strong>{user.customer.name}</Typography.Text>
          </div>
        )}
      </Flex>

      <Typography.Title level={4}>{t('home.areas')}</Typography.Title>
      <Row gutter={[16, 16]}>
        {areas.map((a) => (
          <Col key={a.path} xs={24} sm={12} lg={8} xxl={6}>
            <Link to={a.path}>
              <AreaCard icon={a.icon} title={t(a.label)} description={t(a.description)} />
            </Link>
          </Col>
        ))}
        {soon.map((a) => (
          <Col key={a.label} xs={24} sm={12} lg={8} xxl={6}>
            <AreaCard
              icon={a.icon}
              title={t(a.label)}
              description={t(a.description)}
              badge={<Tag>{t('common.comingSoon')}</Tag>}
              disabled
            />
          </Col>
        ))}
      </Row>
    </>
  );
}

function AreaCard(props: { icon: ReactNode; title: string; description: string; badge?: ReactNode; disabled?: boolean }) {
  return (
    <Card hoverable={!props.disabled} className={props.disabled ? 'area-card area-card-disabled' : 'area-card'}>
      <Flex gap={16} align="flex-start">
        <span className="area-card-icon">{props.icon}</span>
        <div style={{ minWidth: 0 }}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {props.title}
            </Typography.Text>
            {props.badge}
          </Flex>
          <Typography.Text type="secondary">{props.description}</Typography.Text>
        </div>
      </Flex>
    </Card>
  );
}
