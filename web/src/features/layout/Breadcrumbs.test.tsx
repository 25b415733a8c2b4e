import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import type { Me } from '@contracts/identity';
import { dictionaries } from '../../i18n/dictionaries.ts';
import { renderInApp } from '../../testing/render.tsx';
import { SessionContext } from '../auth/session.tsx';
import { Breadcrumbs, CrumbProvider, useCrumb } from './Breadcrumbs.tsx';
import { crumbsOf } from './crumbs.ts';
import type { Area } from './areas.tsx';

afterEach(() => vi.unstubAllGlobals());

const words = (path: string, mayOpen: (a: Area) => boolean = () => true, detail?: string, lang: 'vi' | 'en' = 'vi') =>
  crumbsOf(path, mayOpen, detail).map((c) => `${c.text ?? dictionaries[lang][c.label!]}${c.path ? ` → ${c.path}` : ''}`);

describe('breadcrumbs from the route table', () => {
  it('name the area, its menu group and the page below it, in Vietnamese and English', () => {
    expect(words('/')).toEqual([]);
    expect(words('/contracts')).toEqual(['Trang chủ → /', 'Hợp đồng']);
    expect(words('/contracts/ctr_1', undefined, 'HD-2026-000001')).toEqual(['Trang chủ → /', 'Hợp đồng → /contracts', 'HD-2026-000001']);
    expect(words('/contracts/ctr_1')).toEqual(['Trang chủ → /', 'Hợp đồng → /contracts', 'Chi tiết']);
    expect(words('/contracts/new')).toEqual(['Trang chủ → /', 'Hợp đồng → /contracts', 'Khai báo hợp đồng']);
    expect(words('/payments/reconciliation/2026-03-01', undefined, '01/03/2026')).toEqual(['Trang chủ → /', 'Thanh toán', 'Đối soát VNPay → /payments/reconciliation', '01/03/2026']);
    expect(words('/admin/audit', undefined, undefined, 'en')).toEqual(['Home → /', 'Administration', 'Audit log']);
    // The most specific area wins, as in the menu.
    expect(words('/tickets/new')).toEqual(['Trang chủ → /', 'Tiếp nhận yêu cầu']);
    expect(words('/tickets/tkt_1/')).toEqual(['Trang chủ → /', 'Phiếu yêu cầu → /tickets', 'Chi tiết']);
    // Outside the areas (a payment link): none.
    expect(words('/pay/abc')).toEqual([]);
  });

  it('an area the user may not open is named, not linked', () => {
    expect(words('/invoices/inv_1', (a) => a.path !== '/invoices')).toEqual(['Trang chủ → /', 'Hoá đơn', 'Hoá đơn điện tử', 'Chi tiết']);
  });

  it('the shell shows the trail with the page\'s own title, links to the area', async () => {
    const me = { user: { id: 'usr_1', username: 'am1', fullName: 'AM', roles: ['am'], customer: null }, permissions: [] } as unknown as Me;
    function Page() {
      useCrumb('HD-2026-000001');
      return <p>page</p>;
    }
    renderInApp(
      <SessionContext.Provider value={me}>
        <CrumbProvider>
          <Breadcrumbs />
          <Routes>
            <Route path="/contracts/:id" element={<Page />} />
          </Routes>
        </CrumbProvider>
      </SessionContext.Provider>,
      { path: '/contracts/ctr_1' },
    );
    const trail = await screen.findByTestId('breadcrumbs');
    expect(await screen.findByText('HD-2026-000001')).toBeTruthy();
    expect(trail.textContent).toBe('Trang chủ/Hợp đồng/HD-2026-000001');
    expect(screen.getByRole('link', { name: 'Hợp đồng' }).getAttribute('href')).toBe('/contracts');
  });
});
