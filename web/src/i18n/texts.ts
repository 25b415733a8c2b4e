export type Lang = 'vi' | 'en';

/** One feature's UI texts, the same keys in both languages. */
export type Texts<K extends string> = Record<Lang, Record<K, string>>;

/**
 * Declares a feature's texts. The keys come from the Vietnamese (the source of truth); the English
 * must give exactly the same keys: a missing or an extra one fails the typecheck.
 * Placeholders are written `{name}` and filled by `t(key, { name })`.
 */
export const defineTexts = <K extends string>(texts: { vi: Record<K, string>; en: Record<NoInfer<K>, string> }): Texts<K> => texts;
