import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { renderInApp } from '../../testing/render.tsx';
import { fakeApi } from '../../testing/fake-api.ts';
import { NotificationBell } from './NotificationBell.tsx';

afterEach(() => vi.unstubAllGlobals());

const item = (over: Record<string, unknown>) => ({
  at: '2026-03-02T02:00:00.000Z',
  dueAt: null,
  overdue: false,
  subject: 'Công ty CP Tài chính Sao Mai',
  taskKind: null,
  amountVnd: null,
  read: false,
  ...over,
});
const FEED = {
  unread: 2,
  items: [
    item({ key: 'task:tsk_1', kind: 'approval', link: '/contracts/ctr_1', ref: 'HD-2026-000001', taskKind: 'approve_ctkv', amountVnd: '4200000', dueAt: '2026-03-03T10:30:00.000Z' }),
    item({ key: 'ticket:tkt_1:breach', kind: 'sla_breach', link: '/tickets/tkt_1', ref: 'YC-2026-000007', subject: 'Meeting mất tiếng', overdue: true, dueAt: '2026-03-02T06:00:00.000Z' }),
    item({ key: 'payment:pay_1', kind: 'payment_received', link: '/contracts/ctr_2', ref: 'HD-2026-000002', amountVnd: '21000000', read: true }),
  ],
};

function renderBell() {
  return renderInApp(
    <Routes>
      <Route path="/" element={<NotificationBell />} />
      <Route path="/contracts/:id" element={<p data-testid="page">contract page</p>} />
    </Routes>,
  );
}

describe('the notification bell', () => {
  it('counts the unread and lists each item in words, with its amount and deadline in Vietnam time', async () => {
    fakeApi({ 'GET /api/v1/notifications/feed': FEED });
    renderBell();
    const bell = await screen.findByRole('button', { name: 'Thông báo: 2 chưa đọc' });
    expect(within(bell).getByText('2')).toBeTruthy();
    await userEvent.click(bell);
    const approval = await screen.findByTestId('bell-item-task:tsk_1');
    expect(approval.textContent).toContain('Chờ bạn phê duyệt');
    expect(approval.textContent).toContain('HD-2026-000001 · Công ty CP Tài chính Sao Mai · 4.200.000');
    expect(approval.textContent).toContain('Hạn 03/03/2026 17:30');
    expect(screen.getByTestId('bell-item-ticket:tkt_1:breach').textContent).toContain('Phiếu đã quá hạn SLA');
    expect(screen.getByTestId('bell-item-ticket:tkt_1:breach').textContent).toContain('Quá hạn từ 02/03/2026 13:00');
    const paid = screen.getByTestId('bell-item-payment:pay_1');
    expect(paid.getAttribute('data-read')).toBe('true');
    expect(paid.textContent).toContain('Đã nhận thanh toán');
    // A read item has no "mark read" button; unread ones have.
    expect(screen.queryByTestId('bell-read-payment:pay_1')).toBeNull();
    expect(screen.getByTestId('bell-read-task:tsk_1')).toBeTruthy();
  });

  it('opening an item marks it read and goes to its page', async () => {
    const calls = fakeApi({ 'GET /api/v1/notifications/feed': FEED, 'POST /api/v1/notifications/feed/read': { marked: 1, unread: 1 } });
    renderBell();
    await userEvent.click(await screen.findByTestId('bell'));
    await userEvent.click(await screen.findByTestId('bell-open-task:tsk_1'));
    expect(await screen.findByTestId('page')).toBeTruthy();
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ keys: ['task:tsk_1'] }));
  });

  it('marks all read in one request and asks for the feed again; a read item opened sends no mark', async () => {
    let unread = 2;
    const calls = fakeApi({
      'GET /api/v1/notifications/feed': () => ({ ...FEED, unread, items: FEED.items.map((i) => ({ ...i, read: unread === 0 || i.read })) }),
      'POST /api/v1/notifications/feed/read': () => ((unread = 0), { marked: 2, unread: 0 }),
    });
    renderBell();
    await userEvent.click(await screen.findByRole('button', { name: 'Thông báo: 2 chưa đọc' }));
    await userEvent.click(await screen.findByTestId('bell-read-all'));
    await screen.findByRole('button', { name: 'Thông báo: 0 chưa đọc' });
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ all: true }]);
    expect(calls.filter((c) => c.method === 'GET').length).toBeGreaterThanOrEqual(2);
    await userEvent.click(screen.getByTestId('bell-open-payment:pay_1'));
    expect(await screen.findByTestId('page')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('says so when nothing needs the user', async () => {
    fakeApi({ 'GET /api/v1/notifications/feed': { items: [], unread: 0 } });
    renderBell();
    await userEvent.click(await screen.findByRole('button', { name: 'Thông báo: 0 chưa đọc' }));
    expect(await screen.findByText('Không có việc nào cần bạn')).toBeTruthy();
    expect((screen.getByTestId('bell-read-all') as HTMLButtonElement).disabled).toBe(true);
  });
});
