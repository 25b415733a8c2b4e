import { describe, expect, it } from 'vitest';
import { codeOf } from '../../../platform/codes.test-util.ts';
import { trialMeetingLimit, validateTrialPolicy, type TrialPolicy } from './trial.ts';

const policy: TrialPolicy = { limitFrom: '2025-01-01', meetingMinutesLimit: 40 };

describe('Meeting free trial (SPEC A4)', () => {
  it('is unlimited before the configured date', () => {
    expect(trialMeetingLimit(policy, '2024-12-31')).toBeNull();
    expect(trialMeetingLimit(policy, '2020-01-01')).toBeNull();
  });

  it('limits each meeting to 40 minutes from that date on, with no end date', () => {
    expect(trialMeetingLimit(policy, '2025-01-01')).toBe(40);
    expect(trialMeetingLimit(policy, '2025-01-02')).toBe(40);
    expect(trialMeetingLimit(policy, '2099-12-31')).toBe(40);
    expect(trialMeetingLimit({ ...policy, meetingMinutesLimit: 60 }, '2026-06-01')).toBe(60);
  });

  it('refuses a malformed date or policy', () => {
    for (const date of ['2025-02-30', '2025-1-1', '01/01/2025', '']) {
      expect(codeOf(() => trialMeetingLimit(policy, date)), date).toBe('VALIDATION_FAILED');
    }
    expect(codeOf(() => validateTrialPolicy({ limitFrom: '2025-13-01', meetingMinutesLimit: 40 }))).toBe('VALIDATION_FAILED');
    for (const minutes of [0, -40, 40.5, NaN]) {
      expect(codeOf(() => validateTrialPolicy({ ...policy, meetingMinutesLimit: minutes })), String(minutes)).toBe('VALIDATION_FAILED');
    }
    expect(codeOf(() => validateTrialPolicy(policy))).toBe('no error');
  });
});
