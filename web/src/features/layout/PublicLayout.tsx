import { Button, Flex, Layout } from 'antd';
import { LoginOutlined } from '@ant-design/icons';
import { Link, Outlet } from 'react-router';
import { useT } from '../../i18n/index.tsx';
import { AppFooter } from './AppFooter.tsx';
import { Brand } from './Brand.tsx';
import { LangSwitch } from './LangSwitch.tsx';

/** Shell of the public pages for signed-out visitors: brand, language, sign-in. */
export function PublicLayout() {
  const t = useT();
  return (
    <Layout className="app">
      <Layout.Header className="app-header">
        <Brand />
        <Flex align="center" gap={12} className="app-header-right">
          <LangSwitch />
          <Link to="/login">
            <Button type="primary" icon={<LoginOutlined />}>
              {t('auth.login.title')}
            </Button>
          </Link>
        </Flex>
      </Layout.Header>
      <Layout.Content className="app-content public-content">
        <Outlet />
      </Layout.Content>
      <AppFooter />
    </Layout>
  );
}
