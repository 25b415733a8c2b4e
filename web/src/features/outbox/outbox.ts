import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { MessageStatus, OutboxMessage } from '@contracts/notifications';
import type { Paged } from '@shared/fields.ts';
import type { PageState } from '../../ui/paging.ts';

export const messagesKey = ['notifications-messages'] as const;

export const useMessages = (channel: 'email' | 'sms', paging: PageState) =>
  useQuery({
    queryKey: [...messagesKey, channel, paging],
    queryFn: () => api.get<Paged<OutboxMessage>>('/api/v1/notifications/messages', { channel, ...paging }),
    placeholderData: keepPreviousData,
  });

export const STATUS_COLORS: Record<MessageStatus, string> = {
  queued: 'default',
  sent: 'blue',
  delivered: 'green',
  failed: 'red',
  received: 'cyan',
};
