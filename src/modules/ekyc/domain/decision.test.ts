import { describe, expect, it } from 'vitest';
import { decide, type DecisionInput } from './decision.ts';

const ok = (name: string) => ({ name, ok: true });
const bad = (name: string) => ({ name, ok: false });
const base: DecisionInput = {
  mrz: [ok('compositeCheckDigit')],
  qr: [ok('format')],
  idNumber: [ok('format')],
  dates: [ok('notExpired')],
  cross: [ok('idNumber.front=mrz')],
  face: { score: 0.9, threshold: 0.8, minSidePx: 200, minFacePx: 64 },
  liveness: { score: 0.9, threshold: 0.5 },
};

describe('the decision with chip data and active liveness', () => {
  it('passes with a clean chip and every liveness action seen', () => {
    expect(decide({ ...base, chip: [ok('sod.signature'), ok('dg1.hash')], liveness: { score: 1, threshold: 0.5, checks: [ok('action.blink')] } })).toEqual({ decision: 'approved', reasons: [] });
  });

  it('a failed hash, signature, revoked signer or DG1 against the card rejects (CHIP_INVALID)', () => {
    for (const name of ['dg2.hash', 'sod.signature', 'ds.notRevoked', 'fullName.chip=card', 'dg1=printedMrz']) {
      expect(decide({ ...base, chip: [bad(name)] })).toEqual({ decision: 'rejected', reasons: [{ code: 'CHIP_INVALID', check: name }] });
    }
  });

  it('an unknown CSCA or an expired certificate sends to review (CHIP_UNTRUSTED)', () => {
    expect(decide({ ...base, chip: [bad('ds.chainToCsca'), bad('ds.validity')] })).toEqual({
      decision: 'review',
      reasons: [
        { code: 'CHIP_UNTRUSTED', check: 'ds.chainToCsca' },
        { code: 'CHIP_UNTRUSTED', check: 'ds.validity' },
      ],
    });
  });

  it('active liveness: each missing action is a review reason, whatever the passive score', () => {
    const r = decide({ ...base, liveness: { score: 0.67, threshold: 0.5, checks: [ok('frames.faceInEach'), bad('action.turn_left')] } });
    expect(r).toEqual({ decision: 'review', reasons: [{ code: 'LIVENESS_LOW', check: 'action.turn_left' }] });
    expect(decide({ ...base, liveness: { score: 0.2, threshold: 0.5 } }).reasons).toEqual([{ code: 'LIVENESS_LOW' }]);
  });
});
