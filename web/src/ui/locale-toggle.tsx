import { useI18n } from '../i18n/i18n-context.js';

export function LocaleToggle() {
  const { locale, setLocale, t } = useI18n();
  return (
    <span className="locale" role="group" aria-label={t('app.language')}>
      <button type="button" data-testid="lang-en" aria-pressed={locale === 'en'} onClick={() => setLocale('en')}>EN</button>
      <button type="button" data-testid="lang-fr" aria-pressed={locale === 'fr'} onClick={() => setLocale('fr')}>FR</button>
    </span>
  );
}
