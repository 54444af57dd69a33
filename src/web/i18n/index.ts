// A tiny i18n module: two message tables, the chosen language in localStorage, and hooks.
// The language lives in a module-level store (not React state) so that the API client can send
// it as Accept-Language without going through React.
import { useCallback, useSyncExternalStore } from 'react';
import { en } from './en.ts';
import { id, type MessageKey } from './id.ts';

export type { MessageKey } from './id.ts';

export const LANGUAGES = ['id', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Locale used for dates and numbers in each UI language. Change here to keep Indonesian formats in English. */
export const LOCALES: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

const TABLES: Record<Lang, Record<MessageKey, string>> = { id, en };
const STORAGE_KEY = 'siks.lang';

export function isLang(v: unknown): v is Lang {
  return v === 'id' || v === 'en';
}

function readStored(): Lang | null {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLang(v) ? v : null;
  } catch {
    return null; // storage disabled (private mode, policy): fall back to the default
  }
}

let current: Lang = readStored() ?? 'id';
const listeners = new Set<() => void>();

/** The current UI language. */
export function getLanguage(): Lang {
  return current;
}

/** Whether the user has explicitly chosen a language on this browser. */
export function hasStoredLanguage(): boolean {
  return readStored() !== null;
}

/** Switches the UI language; `remember` keeps the choice in localStorage. */
export function setLanguage(lang: Lang, remember = true): void {
  if (remember) {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, lang);
    } catch {
      // ignore: the choice then lasts until the page is reloaded
    }
  }
  if (lang === current) return;
  current = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type MessageParams = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders; unknown placeholders are left as they are. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** Translates outside React (e.g. in the API client). */
export function translate(key: MessageKey, params?: MessageParams, lang: Lang = current): string {
  return interpolate(TABLES[lang][key], params);
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** The current language, re-rendering on change. */
export function useLanguage(): Lang {
  return useSyncExternalStore(subscribe, getLanguage, getLanguage);
}

/** The translation function of the current language. */
export function useT(): Translate {
  const lang = useLanguage();
  return useCallback<Translate>((key, params) => translate(key, params, lang), [lang]);
}

/** The Intl locale of the current language. */
export function useLocale(): string {
  return LOCALES[useLanguage()];
}
