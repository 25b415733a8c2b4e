import { fail } from './errors.ts';

/**
 * A state machine as data: `{ [state]: { [event]: nextState } }`. `transition` is pure; services
 * persist the result with the row's `version` so two concurrent callers cannot both apply.
 */
export type Machine<S extends string, E extends string> = Readonly<Record<S, Partial<Readonly<Record<E, S>>>>>;

export function defineMachine<S extends string, E extends string>(table: Machine<S, E>): Machine<S, E> {
  return table;
}

export function canTransition<S extends string, E extends string>(m: Machine<S, E>, from: S, event: E): boolean {
  return m[from]?.[event] !== undefined;
}

export function transition<S extends string, E extends string>(m: Machine<S, E>, from: S, event: E): S {
  const to = m[from]?.[event];
  if (to === undefined) throw fail('INVALID_TRANSITION', { from, event });
  return to;
}

/** The events allowed from a state (for screens that show only the buttons that will work). */
export function eventsFrom<S extends string, E extends string>(m: Machine<S, E>, from: S): E[] {
  return Object.keys(m[from] ?? {}) as E[];
}
