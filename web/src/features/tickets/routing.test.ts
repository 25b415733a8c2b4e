import { describe, expect, it } from 'vitest';
import { nextStage, stageAfterReclassify } from './routing.ts';

describe('ticket routing shown by the dialogs', () => {
  it('forwards along the route of the level and stops at the answering stage', () => {
    expect(nextStage(3, 'ctkv')).toBe('ttcntt');
    expect(nextStage(4, 'ctkv')).toBe('ttcntt');
    expect(nextStage(3, 'ttcntt')).toBeNull();
    expect(nextStage(2, 'ctkv')).toBeNull();
    expect(nextStage(1, 'receiver')).toBeNull();
    expect(nextStage(2, 'receiver')).toBeNull();
  });

  it('keeps a reclassified ticket on the new route, or moves it to the nearer end of it', () => {
    expect(stageAfterReclassify(3, 'ctkv')).toBe('ctkv');
    expect(stageAfterReclassify(2, 'receiver')).toBe('ctkv');
    expect(stageAfterReclassify(4, 'receiver')).toBe('ctkv');
    expect(stageAfterReclassify(2, 'ttcntt')).toBe('ctkv');
    expect(stageAfterReclassify(1, 'ctkv')).toBe('receiver');
    expect(stageAfterReclassify(1, 'ttcntt')).toBe('receiver');
  });
});
