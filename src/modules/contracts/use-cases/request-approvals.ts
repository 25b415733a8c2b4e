import type { Executor } from '../../../db/client.ts';
import type { Deps } from '../deps.ts';
import { TASK_ROLES } from '../domain/tasks.ts';
import { notifyStaff, staffEmails } from '../notify.ts';
import { openTask } from '../persist.ts';
import { scopeUnitId, ttcnttUnitId, type ContractRow } from '../queries.ts';

/** C2 step 5: the approval steps of the flow open (the selling CTKV's when it sold it, then TT CNTT's) and their approvers are told. */
export async function requestApprovals(d: Deps, tx: Executor, c: ContractRow) {
  const needsCtkv = c.needsCtkvApproval === 1;
  const ctkvUnit = c.sellingUnitId ? scopeUnitId(d, c.sellingUnitId) : null;
  if (needsCtkv) await openTask(d, tx, c, 'approve_ctkv', ctkvUnit);
  await openTask(d, tx, c, 'approve_ttcntt', ttcnttUnitId(d));
  const approvers: string[] = [];
  if (needsCtkv) for (const role of TASK_ROLES.approve_ctkv) approvers.push(...(await staffEmails(d, tx, role, ctkvUnit)));
  for (const role of TASK_ROLES.approve_ttcntt) approvers.push(...(await staffEmails(d, tx, role)));
  await notifyStaff(d, tx, c, 'approval_needed', approvers);
}
