import { defineTexts } from '../../i18n/texts.ts';

/** The customer's review of an answer. */
export const reviewTexts = defineTexts({
  vi: {
    'review.title': 'Đánh giá kết quả xử lý',
    'review.satisfied': 'Hài lòng',
    'review.notSatisfied': 'Chưa hài lòng',
    'review.commentPlaceholder': 'Nhận xét của quý khách (không bắt buộc)',
    'review.thanksClosed': 'Cảm ơn quý khách! Yêu cầu đã được đóng.',
    'review.thanksReopened': 'Cảm ơn quý khách! Yêu cầu đã được mở lại để MobiFone tiếp tục xử lý.',
    'review.invalid': 'Liên kết đánh giá không còn hiệu lực',
    'review.invalidHint': 'Yêu cầu có thể đã được đánh giá hoặc đã đóng.',
    'review.notWaiting': 'Yêu cầu này hiện không chờ đánh giá ({status}).',
  },
  en: {
    'review.title': 'Review the answer',
    'review.satisfied': 'Satisfied',
    'review.notSatisfied': 'Not satisfied',
    'review.commentPlaceholder': 'Your comment (optional)',
    'review.thanksClosed': 'Thank you! The request is closed.',
    'review.thanksReopened': 'Thank you! The request has been reopened and MobiFone will keep working on it.',
    'review.invalid': 'This review link is no longer valid',
    'review.invalidHint': 'The request may already be reviewed or closed.',
    'review.notWaiting': 'This request is not waiting for a review ({status}).',
  },
});
