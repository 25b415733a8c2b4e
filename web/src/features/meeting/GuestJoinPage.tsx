import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';

interface LinkInfo { title: string; organisation: string; scheduledAt: string; status: 'scheduled' | 'live' | 'ended'; open: boolean }

/** `/meeting/j/:code`: a guest by link gives a name and joins (no sign-in); the live page takes the token from the fragment. */
export function GuestJoinPage() {
  const t = useT();
  const { code = '' } = useParams();
  const info = useQuery({ queryKey: ['meeting', 'link', code], queryFn: () => api.get<LinkInfo>(`/api/v1/meeting/links/${encodeURIComponent(code)}`), retry: false });
  const [error, setError] = useState<string | null>(null);
  const join = useMutation({ mutationFn: (displayName: string) => api.post<{ roomUrl: string }>(`/api/v1/meeting/links/${encodeURIComponent(code)}/join`, { displayName }) });
  if (info.error) return <Result status="404" title={info.error.message} />;
  const m = info.data;
  return (
    <Card style={{ maxWidth: 480, margin: '48px auto' }} title={t('meeting.guest.title')} loading={info.isLoading}>
      {m && (
        <>
          <Typography.Title level={4}>{m.title}</Typography.Title>
          <Typography.Paragraph type="secondary">
            {t('meeting.guest.by', { org: m.organisation })} · <DateTime value={m.scheduledAt} />
          </Typography.Paragraph>
          {m.status === 'ended' ? (
            <Alert type="info" title={t('meeting.guest.ended')} />
          ) : !m.open ? (
            <Alert type="warning" title={t('meeting.guest.closed')} />
          ) : (
            <Form layout="vertical" onFinish={(v: { displayName: string }) => join.mutate(v.displayName, { onSuccess: (r) => window.location.assign(r.roomUrl), onError: (e) => setError(e.message) })}>
              <Form.Item name="displayName" label={t('meeting.guest.name')} rules={[{ required: true, max: 80 }]}>
                <Input autoFocus data-testid="guest-name" />
              </Form.Item>
              {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} />}
              <Button type="primary" htmlType="submit" loading={join.isPending} block data-testid="guest-join">{t('meeting.guest.join')}</Button>
            </Form>
          )}
        </>
      )}
    </Card>
  );
}
