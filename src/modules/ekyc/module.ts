/** The eKYC module as one object (see index.ts). */
import type { Ctx } from '../../platform/context.ts';
import { toLocalDate } from '../../platform/calendar.ts';
import type { RequestQuery } from './contract.ts';
import { EKYC_PRODUCT, type EkycModuleDeps } from './deps.ts';
import type { Sex } from './domain/id-number.ts';
import type { LogFilter } from './queries.ts';
import { authorizeApiKey, authorizeCustomer, type Caller } from './use-cases/authorize-caller.ts';
import { checkIdNumberText, checkMrzLines } from './use-cases/check-text.ts';
import { ekycDashboard } from './use-cases/dashboard.ts';
import { ERASE_QUEUE, eraseExpired, readImage } from './use-cases/images.ts';
import { ekycProvisioning } from './use-cases/provision-account.ts';
import { exportRequests, listRequests } from './use-cases/request-log.ts';
import { verifyCard, type CardImages } from './use-cases/verify-card.ts';
import { issueChallenge } from './use-cases/liveness-challenge.ts';

/**
 * MobiFone eKYC (SPEC I, issue #14): the metered verification API on a contract's API keys, its
 * provisioning through the contracts' port, the request log, retention, and the console's reads.
 */
export function createEkyc(d: EkycModuleDeps) {
  d.contracts.registerProvisioning(EKYC_PRODUCT, ekycProvisioning(d));
  d.jobs.register(ERASE_QUEUE, async () => {
    await eraseExpired(d);
  });
  return {
    authorizeApiKey: (apiKey: string | undefined, from: { requestId?: string; ip?: string }) => authorizeApiKey(d, apiKey, from),
    authorizeCustomer: (ctx: Ctx, contractId: string) => authorizeCustomer(d, ctx, contractId),
    checkMrz: (caller: Caller, requestId: string | undefined, lines: string[]) => checkMrzLines(d, caller, requestId, lines),
    checkIdNumber: (caller: Caller, requestId: string | undefined, body: { idNumber: string; birthDate?: string; sex?: Sex }) =>
      checkIdNumberText(d, caller, requestId, body),
    verify: (caller: Caller, requestId: string | undefined, images: CardImages) => verifyCard(d, caller, requestId, images),
    /** A single-use active-liveness challenge for the caller's contract (not metered: the verification is). */
    livenessChallenge: (caller: Caller) => issueChallenge(d, caller),
    requests: (ctx: Ctx, q: RequestQuery) => listRequests(d, ctx, q),
    exportRequests: (ctx: Ctx, f: LogFilter) => exportRequests(d, ctx, f),
    image: (ctx: Ctx, requestRowId: string, imageId: string) => readImage(d, ctx, requestRowId, imageId),
    dashboard: (ctx: Ctx, contractId: string, period?: string) => ekycDashboard(d, ctx, contractId, period),
    /** The retention job runs now (CLI, tests). */
    eraseExpired: () => eraseExpired(d),
    /** Once a day across all processes (the dated key). */
    scheduleErase: () => {
      const today = toLocalDate(d.clock.now());
      return d.jobs.enqueue(d.database.db, { queue: ERASE_QUEUE, key: `${ERASE_QUEUE}:${today}`, payload: {}, maxAttempts: 5 });
    },
    settings: d.settings,
  };
}

export type EkycService = ReturnType<typeof createEkyc>;
