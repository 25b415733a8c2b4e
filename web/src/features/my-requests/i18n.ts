import { defineTexts } from '../../i18n/texts.ts';

/** The customer's own requests. */
export const myRequestsTexts = defineTexts({
  vi: {
    'myRequests.title': 'Yêu cầu hỗ trợ của tôi',
    'myRequests.new': 'Gửi yêu cầu mới',
    'myRequests.empty': 'Quý khách chưa gửi yêu cầu nào',
    'myRequests.answer': 'Trả lời của MobiFone',
    'myRequests.askReview': 'Quý khách có hài lòng với kết quả xử lý?',
    'myRequests.question': 'MobiFone cần quý khách bổ sung thông tin',
    'myRequests.reply': 'Gửi phản hồi',
    'myRequests.replyPlaceholder': 'Nội dung bổ sung…',
    'myRequests.replied': 'Đã gửi phản hồi',
    'myRequests.conversation': 'Trao đổi',
    'myRequests.expected': 'Dự kiến hoàn thành: {eta}',
  },
  en: {
    'myRequests.title': 'My support requests',
    'myRequests.new': 'New request',
    'myRequests.empty': 'You have not sent any request',
    'myRequests.answer': 'MobiFone’s answer',
    'myRequests.askReview': 'Are you satisfied with the answer?',
    'myRequests.question': 'MobiFone needs more information',
    'myRequests.reply': 'Send reply',
    'myRequests.replyPlaceholder': 'Your information…',
    'myRequests.replied': 'Reply sent',
    'myRequests.conversation': 'Conversation',
    'myRequests.expected': 'Expected completion: {eta}',
  },
});
