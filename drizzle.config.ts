import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/schema.ts', './src/modules/*/db/schema.ts'],
  out: './src/db/migrations',
});
