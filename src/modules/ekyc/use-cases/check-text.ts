import type { IdNumberCheckResult, MrzCheckResult } from '../contract.ts';
import type { Deps } from '../deps.ts';
import { checkIdNumber, type Sex } from '../domain/id-number.ts';
import { checkMrz } from '../domain/mrz.ts';
import { toLocalDate } from '../../../platform/calendar.ts';
import type { Caller } from './authorize-caller.ts';
import { metered } from './metered.ts';

const failedNames = (checks: { name: string; ok: boolean }[]) => checks.filter((c) => !c.ok).map((c) => c.name);

/** POST /checks/mrz: the three lines an integrator read themselves, parsed and checked. */
export async function checkMrzLines(d: Deps, caller: Caller, requestId: string | undefined, lines: string[]) {
  return metered<MrzCheckResult>(d, caller, { requestId, kind: 'mrz', fingerprint: lines }, async () => {
    const r = checkMrz(lines, toLocalDate(d.clock.now()));
    const { documentCode: _c, issuingState: _s, ...fields } = r.fields;
    return { response: { valid: r.valid, fields, checks: r.checks }, outcome: r.valid ? 'pass' : 'fail', reasons: failedNames(r.checks) };
  });
}

/** POST /checks/id-number: the 12-digit number's structure, and the birth date and sex against it. */
export async function checkIdNumberText(d: Deps, caller: Caller, requestId: string | undefined, body: { idNumber: string; birthDate?: string; sex?: Sex }) {
  return metered<IdNumberCheckResult>(d, caller, { requestId, kind: 'id_number', fingerprint: body }, async () => {
    const r = checkIdNumber(body.idNumber, toLocalDate(d.clock.now()), body);
    const response = { valid: r.valid, provinceCode: r.provinceCode, provinceName: r.provinceName, sex: r.sex, century: r.century, checks: r.checks, birthYear: r.birthYear };
    return { response, outcome: r.valid ? 'pass' : 'fail', reasons: failedNames(r.checks) };
  });
}
