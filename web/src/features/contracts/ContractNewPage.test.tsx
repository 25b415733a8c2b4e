import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInApp } from '../../testing/render.tsx';
import { fakeApi } from '../../testing/fake-api.ts';
import { ContractNewPage } from './ContractNewPage.tsx';

afterEach(() => vi.unstubAllGlobals());

const MEETING = {
  id: 'prd_1',
  code: 'MEETING',
  name: 'MobiFone Meeting — hội nghị truyền hình trực tuyến',
  nameEn: 'MobiFone Meeting — video conferencing',
  description: null,
  descriptionEn: null,
  vatRate: 'KCT',
  agentCommissionBp: 0,
  amCommissionBp: 0,
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  plans: [],
};

describe('the contract declaration form', () => {
  it('submitted empty: a message at each required field, nothing sent, nothing thrown', async () => {
    const calls = fakeApi({ 'GET /api/v1/catalog/products': { items: [MEETING] }, 'GET /api/v1/customers': { items: [], total: 0, page: 1, pageSize: 20 } });
    renderInApp(<ContractNewPage />);
    await userEvent.click(screen.getByTestId('contract-submit'));
    const errors = () => [...document.querySelectorAll('.ant-form-item-explain-error')].map((e) => e.textContent);
    await waitFor(() => expect(errors()).toEqual(['Vui lòng chọn khách hàng', 'Vui lòng chọn sản phẩm', 'Vui lòng chọn gói cước']), { timeout: 5000 });
    await userEvent.click(screen.getByTestId('contract-save-draft'));
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });
});
