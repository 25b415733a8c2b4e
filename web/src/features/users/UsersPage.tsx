import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Input, Tag, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import type { User } from '@contracts/identity';
import type { Paged } from '@shared/fields.ts';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PagedTable } from '../../ui/PagedTable.tsx';
import { useFilteredPaging } from '../../ui/paging.ts';
import { RoleTags } from '../../ui/RoleTags.tsx';
import { unitName } from '../org-units/orgUnits.ts';
import { UserCreateDialog } from './UserCreateDialog.tsx';
import { UserEditDialog } from './UserEditDialog.tsx';
import { STATUS_COLORS, usersKey } from './users.ts';

export function UsersPage() {
  const t = useT();
  const { filter: q, setFilter: setQ, paging, setPaging } = useFilteredPaging('');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);

  const users = useQuery({
    queryKey: [...usersKey, q, paging],
    queryFn: () => api.get<Paged<User>>('/api/v1/admin/users', { q, ...paging }),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<User> = [
    { title: t('user.username'), dataIndex: 'username', render: (v: string) => <strong>{v}</strong> },
    { title: t('user.fullName'), dataIndex: 'fullName' },
    { title: t('user.email'), dataIndex: 'email', responsive: ['md'] },
    { title: t('user.phone'), dataIndex: 'phone', responsive: ['xl'] },
    { title: t('user.roles'), dataIndex: 'roles', render: (roles: string[]) => <RoleTags roles={roles} /> },
    {
      title: t('user.orgUnit'),
      dataIndex: 'orgUnit',
      responsive: ['lg'],
      render: (u: User['orgUnit']) => (u ? unitName(u, t.lang) : t('common.none')),
    },
    {
      title: t('user.status'),
      dataIndex: 'status',
      render: (s: User['status']) => <Tag color={STATUS_COLORS[s]}>{t.maybe(`status.${s}`) ?? s}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      align: 'right',
      fixed: 'right',
      render: (_, user) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(user)} aria-label={t('common.edit')}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('users.create')}
          </Button>
        }
      />
      <Input.Search
        allowClear
        placeholder={t('users.searchPlaceholder')}
        enterButton={t('common.search')}
        onSearch={(value) => setQ(value.trim())}
        style={{ maxWidth: 480, marginBottom: 16 }}
      />
      <PagedTable<User> query={users} paging={paging} onPaging={setPaging} columns={columns} />
      {creating && <UserCreateDialog onClose={() => setCreating(false)} />}
      {editing && <UserEditDialog key={editing.id} user={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
