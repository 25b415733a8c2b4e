import { fail } from '../../../platform/errors.ts';
import { ROUTES, nextOnRoute, stageOnRoute, type Level, type Stage } from '../contract.ts';

/**
 * Customer requests (SPEC F1–F3, seed 003 part VII): what was asked, how it came in, how hard it is
 * (level), and which units it passes through (route). Level is the classification; where a ticket
 * sits is a separate fact (`Stage`), so a mis-classified ticket can move with a logged reason.
 */

// The data (request types, channels, stages, levels, the routing table) is in the contract, shared with the web.
export {
  CHANNEL_INFO,
  CHANNELS,
  DEFAULT_LEVEL,
  LEVEL_INFO,
  LEVELS,
  REQUEST_TYPE_LABELS,
  REQUEST_TYPES,
  STAGE_LABELS,
  STAGES,
  type Channel,
  type Evidence,
  type Level,
  type RequestType,
  type Stage,
} from '../contract.ts';

export function isLevel(x: unknown): x is Level {
  return x === 1 || x === 2 || x === 3 || x === 4;
}

// ---- routing (F3): the table is the contract's ROUTES -----------------------------------------------

/** The stages a ticket of `level` passes through; the last one answers it. */
export function routeFor(level: Level): readonly Stage[] {
  if (!isLevel(level)) throw fail('VALIDATION_FAILED', { level }, { vi: `không có mức độ ${String(level)}`, en: `unknown level ${String(level)}` });
  return ROUTES[level];
}

/** The stage that answers a ticket of `level` (receiver for 1, CTKV for 2, TT CNTT for 3–4). */
export function answeringStage(level: Level): Stage {
  const route = routeFor(level);
  return route[route.length - 1];
}

/** Where `forward` sends a ticket sitting at `from`, or null if `from` is the answering stage (or off the route). */
export const nextStage = (level: Level, from: Stage): Stage | null => nextOnRoute(routeFor(level), from);

/** Where a ticket goes after reclassification (see `stageOnRoute`). */
export const stageAfterReclassify = (level: Level, current: Stage): Stage => stageOnRoute(routeFor(level), current);
