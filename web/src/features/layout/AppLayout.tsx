import { useEffect, useState } from 'react';
import { Button, Drawer, Flex, Layout } from 'antd';
import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation } from 'react-router';
import { useT } from '../../i18n/index.tsx';
import { RoleTags } from '../../ui/RoleTags.tsx';
import { useIsMobile } from '../../ui/useIsMobile.ts';
import { useSession } from '../auth/session.tsx';
import { useLogout } from '../auth/useLogout.ts';
import { AppFooter } from './AppFooter.tsx';
import { NotificationBell } from '../bell/NotificationBell.tsx';
import { Brand } from './Brand.tsx';
import { Breadcrumbs, CrumbProvider } from './Breadcrumbs.tsx';
import { GlobalSearch } from './GlobalSearch.tsx';
import { LangSwitch } from './LangSwitch.tsx';
import { NavMenu } from './NavMenu.tsx';

/** Signed-in shell: Sider menu (a Drawer on phones), header with user, roles, language and sign-out. */
export function AppLayout() {
  const isMobile = useIsMobile();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);

  useEffect(() => setDrawerOpen(false), [pathname, isMobile]);

  return (
    <CrumbProvider>
      <Layout className="app">
        {isMobile ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={280}
            title={<Brand />}
            styles={{ body: { padding: 0 } }}
          >
            <NavMenu onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        ) : (
          <Layout.Sider
            theme="light"
            width={240}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            className="app-sider"
          >
            <div className="app-sider-brand">
              <Brand compact={collapsed} />
            </div>
            <NavMenu />
          </Layout.Sider>
        )}
        <Layout>
          <AppHeader onMenuClick={isMobile ? () => setDrawerOpen(true) : undefined} />
          <Layout.Content className="app-content">
            <Breadcrumbs />
            <Outlet />
          </Layout.Content>
          <AppFooter />
        </Layout>
      </Layout>
    </CrumbProvider>
  );
}

function AppHeader({ onMenuClick }: { onMenuClick?: () => void }) {
  const t = useT();
  const { user } = useSession();
  const logout = useLogout();
  return (
    <Layout.Header className="app-header">
      {onMenuClick && (
        <>
          <Button
            type="text"
            icon={<MenuOutlined />}
            onClick={onMenuClick}
            aria-label={t('nav.menu')}
            data-testid="nav-menu-button"
          />
          <Brand compact />
        </>
      )}
      {!user.customer && <GlobalSearch />}
      <Flex align="center" gap={12} className="app-header-right">
        <NotificationBell />
        <Link to="/profile" className="app-user" title={user.username}>
          <UserOutlined />
          <span className="app-user-name" data-testid="user-name">
            {user.fullName}
          </span>
        </Link>
        <span className="app-header-roles">
          <RoleTags roles={user.roles} />
        </span>
        <LangSwitch />
        <Button
          icon={<LogoutOutlined />}
          onClick={() => logout.mutate()}
          loading={logout.isPending}
          title={t('nav.logout')}
          aria-label={t('nav.logout')}
          data-testid="logout-button"
        >
          <span className="hide-on-phone">{t('nav.logout')}</span>
        </Button>
      </Flex>
    </Layout.Header>
  );
}
