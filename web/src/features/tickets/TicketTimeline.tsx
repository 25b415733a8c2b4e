import { useState } from 'react';
import { Button, Empty, Flex, Input, Radio, Tag, Timeline, Typography } from 'antd';
import { LockOutlined, SendOutlined } from '@ant-design/icons';
import type { TicketTimelineEntry } from '@contracts/support';
import { useT, type Translate } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { levelLabel, logLabel, requestTypeLabel, useTicketComment } from './tickets.ts';

const DOT_COLORS: Record<string, string> = {
  receive: 'blue',
  answer_at_intake: 'green',
  resolve: 'green',
  review_satisfied: 'green',
  review_not_satisfied: 'red',
  sla_breach: 'red',
  sla_warning: 'orange',
  progress_required: 'orange',
  request_info: 'gold',
  customer_replied: 'gold',
  auto_close: 'gray',
};

/** What an event's data adds to its text: the new classification, the promised completion time. */
function extra(t: Translate, e: TicketTimelineEntry): string | null {
  const d = e.data ?? {};
  if (e.event === 'reclassify' && typeof d.level === 'number') {
    return typeof d.requestType === 'string' ? t('ticketLog.toLevel', { level: d.level, type: requestTypeLabel(t, d.requestType) }) : levelLabel(t, d.level);
  }
  if (e.event === 'update_progress' && typeof d.expectedCompletionAt === 'string') return t('ticketLog.eta', { eta: formatDateTime(d.expectedCompletionAt) });
  return null;
}

/** Events and comments, oldest first, with who (and their unit) and when. `customerView` hides the staff-only marks. */
export function TicketTimeline({ entries, customerView = false }: { entries: TicketTimelineEntry[]; customerView?: boolean }) {
  const t = useT();
  if (entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('timeline.empty')} />;
  const sorted = [...entries].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline
      data-testid="ticket-timeline"
      items={sorted.map((e) => {
        const more = extra(t, e);
        // Jobs write as `system:…`; a review from the e-mail link as `customer:<number>`.
        const who =
          !e.actorName || e.actorName.startsWith('system:') ? t('timeline.system') : e.actorName.startsWith('customer:') ? t('ticket.customer') : e.actorName;
        return {
          key: e.id,
          color: e.kind === 'comment' ? 'gray' : (DOT_COLORS[e.event ?? ''] ?? 'blue'),
          content: (
            <div className={`timeline-entry timeline-${e.visibility}`} data-testid={`timeline-${e.event ?? 'comment'}`}>
              <Flex gap={6} wrap align="center">
                <Typography.Text strong>{logLabel(t, e.event)}</Typography.Text>
                {!customerView && e.visibility === 'internal' && (
                  <Tag icon={<LockOutlined />} variant="filled">
                    {t('comment.internal')}
                  </Tag>
                )}
                {!customerView && e.kind === 'comment' && e.visibility === 'customer' && (
                  <Tag color="blue" variant="filled">
                    {t('comment.toCustomer')}
                  </Tag>
                )}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {who}
                {e.actorUnit && !customerView ? ` · ${e.actorUnit.name}` : ''} · <DateTime value={e.at} />
              </Typography.Text>
              {e.body && <div className="timeline-body">{e.body}</div>}
              {more && <Typography.Text type="secondary">{more}</Typography.Text>}
            </div>
          ),
        };
      })}
    />
  );
}

/** Comment box under the timeline: internal by default for staff; a customer always writes to the desk. */
export function CommentComposer({ ticketId, customer = false }: { ticketId: string; customer?: boolean }) {
  const t = useT();
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<'internal' | 'customer'>(customer ? 'customer' : 'internal');
  const comment = useTicketComment(ticketId);
  const send = useSubmit(comment, t('comment.sent'), () => setBody(''));
  const submit = () => {
    if (body.trim()) send({ body: body.trim(), visibility });
  };
  return (
    <Flex vertical gap={8} className="comment-composer">
      <Input.TextArea
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
        rows={3}
        maxLength={5000}
        placeholder={t('comment.placeholder')}
        data-testid="comment-body"
      />
      <Flex justify="space-between" align="center" gap={8} wrap>
        {customer ? (
          <span />
        ) : (
          <Radio.Group
            value={visibility}
            onChange={(e) => setVisibility(e.target.value)}
            options={[
              { value: 'internal', label: t('comment.internal') },
              { value: 'customer', label: t('comment.toCustomer') },
            ]}
            data-testid="comment-visibility"
          />
        )}
        <Button type="primary" icon={<SendOutlined />} onClick={submit} disabled={!body.trim()} loading={comment.isPending} data-testid="comment-send">
          {t('comment.send')}
        </Button>
      </Flex>
    </Flex>
  );
}
