import { describe, expect, it } from 'vitest';
import {
  answeringStage,
  CHANNEL_INFO,
  CHANNELS,
  DEFAULT_LEVEL,
  LEVEL_INFO,
  LEVELS,
  nextStage,
  REQUEST_TYPES,
  routeFor,
  stageAfterReclassify,
  type Level,
} from './levels.ts';

describe('levels and routing (F2–F3)', () => {
  it('level 1 stays with the receiver, 2 goes to CTKV, 3–4 to CTKV then TT CNTT', () => {
    expect(routeFor(1)).toEqual(['receiver']);
    expect(routeFor(2)).toEqual(['ctkv']);
    expect(routeFor(3)).toEqual(['ctkv', 'ttcntt']);
    expect(routeFor(4)).toEqual(['ctkv', 'ttcntt']);
    expect(LEVELS.map(answeringStage)).toEqual(['receiver', 'ctkv', 'ttcntt', 'ttcntt']);
    expect(LEVELS.filter((l) => LEVEL_INFO[l].partners)).toEqual([4]);
  });

  it('refuses an unknown level', () => {
    expect(() => routeFor(5 as Level)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => routeFor(0 as Level)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('forward goes one step along the route and no further', () => {
    expect(nextStage(3, 'ctkv')).toBe('ttcntt');
    expect(nextStage(4, 'ctkv')).toBe('ttcntt');
    expect(nextStage(3, 'ttcntt')).toBeNull();
    expect(nextStage(2, 'ctkv')).toBeNull();
    expect(nextStage(1, 'receiver')).toBeNull();
    expect(nextStage(2, 'receiver')).toBeNull(); // off the route: reclassification moves it, not forward
  });

  it('reclassification moves up to the route start or down to its answering stage', () => {
    expect(stageAfterReclassify(2, 'receiver')).toBe('ctkv');
    expect(stageAfterReclassify(3, 'receiver')).toBe('ctkv'); // the receiver never skips CTKV
    expect(stageAfterReclassify(3, 'ctkv')).toBe('ctkv');
    expect(stageAfterReclassify(2, 'ttcntt')).toBe('ctkv'); // TT CNTT sends a level-2 ticket back
    expect(stageAfterReclassify(1, 'ctkv')).toBe('receiver');
    expect(stageAfterReclassify(4, 'ttcntt')).toBe('ttcntt');
  });

  it('every request type has a default level; the seed table puts questions at 1', () => {
    expect(REQUEST_TYPES.map((t) => DEFAULT_LEVEL[t])).toEqual([1, 2, 2, 3, 3, 3]);
  });

  it('knows the hotline numbers of F1', () => {
    expect(CHANNELS).toHaveLength(11);
    expect(CHANNEL_INFO.hotline_product_sales.phone).toBe('0936110116');
    expect(CHANNEL_INFO.hotline_product_support.phone).toBe('0896151617');
    expect(CHANNEL_INFO.hotline_9090.evidence).toBe('call_recording');
  });
});
