import type { Ctx } from '../../../platform/context.ts';
import type { RiskRules } from '../contract.ts';
import { settings } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { RISK_KEY, riskConfig, riskRulesOut } from '../queries.ts';

export const getRiskRules = async (d: Deps): Promise<RiskRules> => riskRulesOut(await riskConfig(d));

/** E5: the risk rules and scores are data; a change is audited. */
export async function setRiskRules(d: Deps, ctx: Ctx, rules: RiskRules): Promise<RiskRules> {
  const before = await getRiskRules(d);
  const now = d.clock.now();
  await d.database.db.transaction(async (tx) => {
    await tx
      .insert(settings)
      .values({ key: RISK_KEY, value: rules, updatedBy: ctx.actor.id, updatedAt: now })
      .onConflictDoUpdate({ target: settings.key, set: { value: rules, updatedBy: ctx.actor.id, updatedAt: now } });
    await d.audit.record(tx, ctx, { action: 'billpay.risk_rules_changed', entityType: 'billpay_settings', entityId: RISK_KEY, before, after: rules });
  });
  return rules;
}
