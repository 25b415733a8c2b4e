import type { UseQueryResult } from '@tanstack/react-query';
import { Table, type TableProps } from 'antd';
import { useT } from '../i18n/index.tsx';
import { tablePagination, type PageState } from './paging.ts';
import { QueryError } from './QueryError.tsx';

/** A page of a list: `total` when the server pages it, none when it sends the whole list (paged here). */
interface ListPage<T> {
  items: T[];
  total?: number;
}

/**
 * The one list table of the app: the query's error with a retry above it, then one page of its rows
 * with the page controls. Any Table prop (columns, onRow, expandable…) passes through.
 */
export function PagedTable<T extends object>({
  query,
  paging,
  onPaging,
  ...table
}: { query: UseQueryResult<ListPage<T>>; paging: PageState; onPaging: (next: PageState) => void } & Omit<TableProps<T>, 'dataSource' | 'pagination'>) {
  const t = useT();
  const page = query.data;
  return (
    <>
      <QueryError error={query.error} onRetry={() => query.refetch()} />
      <Table<T>
        rowKey="id"
        size="middle"
        loading={query.isFetching}
        scroll={{ x: 'max-content' }}
        {...table}
        dataSource={page?.items}
        pagination={tablePagination(t, paging, page?.total ?? page?.items.length, onPaging)}
      />
    </>
  );
}
