import { useText } from '../i18n/use-text';

/** Switches vi ⇄ en for this browser session. */
export function LanguageSwitch() {
  const { t, locale, setLocale } = useText();
  return (
    <button type="button" className="lang" lang={locale === 'vi' ? 'en' : 'vi'} onClick={() => { setLocale(locale === 'vi' ? 'en' : 'vi'); }}>
      {t('switchLanguage')}
    </button>
  );
}
