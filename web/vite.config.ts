import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiServer = 'http://localhost:3000';

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // One bundle on purpose (no code splitting); antd makes it large.
    chunkSizeWarningLimit: 3000,
  },
  server: {
    proxy: {
      '/api': apiServer,
      '/docs': apiServer,
      '/openapi.json': apiServer,
      '/healthz': apiServer,
    },
  },
});
