import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInApp } from '../../testing/render.tsx';
import { fakeApi } from '../../testing/fake-api.ts';
import { CustomerCreateDialog } from './CustomerCreateDialog.tsx';

afterEach(() => vi.unstubAllGlobals());

describe('the new-customer form', () => {
  it('answers an empty form with field messages and sends nothing', async () => {
    const calls = fakeApi({ 'GET /api/v1/org-units': { items: [] } });
    renderInApp(<CustomerCreateDialog onClose={() => {}} onCreated={() => {}} />);
    await userEvent.click(screen.getByTestId('dialog-ok'));
    expect(await screen.findByText('Vui lòng nhập tên khách hàng')).toBeTruthy();
    expect(screen.getByText('Vui lòng nhập mã số thuế')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('refuses a malformed tax code before asking the server', async () => {
    const calls = fakeApi({ 'GET /api/v1/org-units': { items: [] } });
    renderInApp(<CustomerCreateDialog onClose={() => {}} onCreated={() => {}} />);
    await userEvent.type(screen.getByTestId('customer-tax-code'), '12345');
    await userEvent.click(screen.getByTestId('dialog-ok'));
    expect(await screen.findByText('Mã số thuế gồm 10 chữ số, hoặc 10 chữ số - 3 chữ số')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('sends the trimmed customer and reports it created', async () => {
    const created = vi.fn();
    const calls = fakeApi({
      'GET /api/v1/org-units': { items: [] },
      'POST /api/v1/customers': (b: unknown) => ({ id: 'cus_1', ...(b as object) }),
    });
    renderInApp(<CustomerCreateDialog onClose={() => {}} onCreated={created} />);
    await userEvent.type(screen.getByTestId('customer-name'), '  Công ty TNHH Sao Mai ');
    await userEvent.type(screen.getByTestId('customer-tax-code'), '0100109106');
    await userEvent.type(screen.getByTestId('customer-email'), 'ketoan@saomai.vn');
    await userEvent.type(screen.getByTestId('customer-phone'), '0912345678');
    await userEvent.type(screen.getByTestId('customer-address'), 'Hà Nội');
    await userEvent.click(screen.getByTestId('dialog-ok'));
    await waitFor(() => expect(created).toHaveBeenCalled());
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      type: 'enterprise',
      name: 'Công ty TNHH Sao Mai',
      taxCode: '0100109106',
      email: 'ketoan@saomai.vn',
      phone: '0912345678',
      address: 'Hà Nội',
    });
  });
});
