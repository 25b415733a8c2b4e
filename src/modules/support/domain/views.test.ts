import { describe, expect, it } from 'vitest';
import { exportRow } from './views.ts';

describe('ticket export rows', () => {
  const ticket = {
    number: 'YC-2026-000001',
    subject: 'Kích hoạt thêm phòng họp',
    customer: { name: 'Công ty Sao Mai' },
    customerPhone: null,
    requestType: 'activation',
    level: 2,
    assigneeUnit: null,
    assigneeStage: 'ctkv',
    status: 'waiting_customer',
    createdAt: new Date('2026-03-09T02:00:00Z'),
    dueAt: null,
    breached: true,
    reopenCount: 1,
  };

  it('reads in Vietnamese: labels for type, stage and status, Hà Nội times, Có/Không', () => {
    expect(exportRow(ticket)).toMatchObject({
      'Số phiếu': 'YC-2026-000001',
      'Điện thoại': '',
      'Trạng thái': 'Chờ khách hàng',
      'Tiếp nhận': '09/03/2026 09:00',
      'Hạn xử lý': '—',
      'Quá hạn': 'Có',
    });
    expect(exportRow(ticket)['Loại yêu cầu']).not.toBe('activation');
    expect(exportRow(ticket)['Đơn vị xử lý']).not.toBe('');
  });

  it('keeps an unknown status as it is', () => {
    expect(exportRow({ ...ticket, status: 'archived' })['Trạng thái']).toBe('archived');
  });
});
