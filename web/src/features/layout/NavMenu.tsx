import { useEffect, useState } from 'react';
import { Badge, Menu, type MenuProps } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../../i18n/index.tsx';
import { hasAnyRole, useSession } from '../auth/session.tsx';
import { useNeedsDataCount } from '../invoices/invoices.ts';
import { AREA_GROUPS, AREAS, type Area } from './areas.tsx';
import { areaOf } from './crumbs.ts';

type Item = Required<MenuProps>['items'][number];

/**
 * The areas of the signed-in user's roles; payment, invoice and admin pages in folding groups (the
 * current page's group open), so the menu fits a 900 px-high screen.
 */
export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT();
  const { user } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const allowed: Area[] = Object.values(AREAS).filter((a: Area) => hasAnyRole(user, a.roles));
  // The invoice officer's queue of invoices that need data, counted next to "Hoá đơn".
  const needsData = useNeedsDataCount(hasAnyRole(user, AREAS.invoices.roles)).data ?? 0;
  const label = (a: Area) =>
    a.path === AREAS.invoices.path && needsData > 0 ? (
      <>
        {t(a.label)} <Badge count={needsData} color="orange" title={t('invoices.tab.needs_data')} data-testid="nav-needs-data" />
      </>
    ) : (
      t(a.label)
    );
  const toItem = (a: Area): Item => ({ key: a.path, icon: a.icon, label: label(a) });
  const groups: Item[] = AREA_GROUPS.flatMap((g) => {
    const children = allowed.filter((a) => a.group === g.key).map(toItem);
    return children.length ? [{ key: `group:${g.key}`, label: t(g.label), icon: g.icon, children }] : [];
  });
  const items: Item[] = [...allowed.filter((a) => !a.group && a.path !== AREAS.profile.path).map(toItem), ...groups, toItem(AREAS.profile)];
  // The most specific area wins: /tickets/new is "Tiếp nhận yêu cầu", /tickets/123 is "Phiếu yêu cầu" (as in the breadcrumbs).
  const selected = [areaOf(pathname, allowed)?.path].filter((p): p is string => !!p);
  const currentGroup = allowed.find((a) => a.path === selected[0])?.group;
  const [open, setOpen] = useState<string[]>(currentGroup ? [`group:${currentGroup}`] : []);
  useEffect(() => {
    if (currentGroup) setOpen((keys) => (keys.includes(`group:${currentGroup}`) ? keys : [...keys, `group:${currentGroup}`]));
  }, [currentGroup]);

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected}
      openKeys={open}
      onOpenChange={setOpen}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
      className="nav-menu"
      data-testid="nav-menu"
    />
  );
}
