import { defineTexts } from '../../i18n/texts.ts';

/** The staff inbox of contract tasks. */
export const inboxTexts = defineTexts({
  vi: {
    'inbox.title': 'Việc cần xử lý',
    'inbox.open': 'Đang chờ',
    'inbox.overdue': 'Quá hạn',
    'inbox.done': 'Đã xong',
    'inbox.empty': 'Không có việc nào',
    'inbox.documents': 'Tài liệu',
    'inbox.documentCount': '{n} tài liệu',
  },
  en: {
    'inbox.title': 'Inbox',
    'inbox.open': 'Open',
    'inbox.overdue': 'Overdue',
    'inbox.done': 'Done',
    'inbox.empty': 'Nothing here',
    'inbox.documents': 'Documents',
    'inbox.documentCount': '{n} document(s)',
  },
});
