import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import 'dayjs/locale/en';
import { setApiLanguage } from '../api/client.ts';
import { dictionaries, type MessageKey } from './dictionaries.ts';
import type { Lang } from './texts.ts';

export type { Lang, MessageKey };
type Vars = Record<string, string | number>;

const STORAGE_KEY = 'qldv.lang';

export interface Translate {
  (key: MessageKey, vars?: Vars): string;
  /** For keys built from server data (role codes, statuses…): undefined when there is no such key. */
  maybe(key: string, vars?: Vars): string | undefined;
  lang: Lang;
}

function interpolate(text: string, vars?: Vars): string {
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

function makeTranslate(lang: Lang): Translate {
  const dict = dictionaries[lang];
  const t = ((key: MessageKey, vars?: Vars) => interpolate(dict[key] ?? key, vars)) as Translate;
  t.maybe = (key, vars) => (Object.hasOwn(dict, key) ? interpolate(dict[key as MessageKey], vars) : undefined);
  t.lang = lang;
  return t;
}

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** Side effects of a language change outside React: API header, dayjs, <html lang>. */
function applyLang(lang: Lang) {
  setApiLanguage(lang);
  dayjs.locale(lang);
  document.documentElement.lang = lang;
}

interface LangContextValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const LangContext = createContext<LangContextValue | null>(null);

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const initial = readStoredLang();
    applyLang(initial);
    return initial;
  });
  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* private mode: keep the choice for this tab only */
    }
    applyLang(next);
    setLangState(next);
  }, []);
  const value = useMemo(() => ({ lang, setLang, t: makeTranslate(lang) }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangContextValue {
  const ctx = useContext(LangContext);
  if (!ctx) throw new Error('useLang() outside <LangProvider>');
  return ctx;
}

export const useT = (): Translate => useLang().t;
