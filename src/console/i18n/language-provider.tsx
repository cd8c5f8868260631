import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { TextLocale } from '../../text/text-input';
import { readLocale, storeLocale, TextContext, translate } from './use-text';
import type { TextContextValue } from './use-text';

/** Vietnamese unless `?lang=en` (or an earlier switch in this browser session) says otherwise. */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<TextLocale>(() => readLocale(window.location.search, window.sessionStorage));
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<TextContextValue>(
    () => ({
      locale,
      t: (key, values) => translate(locale, key, values),
      setLocale: (next) => {
        storeLocale(next, window.sessionStorage);
        setLocaleState(next);
      },
    }),
    [locale],
  );
  return <TextContext.Provider value={value}>{children}</TextContext.Provider>;
}
