import type { TablePaginationConfig } from 'antd';
import type { Translate } from '../i18n/index.tsx';

export interface PageState {
  page: number;
  pageSize: number;
}

export const FIRST_PAGE: PageState = { page: 1, pageSize: 20 };

/** antd Table pagination for a server-paged list (`page` is 1-based). */
export function tablePagination(
  t: Translate,
  state: PageState,
  total: number | undefined,
  onChange: (next: PageState) => void,
): TablePaginationConfig {
  return {
    current: state.page,
    pageSize: state.pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (n) => t('common.total', { total: n }),
    onChange: (page, pageSize) => onChange({ page: pageSize === state.pageSize ? page : 1, pageSize }),
  };
}
