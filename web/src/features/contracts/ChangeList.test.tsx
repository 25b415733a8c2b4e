import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { renderInApp } from '../../testing/render.tsx';
import { ChangeList } from './ChangeList.tsx';

describe('a timeline entry in words', () => {
  it('names each field and shows statuses, local times and đồng as people read them', () => {
    renderInApp(
      <ChangeList
        changes={[
          { field: 'status', from: 'awaiting_payment', to: 'active' },
          { field: 'paidAt', from: null, to: '2026-12-06T00:05:27.000Z' },
          { field: 'totalVnd', from: '21000000', to: '25200000' },
          { field: 'ctkvApprovedBy', from: null, to: 'Nguyễn Văn Duyệt' },
        ]}
      />,
    );
    const lines = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(lines).toEqual([
      'Trạng thái: Chờ thanh toán → Đang hoạt động',
      'Thanh toán: 06/12/2026 07:05',
      'Tổng tiền: 21.000.000 ₫ → 25.200.000 ₫',
      'Phê duyệt CTKV bởi: Nguyễn Văn Duyệt',
    ]);
  });
});
