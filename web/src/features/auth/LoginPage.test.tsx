import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import { renderInApp } from '../../testing/render.tsx';
import { fakeApi } from '../../testing/fake-api.ts';
import { LoginPage } from './LoginPage.tsx';

afterEach(() => vi.unstubAllGlobals());

describe('the login page', () => {
  it('offers Google and Apple when the server has them enabled, returning to ?next=', async () => {
    fakeApi({ 'GET /api/v1/auth/oidc/providers': { items: [{ id: 'google', name: 'Google' }, { id: 'apple', name: 'Apple' }] } });
    renderInApp(<LoginPage />, { path: '/login?next=%2Fcontracts%3Ftab%3Dmine' });
    const google = await screen.findByTestId('login-oidc-google');
    expect(google.textContent).toContain('Đăng nhập với Google');
    expect(google.getAttribute('href')).toBe('/api/v1/auth/oidc/google/start?returnTo=%2Fcontracts%3Ftab%3Dmine');
    const apple = screen.getByTestId('login-oidc-apple');
    expect(apple.textContent).toContain('Đăng nhập với Apple');
  });

  it('shows no provider button when none is enabled, and never sends the browser off-site', async () => {
    const calls = fakeApi({ 'GET /api/v1/auth/oidc/providers': { items: [] } });
    renderInApp(<LoginPage />, { path: '/login?next=%2F%2Fevil.example' });
    await vi.waitFor(() => expect(calls.some((c) => c.path === '/api/v1/auth/oidc/providers')).toBe(true));
    expect(screen.queryByTestId('login-oidc-google')).toBeNull();
    expect(screen.getByTestId('login-submit')).toBeTruthy();
  });

  it('only an enabled provider: Google alone, an off-site next replaced by the home page', async () => {
    fakeApi({ 'GET /api/v1/auth/oidc/providers': { items: [{ id: 'google', name: 'Google' }] } });
    renderInApp(<LoginPage />, { path: '/login?next=%2F%2Fevil.example' });
    expect((await screen.findByTestId('login-oidc-google')).getAttribute('href')).toBe('/api/v1/auth/oidc/google/start?returnTo=%2F');
    expect(screen.queryByTestId('login-oidc-apple')).toBeNull();
  });

  it("shows the text of a failed provider sign-in's code, and a generic one for an unknown code", async () => {
    fakeApi({ 'GET /api/v1/auth/oidc/providers': { items: [{ id: 'google', name: 'Google' }] } });
    const { unmount } = renderInApp(<LoginPage />, { path: '/login?oidcError=OIDC_ACCOUNT_NOT_FOUND' });
    const alert = await screen.findByTestId('login-oidc-error');
    expect(alert.textContent).toContain('Không đăng nhập được');
    expect(alert.textContent).toContain('Không có tài khoản nào dùng e-mail này');
    unmount();
    renderInApp(<LoginPage />, { path: '/login?oidcError=SOMETHING_NEW' });
    expect((await screen.findByTestId('login-oidc-error')).textContent).toContain('Đăng nhập không thành công (SOMETHING_NEW)');
  });
});
