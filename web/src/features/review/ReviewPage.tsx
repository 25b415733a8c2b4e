import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Card, Result, Skeleton, Typography } from 'antd';
import { useParams } from 'react-router';
import { api, ApiError } from '../../api/client.ts';
import type { TicketReviewInfo, TicketStatus } from '@contracts/support';
import { useT } from '../../i18n/index.tsx';
import { TicketStatusTag } from '../tickets/TicketTags.tsx';
import { ticketStatusLabel } from '../tickets/tickets.ts';
import { ReviewChoice } from './ReviewChoice.tsx';

const reviewPath = (token: string) => `/api/v1/tickets/review/${encodeURIComponent(token)}`;

/** `/review/:token`: the link of the answer e-mail. No sign-in: the token is the key. */
export function ReviewPage() {
  const t = useT();
  const { token = '' } = useParams();
  const info = useQuery({ queryKey: ['review', token], queryFn: () => api.get<TicketReviewInfo>(reviewPath(token)), retry: false });
  const review = useMutation({
    mutationFn: (body: { satisfied: boolean; comment?: string }) => api.post<{ status: TicketStatus }>(reviewPath(token), body),
  });

  let body;
  if (review.data) {
    const reopened = review.data.status === 'reopened';
    body = <Result status="success" title={t(reopened ? 'review.thanksReopened' : 'review.thanksClosed')} data-testid="review-done" data-status={review.data.status} />;
  } else if (info.error) {
    body =
      info.error instanceof ApiError && info.error.status === 404 ? (
        <Result status="warning" title={t('review.invalid')} subTitle={t('review.invalidHint')} data-testid="review-invalid" />
      ) : (
        <Result status="error" title={t('error.loadFailed')} subTitle={info.error.message} />
      );
  } else if (!info.data) {
    body = <Skeleton active />;
  } else {
    const d = info.data;
    body = (
      <>
        <Typography.Text type="secondary">
          {d.number} · <TicketStatusTag status={d.status} testId="review-status" />
        </Typography.Text>
        <Typography.Title level={4} style={{ marginTop: 8 }} data-testid="review-subject">
          {d.subject}
        </Typography.Title>
        {d.answer && (
          <Card size="small" title={t('myRequests.answer')} className="ticket-answer" style={{ marginBottom: 20 }}>
            <div className="pre-line" data-testid="review-answer">
              {d.answer}
            </div>
          </Card>
        )}
        {review.error && <Alert type="error" showIcon title={review.error.message} style={{ marginBottom: 16 }} />}
        {d.status === 'resolved' ? (
          <ReviewChoice loading={review.isPending} onChoose={(satisfied, comment) => review.mutate({ satisfied, ...(comment ? { comment } : {}) })} />
        ) : (
          <Alert type="info" showIcon title={t('review.notWaiting', { status: ticketStatusLabel(t, d.status) })} />
        )}
      </>
    );
  }

  return (
    <div className="review-page">
      <Card title={t('review.title')} className="review-card">
        {body}
      </Card>
    </div>
  );
}
