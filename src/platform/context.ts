import type { Locale } from './errors.ts';

/** Who is acting, from where: every service call that changes state receives one. */
export interface Actor {
  kind: 'user' | 'system';
  id: string | null;
  name: string;
  roles: string[];
  orgUnitId: string | null;
  /** Materialised path of the actor's org unit (`/ou_a/ou_b/`), for scope checks. */
  orgUnitPath: string | null;
  customerId: string | null;
}

export interface Ctx {
  actor: Actor;
  locale: Locale;
  requestId?: string;
  ip?: string;
}

export function systemCtx(name = 'system', extra: Partial<Ctx> = {}): Ctx {
  return {
    actor: { kind: 'system', id: null, name, roles: [], orgUnitId: null, orgUnitPath: null, customerId: null },
    locale: 'vi',
    ...extra,
  };
}
