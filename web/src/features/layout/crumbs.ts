/**
 * Breadcrumbs from the route table (issue #15): the area a path belongs to (the same "most specific
 * area wins" rule the menu uses), its menu group, and the page below it. One place for every page.
 */
import type { MessageKey } from '../../i18n/index.tsx';
import { AREA_GROUPS, AREAS, type Area } from './areas.tsx';

export interface Crumb {
  /** A text key, or the page's own words (a contract number) in `text`. */
  label?: MessageKey;
  text?: string;
  /** Where it leads; none for a group or the current page. */
  path?: string;
}

/** Pages below an area that are not areas themselves. */
const SUBPAGES: Record<string, MessageKey> = {
  '/contracts/new': 'crumb.contractNew',
};

const ALL: readonly Area[] = Object.values(AREAS);

/** The most specific area whose path is the path or a parent of it, among those given. */
export function areaOf(pathname: string, areas: readonly Area[] = ALL): Area | undefined {
  return areas
    .filter((a) => (a.path === '/' ? pathname === '/' : pathname === a.path || pathname.startsWith(`${a.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
}

/**
 * The trail of a path: Home, the menu group, the area, then the page below it (`detail`: its own
 * title, when the page has told it; else "Chi tiết"). `mayOpen` says which areas the user may open:
 * the others are named but not linked. Empty on the home page and outside the areas.
 */
export function crumbsOf(pathname: string, mayOpen: (a: Area) => boolean, detail?: string | null): Crumb[] {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const own = areaOf(path);
  if (!own || own.path === '/') return [];
  const area = own;
  const below = path !== area.path;
  const group = area.group ? AREA_GROUPS.find((g) => g.key === area.group) : undefined;
  return [
    { label: AREAS.home.label, path: '/' },
    ...(group ? [{ label: group.label }] : []),
    { label: area.label, path: below && mayOpen(area) ? area.path : undefined },
    ...(below ? [SUBPAGES[path] ? { label: SUBPAGES[path] } : detail ? { text: detail } : { label: 'crumb.detail' as const }] : []),
  ];
}
