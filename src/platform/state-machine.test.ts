import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { canTransition, defineMachine, eventsFrom, transition } from './state-machine.ts';

const door = defineMachine<'open' | 'closed' | 'locked', 'close' | 'open' | 'lock' | 'unlock'>({
  open: { close: 'closed' },
  closed: { open: 'open', lock: 'locked' },
  locked: { unlock: 'closed' },
});

describe('state machine helper', () => {
  it('follows the table', () => {
    expect(transition(door, 'open', 'close')).toBe('closed');
    expect(transition(door, 'closed', 'lock')).toBe('locked');
    expect(eventsFrom(door, 'closed').sort()).toEqual(['lock', 'open']);
    expect(canTransition(door, 'locked', 'open')).toBe(false);
  });

  it('refuses a transition the table does not have, with a coded error', () => {
    try {
      transition(door, 'locked', 'open');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('INVALID_TRANSITION');
      expect((e as AppError).details).toEqual({ from: 'locked', event: 'open' });
    }
  });
});
