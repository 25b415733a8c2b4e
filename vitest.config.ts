import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '');

// Business dates must never depend on the machine's zone: every test runs in UTC.
process.env.TZ = 'UTC';

const integration = ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'], exclude: integration } },
      // The web's components, rendered in a DOM (happy-dom) with the app's providers.
      {
        extends: true,
        // The same aliases as web/vite.config.ts: module contracts and shared fields.
        resolve: {
          alias: [
            { find: /^@contracts\/(.*)$/, replacement: `${root}/src/modules/$1/contract.ts` },
            { find: /^@shared\/(.*)$/, replacement: `${root}/src/shared/$1` },
          ],
        },
        test: { name: 'web', include: ['web/src/**/*.test.tsx'], environment: 'happy-dom', setupFiles: ['web/src/testing/setup.ts'] },
      },
      { extends: true, test: { name: 'pglite', include: integration, env: { QLDV_TEST_DB: 'pglite' } } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: integration,
          env: { QLDV_TEST_DB: 'postgres' },
          globalSetup: ['test/setup/postgres.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/setup/e2e.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          // A page's answer can take seconds on a loaded 2-core machine (password hashing, first renders).
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
