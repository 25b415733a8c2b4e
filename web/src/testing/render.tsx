import type { ReactElement, ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import { MemoryRouter } from 'react-router';
import { render } from '@testing-library/react';
import { LangProvider } from '../i18n/index.tsx';

/** Renders a component inside what the app gives every page: texts (Vietnamese), Ant Design, queries, a router. */
export function renderInApp(ui: ReactElement, { path = '/' }: { path?: string } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <LangProvider>
        <ConfigProvider locale={viVN}>
          <AntApp>
            <MemoryRouter initialEntries={[path]}>{children}</MemoryRouter>
          </AntApp>
        </ConfigProvider>
      </LangProvider>
    </QueryClientProvider>
  );
  return render(ui, { wrapper });
}
