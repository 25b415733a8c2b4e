import { useState } from 'react';
import { Button, Flex, Input, Typography } from 'antd';
import { DislikeOutlined, LikeOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/index.tsx';

/** "Hài lòng" / "Chưa hài lòng" as two big buttons, with an optional comment above them. */
export function ReviewChoice({ onChoose, loading }: { onChoose: (satisfied: boolean, comment?: string) => void; loading?: boolean }) {
  const t = useT();
  const [comment, setComment] = useState('');
  const [chosen, setChosen] = useState<boolean | null>(null);
  const choose = (satisfied: boolean) => {
    setChosen(satisfied);
    onChoose(satisfied, comment.trim() || undefined);
  };
  return (
    <Flex vertical gap={12} className="review-choice">
      <Typography.Text strong>{t('myRequests.askReview')}</Typography.Text>
      <Input.TextArea
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        rows={2}
        maxLength={2000}
        placeholder={t('review.commentPlaceholder')}
        data-testid="review-comment"
      />
      <Flex gap={12} wrap>
        <Button
          type="primary"
          size="large"
          icon={<LikeOutlined />}
          className="review-button review-yes"
          loading={loading && chosen === true}
          disabled={loading}
          onClick={() => choose(true)}
          data-testid="review-satisfied"
        >
          {t('review.satisfied')}
        </Button>
        <Button
          danger
          size="large"
          icon={<DislikeOutlined />}
          className="review-button"
          loading={loading && chosen === false}
          disabled={loading}
          onClick={() => choose(false)}
          data-testid="review-not-satisfied"
        >
          {t('review.notSatisfied')}
        </Button>
      </Flex>
    </Flex>
  );
}
