import { useState } from 'react';
import type { TablePaginationConfig } from 'antd';
import type { Translate } from '../i18n/index.tsx';

export interface PageState {
  page: number;
  pageSize: number;
}

export const FIRST_PAGE: PageState = { page: 1, pageSize: 20 };

/** A list's filter and the page shown: a new filter starts again at the first page. */
export function useFilteredPaging<F>(initial: F | (() => F)) {
  const [filter, setFilterState] = useState(initial);
  const [paging, setPaging] = useState(FIRST_PAGE);
  const setFilter = (next: F) => {
    setFilterState(next);
    setPaging((p) => ({ ...p, page: 1 }));
  };
  return { filter, setFilter, paging, setPaging };
}

/** antd Table pagination for a server-paged list (`page` is 1-based). */
export function tablePagination(
  t: Translate,
  state: PageState,
  total: number | undefined,
  onChange: (next: PageState) => void,
  /** The server stopped counting at `total`: there are more. */
  capped = false,
): TablePaginationConfig {
  return {
    current: state.page,
    pageSize: state.pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (n) => (capped ? t('common.totalMore', { total: n.toLocaleString(t.lang === 'en' ? 'en-US' : 'vi-VN') }) : t('common.total', { total: n })),
    onChange: (page, pageSize) => onChange({ page: pageSize === state.pageSize ? page : 1, pageSize }),
  };
}
