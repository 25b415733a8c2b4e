import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Card, Empty, Flex, Pagination, Spin, Table, Typography, type TableColumnType, type TableProps } from 'antd';
import { useT } from '../i18n/index.tsx';
import { tablePagination, type PageState } from './paging.ts';
import { QueryError } from './QueryError.tsx';
import { useIsMobile } from './useIsMobile.ts';

/** A page of a list: `total` when the server pages it, none when it sends the whole list (paged here). */
interface ListPage<T> {
  items: T[];
  total?: number;
  /** The server counted no further than `total`. */
  totalCapped?: boolean;
}

type Props<T> = { query: UseQueryResult<ListPage<T>>; paging: PageState; onPaging: (next: PageState) => void } & Omit<TableProps<T>, 'dataSource' | 'pagination'>;

/**
 * The one list table of the app: the query's error with a retry above it, then one page of its rows
 * with the page controls. Any Table prop (columns, onRow, expandable…) passes through. On a phone the
 * rows become cards, every column a labelled line, so nothing hides off the right edge.
 */
export function PagedTable<T extends object>({ query, paging, onPaging, ...table }: Props<T>) {
  const t = useT();
  const mobile = useIsMobile();
  const page = query.data;
  const pagination = tablePagination(t, paging, page?.total ?? page?.items.length, onPaging, page?.totalCapped);
  return (
    <>
      <QueryError error={query.error} onRetry={() => query.refetch()} />
      {mobile ? (
        <Spin spinning={query.isFetching}>
          <RowCards rows={page?.items ?? []} columns={(table.columns ?? []) as TableColumnType<T>[]} onRow={table.onRow} rowKey={table.rowKey} />
          <Pagination size="small" simple {...pagination} style={{ marginTop: 12, textAlign: 'center' }} />
        </Spin>
      ) : (
        <Table<T> rowKey="id" size="middle" loading={query.isFetching} scroll={{ x: 'max-content' }} {...table} dataSource={page?.items} pagination={pagination} />
      )}
    </>
  );
}

/** What a column shows for one row: its `render`, else the value at its `dataIndex`. */
function cellOf<T extends object>(c: TableColumnType<T>, row: T, i: number): ReactNode {
  const value = c.dataIndex === undefined ? undefined : (row as Record<string, unknown>)[String(c.dataIndex)];
  return c.render ? (c.render(value, row, i) as ReactNode) : (value as ReactNode);
}

function RowCards<T extends object>({ rows, columns, onRow, rowKey }: { rows: T[]; columns: TableColumnType<T>[]; onRow?: TableProps<T>['onRow']; rowKey?: TableProps<T>['rowKey'] }) {
  if (!rows.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const [head, ...rest] = columns.filter((c) => c.title);
  const keyOf = (row: T, i: number) => (typeof rowKey === 'function' ? rowKey(row) : String((row as Record<string, unknown>)[String(rowKey ?? 'id')] ?? i));
  return (
    <Flex vertical gap={8} className="row-cards" data-testid="row-cards">
      {rows.map((row, i) => {
        const handlers = onRow?.(row, i) ?? {};
        return (
          <Card key={keyOf(row, i)} size="small" title={head && cellOf(head, row, i)} onClick={handlers.onClick} style={handlers.onClick ? { cursor: 'pointer' } : undefined}>
            {rest.map((c, j) => (
              <Flex key={String(c.key ?? c.dataIndex ?? j)} justify="space-between" gap={12} className="row-card-line">
                <Typography.Text type="secondary">{c.title as ReactNode}</Typography.Text>
                <span className="row-card-value">{cellOf(c, row, i)}</span>
              </Flex>
            ))}
          </Card>
        );
      })}
    </Flex>
  );
}
