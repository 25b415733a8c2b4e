import type { Translate } from '../../i18n/index.tsx';

/** What an entity type is called ("contract" → "Hợp đồng"); the code when there is no word for it yet. */
export const entityLabel = (t: Translate, type: string): string => t.maybe(`auditEntity.${type}`) ?? type;

/**
 * An audit action in business words: the contract timeline's own wording when it has one, else the
 * entity and the verb ("invoice.issued" → "Hoá đơn: phát hành"), else the code itself.
 */
export function actionLabel(t: Translate, action: string): string {
  const known = t.maybe(`event.${action}`) ?? t.maybe(`auditAction.${action}`);
  if (known) return known;
  const dot = action.indexOf('.');
  if (dot < 0) return action;
  const entity = action.slice(0, dot);
  const verb = t.maybe(`auditVerb.${action.slice(dot + 1)}`);
  return verb ? `${entityLabel(t, entity)}: ${verb}` : action;
}
