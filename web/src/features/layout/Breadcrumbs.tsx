import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { Breadcrumb } from 'antd';
import { Link, useLocation } from 'react-router';
import { useT } from '../../i18n/index.tsx';
import { hasAnyRole, useSession } from '../auth/session.tsx';
import { crumbsOf } from './crumbs.ts';

type SetDetail = (text: string | null) => void;
const DetailContext = createContext<{ detail: string | null; setDetail: SetDetail }>({ detail: null, setDetail: () => {} });

/** Holds the current page's own title for the last crumb (a contract or ticket number). */
export function CrumbProvider({ children }: { children: ReactNode }) {
  const [detail, setDetail] = useState<string | null>(null);
  return <DetailContext.Provider value={{ detail, setDetail }}>{children}</DetailContext.Provider>;
}

/** A detail page names itself in the breadcrumbs ("HD-2026-000001" rather than "Chi tiết"). */
export function useCrumb(text: string | null | undefined): void {
  const { setDetail } = useContext(DetailContext);
  useEffect(() => {
    setDetail(text ?? null);
    return () => setDetail(null);
  }, [text, setDetail]);
}

/** The trail above every page of the signed-in shell, from the route table (`crumbs.ts`). */
export function Breadcrumbs() {
  const t = useT();
  const { pathname } = useLocation();
  const { user } = useSession();
  const { detail } = useContext(DetailContext);
  const crumbs = crumbsOf(pathname, (a) => hasAnyRole(user, a.roles), detail);
  if (crumbs.length === 0) return null;
  return (
    <Breadcrumb
      className="app-breadcrumbs"
      data-testid="breadcrumbs"
      items={crumbs.map((c) => {
        const title = c.text ?? (c.label ? t(c.label) : '');
        return { title: c.path ? <Link to={c.path}>{title}</Link> : title };
      })}
    />
  );
}
