import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { allStrings } from './strings';

/** The console's languages: Simplified Chinese (the default, the plans' staff read Chinese) and English. */
export type Lang = 'zh' | 'en';

const storageKey = 'caregrid.lang';

function merged(lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const area of allStrings) Object.assign(out, area[lang]);
  return out;
}

const tables: Record<Lang, Record<string, string>> = { zh: merged('zh'), en: merged('en') };

/** Fills `{name}` placeholders. A missing key shows as the key itself, which the browser tests catch. */
export function translate(lang: Lang, key: string, params?: Record<string, string | number>): string {
  const text = tables[lang][key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** True when `key` has a text (in both languages: `defineStrings` guarantees they match). */
export function hasString(key: string): boolean {
  return key in tables.en;
}

type I18n = { lang: Lang; setLang: (lang: Lang) => void };
const I18nContext = createContext<I18n>({ lang: 'zh', setLang: () => {} });

function initialLang(): Lang {
  const stored = localStorage.getItem(storageKey);
  if (stored === 'zh' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

/** Holds the UI language (remembered in localStorage) and keeps `<html lang>` in step. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(storageKey, next);
    setLangState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The UI language and its setter. */
export function useLang(): I18n {
  return useContext(I18nContext);
}

/** `t(key, params)` in the current UI language. */
export function useT(): (key: string, params?: Record<string, string | number>) => string {
  const { lang } = useLang();
  return useCallback((key: string, params?: Record<string, string | number>) => translate(lang, key, params), [lang]);
}
