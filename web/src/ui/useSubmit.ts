import type { UseMutationResult } from '@tanstack/react-query';
import { App } from 'antd';

/**
 * Sends a command from a dialog or a button: on success it shows `done` (a text, or one made from the
 * answer and what was sent) and calls `then` (usually the dialog's onClose); on failure it shows the
 * server's message and leaves the dialog open.
 */
export function useSubmit<TData, TBody>(
  mutation: UseMutationResult<TData, Error, TBody, unknown>,
  done: string | ((data: TData, body: TBody) => string),
  then?: (data: TData) => void,
): (body: TBody) => void {
  const { message } = App.useApp();
  return (body) =>
    mutation.mutate(body, {
      onSuccess: (data) => {
        message.success(typeof done === 'string' ? done : done(data, body));
        then?.(data);
      },
      onError: (e) => message.error(e.message),
    });
}
