import { STAGES, type Level, type Stage } from '../../api/types.ts';

/**
 * The stages a ticket of each level passes through, the last one answering it (SPEC F3). The server
 * decides where a ticket goes; the dialogs use this table only to say so before the command is sent.
 */
const ROUTES: Record<Level, readonly Stage[]> = { 1: ['receiver'], 2: ['ctkv'], 3: ['ctkv', 'ttcntt'], 4: ['ctkv', 'ttcntt'] };

/** Where `forward` sends a ticket of `level` sitting at `from`; null at the answering stage. */
export function nextStage(level: Level, from: Stage): Stage | null {
  const route = ROUTES[level];
  const i = route.indexOf(from);
  return i >= 0 && i < route.length - 1 ? route[i + 1] : null;
}

/** Where reclassifying to `level` moves a ticket at `current`: nowhere if it is on the new route, else to the route's nearer end. */
export function stageAfterReclassify(level: Level, current: Stage): Stage {
  const route = ROUTES[level];
  if (route.includes(current)) return current;
  return STAGES.indexOf(current) < STAGES.indexOf(route[0]) ? route[0] : route[route.length - 1];
}
