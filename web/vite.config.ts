import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiServer = 'http://localhost:3000';

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  // The web shares the server's module contracts (tsconfig.json has the same paths).
  resolve: {
    alias: [
      { find: /^@contracts\/(.*)$/, replacement: fileURLToPath(new URL('../src/modules/$1/contract.ts', import.meta.url)) },
      { find: /^@shared\/(.*)$/, replacement: fileURLToPath(new URL('../src/shared/$1', import.meta.url)) },
    ],
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // One bundle on purpose (no code splitting); antd makes it large.
    chunkSizeWarningLimit: 3000,
  },
  server: {
    proxy: {
      // The live meeting's WebSocket (first: '/api' below does not upgrade).
      '/api/v1/meeting/live/ws': { target: apiServer, ws: true },
      '/api': apiServer,
      '/docs': apiServer,
      '/openapi.json': apiServer,
      '/healthz': apiServer,
    },
  },
});
