/** The eKYC module's public API (app.ts mounts `routes.ts`). */
export { createEkyc, type EkycService } from './module.ts';
export type { EkycModuleDeps, EkycSettings } from './deps.ts';
export { ImageVault } from './image-vault.ts';
export type { EkycProviders } from './providers/ports.ts';
