import { createContext, useContext } from 'react';
import type { TextLocale } from '../../text/text-input';
import { en } from './en';
import type { TextKey } from './en';
import { vi } from './vi';

const catalogs: Record<TextLocale, Record<TextKey, string>> = { vi, en };
const STORAGE_KEY = 'livecue.lang';

export type Translate = (key: TextKey, values?: Record<string, string | number>) => string;

export interface TextContextValue {
  locale: TextLocale;
  t: Translate;
  setLocale: (locale: TextLocale) => void;
}

/** Fills `{name}` placeholders of the locale's string for `key`. */
export function translate(locale: TextLocale, key: TextKey, values: Record<string, string | number> = {}): string {
  return catalogs[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * The language of this browser session: `?lang=en|vi` sets it (kept in sessionStorage, not
 * localStorage), otherwise the one set earlier in the session, otherwise Vietnamese.
 */
export function readLocale(search: string, storage: Pick<Storage, 'getItem' | 'setItem'>): TextLocale {
  const asked = new URLSearchParams(search).get('lang');
  if (asked === 'en' || asked === 'vi') {
    storage.setItem(STORAGE_KEY, asked);
    return asked;
  }
  return storage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
}

export function storeLocale(locale: TextLocale, storage: Pick<Storage, 'setItem'>): void {
  storage.setItem(STORAGE_KEY, locale);
}

export const TextContext = createContext<TextContextValue | null>(null);

export function useText(): TextContextValue {
  const value = useContext(TextContext);
  if (!value) throw new Error('useText outside TextContext');
  return value;
}
