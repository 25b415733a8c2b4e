import { Descriptions, Drawer, Tag, Typography } from 'antd';
import type { OutboxMessage } from '@contracts/notifications';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { useIsMobile } from '../../ui/useIsMobile.ts';
import { STATUS_COLORS } from './outbox.ts';

/** Full message; an HTML e-mail is rendered in a fully sandboxed iframe (no scripts, no same-origin). */
export function MessageDrawer({ message, onClose }: { message: OutboxMessage | null; onClose: () => void }) {
  const t = useT();
  const isMobile = useIsMobile();
  return (
    <Drawer open={!!message} onClose={onClose} title={t('outbox.messageTitle')} size={isMobile ? '100%' : 720}>
      {message && (
        <>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'from', label: t('outbox.from'), children: message.from },
              { key: 'to', label: t('outbox.to'), children: message.to },
              ...(message.subject ? [{ key: 'subject', label: t('outbox.subject'), children: message.subject }] : []),
              {
                key: 'status',
                label: t('outbox.status'),
                children: (
                  <>
                    <Tag color={STATUS_COLORS[message.status]}>{t.maybe(`outbox.status.${message.status}`) ?? message.status}</Tag>
                    {t(`outbox.direction.${message.direction}`)}
                  </>
                ),
              },
              { key: 'attempts', label: t('outbox.attempts'), children: message.attempts },
              { key: 'createdAt', label: t('outbox.createdAt'), children: <DateTime value={message.createdAt} /> },
              { key: 'sentAt', label: t('outbox.sentAt'), children: <DateTime value={message.sentAt} /> },
              ...(message.error
                ? [{ key: 'error', label: t('outbox.error'), children: <Typography.Text type="danger">{message.error}</Typography.Text> }]
                : []),
            ]}
          />
          {message.html && (
            <>
              <Typography.Title level={5} style={{ marginTop: 20 }}>
                {t('outbox.html')}
              </Typography.Title>
              <iframe className="mail-frame" title={message.subject ?? t('outbox.html')} sandbox="" srcDoc={message.html} />
            </>
          )}
          {message.body && (
            <>
              <Typography.Title level={5} style={{ marginTop: 20 }}>
                {message.channel === 'sms' ? t('outbox.text') : t('outbox.plain')}
              </Typography.Title>
              <pre className="message-body">{message.body}</pre>
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
