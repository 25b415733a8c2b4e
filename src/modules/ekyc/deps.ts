import type { Database } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { JobQueue } from '../../platform/jobs.ts';
import type { AuditLog } from '../audit/index.ts';
import type { BillingService } from '../billing/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { ContractService } from '../contracts/index.ts';
import type { UsageService } from '../usage/index.ts';
import type { ImageVault } from './image-vault.ts';
import type { EkycProviders } from './providers/ports.ts';

/** The settings of the module (from config). */
export interface EkycSettings {
  /** Days a request's images and personal data are kept before the erase job removes them (Decree 13/2023). */
  retentionDays: number;
  /** Face-match score at or above which the selfie is the card's holder (calibrated by bench/ekyc-accuracy.ts). */
  faceMatchThreshold: number;
  /** Faces narrower than this (pixels) are not judged: the decision goes to review. */
  minFaceSizePx: number;
  livenessThreshold: number;
  publicBaseUrl: string;
}

/** What the composition root gives the module. */
export interface EkycModuleDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  jobs: JobQueue;
  catalog: CatalogService;
  contracts: ContractService;
  usage: UsageService;
  billing: BillingService;
  /** Built lazily: the OCR and face models load on the first verification, not at boot. */
  providers: () => EkycProviders;
  vault: ImageVault;
  settings: EkycSettings;
}

export type Deps = EkycModuleDeps;

/** The eKYC product's code in the catalog. */
export const EKYC_PRODUCT = 'EKYC';
