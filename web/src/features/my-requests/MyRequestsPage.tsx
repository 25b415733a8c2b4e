import { useState } from 'react';
import { Alert, Button, Card, Collapse, Empty, Flex, Input, Pagination, Skeleton, Typography } from 'antd';
import { FieldTimeOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import type { TicketDetail, TicketSummary } from '@contracts/support';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { FIRST_PAGE, type PageState } from '../../ui/paging.ts';
import { QueryError } from '../../ui/QueryError.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { ReviewChoice } from '../review/ReviewChoice.tsx';
import { AttachmentList } from '../tickets/Attachments.tsx';
import { TicketStatusTag } from '../tickets/TicketTags.tsx';
import { CommentComposer, TicketTimeline } from '../tickets/TicketTimeline.tsx';
import { requestTypeLabel, useTicket, useTicketComment, useTicketEvent, useTickets } from '../tickets/tickets.ts';

/** The customer portal: my requests, each with its answer, the review buttons once resolved, and a reply box when asked. */
export function MyRequestsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const [paging, setPaging] = useState<PageState>({ ...FIRST_PAGE, pageSize: 10 });
  const tickets = useTickets({}, paging);
  const open = params.get('open') ?? undefined;
  const items = tickets.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t('myRequests.title')}
        extra={
          <Link to="/tickets/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="my-requests-new">
              {t('myRequests.new')}
            </Button>
          </Link>
        }
      />
      <QueryError error={tickets.error} onRetry={() => tickets.refetch()} />
      {tickets.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Card>
          <Empty description={t('myRequests.empty')} />
        </Card>
      ) : (
        <>
          <Collapse
            accordion
            activeKey={open}
            onChange={(key) => {
              const k = Array.isArray(key) ? key[0] : key;
              setParams(k ? { open: k } : {}, { replace: true });
            }}
            items={items.map((r) => ({
              key: r.id,
              label: <RequestHeader r={r} />,
              children: <RequestBody id={r.id} />,
              ...{ 'data-testid': `my-request-${r.number}` },
            }))}
            className="my-requests"
            data-testid="my-requests"
          />
          {(tickets.data?.total ?? 0) > paging.pageSize && (
            <Flex justify="flex-end" style={{ marginTop: 16 }}>
              <Pagination current={paging.page} pageSize={paging.pageSize} total={tickets.data?.total} onChange={(page) => setPaging({ ...paging, page })} />
            </Flex>
          )}
        </>
      )}
    </>
  );
}

function RequestHeader({ r }: { r: TicketSummary }) {
  const t = useT();
  return (
    <Flex justify="space-between" align="center" gap={12} wrap>
      <div style={{ minWidth: 0 }}>
        <Typography.Text strong>{r.subject}</Typography.Text>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {r.number} · {requestTypeLabel(t, r.requestType)} · <DateTime value={r.createdAt} />
        </Typography.Text>
      </div>
      <TicketStatusTag status={r.status} testId={`my-request-status-${r.number}`} />
    </Flex>
  );
}

function RequestBody({ id }: { id: string }) {
  const t = useT();
  const ticket = useTicket(id);
  const c = ticket.data;
  if (ticket.error) return <QueryError error={ticket.error} onRetry={() => ticket.refetch()} />;
  if (!c) return <Skeleton active />;
  const question = [...c.events].reverse().find((e) => e.event === 'request_info');
  const canReview = c.allowedEvents.includes('review_satisfied');

  return (
    <Flex vertical gap={16}>
      <div className="pre-line">{c.description}</div>
      {c.status === 'waiting_customer' && <ReplyBox ticketId={c.id} question={question?.body ?? null} />}
      {c.progress && c.status !== 'resolved' && c.status !== 'closed' && (
        <Typography.Text>
          <FieldTimeOutlined /> {t('myRequests.expected', { eta: formatDateTime(c.progress.expectedCompletionAt) })}
        </Typography.Text>
      )}
      {c.answer && (
        <Card
          size="small"
          title={c.status === 'resolved' || c.status === 'closed' ? t('myRequests.answer') : t('ticket.previousAnswer')}
          className={c.status === 'resolved' || c.status === 'closed' ? 'ticket-answer' : undefined}
        >
          <div className="pre-line" data-testid="my-request-answer">
            {c.answer}
          </div>
        </Card>
      )}
      {canReview && <Review ticket={c} />}
      <div>
        <Typography.Title level={5}>{t('myRequests.conversation')}</Typography.Title>
        <TicketTimeline entries={c.events} customerView />
        {c.status !== 'closed' && c.status !== 'waiting_customer' && <CommentComposer ticketId={c.id} customer />}
      </div>
      <div>
        <Typography.Title level={5}>{t('ticket.section.attachments')}</Typography.Title>
        <AttachmentList ticketId={c.id} files={c.attachments} canUpload={c.status !== 'closed'} />
      </div>
    </Flex>
  );
}

/** The desk asked for information: the customer's answer resumes the clocks (the server records customer_replied). */
function ReplyBox({ ticketId, question }: { ticketId: string; question: string | null }) {
  const t = useT();
  const [text, setText] = useState('');
  const reply = useTicketComment(ticketId);
  const send = useSubmit(reply, t('myRequests.replied'), () => setText(''));
  return (
    <Alert
      type="warning"
      showIcon
      title={t('myRequests.question')}
      description={
        <Flex vertical gap={8}>
          {question && <div className="pre-line">{question}</div>}
          <Input.TextArea
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={3}
            maxLength={5000}
            placeholder={t('myRequests.replyPlaceholder')}
            data-testid="reply-body"
          />
          <Flex justify="flex-end">
            <Button
              type="primary"
              icon={<SendOutlined />}
              disabled={!text.trim()}
              loading={reply.isPending}
              onClick={() => send({ body: text.trim(), visibility: 'customer' })}
              data-testid="reply-send"
            >
              {t('myRequests.reply')}
            </Button>
          </Flex>
        </Flex>
      }
      data-testid="reply-box"
    />
  );
}

function Review({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const run = useTicketEvent(ticket.id);
  const send = useSubmit(run, (d) => t(d.status === 'reopened' ? 'review.thanksReopened' : 'review.thanksClosed'));
  return (
    <Card size="small" className="review-card-inline">
      <ReviewChoice
        loading={run.isPending}
        onChoose={(satisfied, comment) =>
          send({ event: satisfied ? 'review_satisfied' : 'review_not_satisfied', ...(comment ? { comment } : {}) })
        }
      />
    </Card>
  );
}
