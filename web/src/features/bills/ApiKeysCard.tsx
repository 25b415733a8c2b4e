import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, Modal, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiKey, ApiKeyCreated } from '@contracts/usage';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';

/** A postpaid contract's API keys: create one (shown once), list, revoke (ops and the customer). */
export function ApiKeysCard({ contractId }: { contractId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const path = `/api/v1/contracts/${encodeURIComponent(contractId)}/api-keys`;
  const queryKey = ['apiKeys', contractId];
  const keys = useQuery({ queryKey, queryFn: () => api.get<{ items: ApiKey[] }>(path) });
  const [name, setName] = useState('');
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const done = () => qc.invalidateQueries({ queryKey });
  const create = useMutation({
    mutationFn: () => api.post<ApiKeyCreated>(path, { name: name.trim() || 'API' }),
    onSuccess: (k) => {
      setCreated(k);
      setName('');
      return done();
    },
  });
  const revoke = useMutation({ mutationFn: (id: string) => api.delete(`${path}/${encodeURIComponent(id)}`), onSuccess: done });
  const fail = (e: Error) => void message.error(e.message);
  const columns: TableColumnsType<ApiKey> = [
    { title: t('apiKeys.prefix'), dataIndex: 'prefix', render: (v: string) => <span className="mono">{v}…</span> },
    { title: t('apiKeys.name'), dataIndex: 'name' },
    { title: t('apiKeys.createdAt'), dataIndex: 'createdAt', responsive: ['md'], render: (v: string) => <DateTime value={v} /> },
    {
      title: '',
      key: 'revoke',
      render: (_, k) =>
        k.revokedAt ? (
          <Tag>{t('apiKeys.revoked')}</Tag>
        ) : (
          <Popconfirm title={t('apiKeys.revokeConfirm')} onConfirm={() => revoke.mutate(k.id, { onError: fail })}>
            <Button size="small" danger data-testid={`api-key-revoke-${k.id}`}>
              {t('apiKeys.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
  return (
    <Card size="small" title={t('apiKeys.title')} data-testid="api-keys-card">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('apiKeys.hint')}
      </Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input
          style={{ width: 220 }}
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('apiKeys.name')}
          aria-label={t('apiKeys.name')}
        />
        <Button icon={<KeyOutlined />} loading={create.isPending} onClick={() => create.mutate(undefined, { onError: fail })} data-testid="api-key-create">
          {t('apiKeys.create')}
        </Button>
      </Flex>
      <Table<ApiKey>
        rowKey="id"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={keys.data?.items}
        loading={keys.isFetching}
        locale={{ emptyText: t('apiKeys.empty') }}
      />
      <Modal
        open={!!created}
        title={t('apiKeys.newTitle')}
        onCancel={() => setCreated(null)}
        onOk={() => setCreated(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon title={t('apiKeys.showOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable className="mono" data-testid="api-key-value">
          {created?.key}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}
