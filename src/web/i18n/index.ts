// A tiny i18n module: two message tables, the chosen language in localStorage, and hooks.
// The language lives in a module-level store (not React state) so that the API client can send
// it as Accept-Language without going through React.
// The Indonesian messages of the public pages (the default and the fallback) are always in the
// bundle; the rest of Indonesian is fetched when a page behind the login first renders
// (<AllMessages>), and English the first time it is chosen (issue 17, lean pages: the login page
// loads 2 KB of messages instead of 19 KB).
import { type ReactNode, use, useCallback, useSyncExternalStore } from 'react';
import type { MessageKey } from './id.ts';
import { idPublic } from './id-public.ts';

export type { MessageKey } from './id.ts';

export const LANGUAGES = ['id', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Locale used for dates and numbers in each UI language. Change here to keep Indonesian formats in English. */
export const LOCALES: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

type Messages = Record<MessageKey, string>;
/** What is at hand of each language: Indonesian starts with its public part, English with nothing. */
const TABLES: Partial<Record<Lang, Partial<Messages>>> = { id: idPublic };
const LOADERS: Record<Lang, () => Promise<Messages>> = {
  id: async () => ({ ...idPublic, ...(await import('./id-app.ts')).idApp }),
  en: async () => (await import('./en.ts')).en,
};
/** Keys asked for before their part had arrived (shown as the key itself); read by the tests. */
export const missingKeys = new Set<string>();
const loadingTables = new Map<Lang, Promise<void>>();
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

/** Whether messages of `lang` are at hand, at least the public part (translate falls back to Indonesian until they are). */
export function hasMessages(lang: Lang): boolean {
  return TABLES[lang] !== undefined;
}

/** Fetches all the messages of `lang` once; resolves when they are at hand (always the same promise). */
export function loadMessages(lang: Lang): Promise<void> {
  let p = loadingTables.get(lang);
  if (!p) {
    p = LOADERS[lang]().then(
      (table) => {
        TABLES[lang] = table;
      },
      (e: unknown) => {
        loadingTables.delete(lang); // let a later choice try again
        throw e;
      },
    );
    loadingTables.set(lang, p);
  }
  return p;
}

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
  // The same language again still fetches its messages if an earlier fetch failed.
  if (lang === current && hasMessages(lang)) return;
  current = lang;
  if (hasMessages(lang)) return switched();
  // The screen keeps its texts until the other table has arrived (a failed fetch keeps Indonesian).
  loadMessages(lang).then(
    () => current === lang && switched(),
    () => undefined,
  );
}

function switched(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = current;
  for (const l of listeners) l();
}

/** Calls `listener` after every change of language (once its messages are at hand); returns the unsubscribe. */
export function subscribe(listener: () => void): () => void {
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
  const text = TABLES[lang]?.[key] ?? TABLES.id?.[key];
  if (text === undefined) {
    missingKeys.add(key);
    return key;
  }
  return interpolate(text, params);
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

/** Renders `children` once every message of the current language is at hand (suspends until then). */
export function AllMessages({ children }: { children: ReactNode }): ReactNode {
  use(loadMessages(useLanguage()));
  return children;
}
