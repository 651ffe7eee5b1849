// Locale state for the whole console: messages, and dates, numbers and durations formatted by
// Intl for the chosen locale. The choice is remembered in the browser.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from './messages-en.js';
import { fr } from './messages-fr.js';

export type Locale = 'en' | 'fr';
const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, fr };
const STORAGE_KEY = 'tandem.locale';

export interface I18n {
  locale: Locale;
  setLocale(l: Locale): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** Translates a key built at run time (a status, a channel), falling back to the raw value. */
  tv(prefix: string, value: string): string;
  date(iso: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
  number(n: number, digits?: number): string;
  percent(n: number | null | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'fr') return saved;
  return navigator.language.startsWith('fr') ? 'fr' : 'en';
}

const isKey = (k: string): k is MessageKey => k in en;

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l;
    setLocaleState(l);
  }, []);
  const value = useMemo<I18n>(() => {
    const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
    const dateFmt = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
    const dateTimeFmt = new Intl.DateTimeFormat(tag, { dateStyle: 'short', timeStyle: 'short' });
    const pct = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
    const numbers = new Map<number, Intl.NumberFormat>();
    const t = (key: MessageKey, vars?: Record<string, string | number>) => {
      const msg = CATALOGUES[locale][key];
      return vars ? msg.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : msg;
    };
    return {
      locale,
      setLocale,
      t,
      tv: (prefix, v) => {
        const k = `${prefix}.${v}`;
        return isKey(k) ? t(k) : v;
      },
      date: (iso) => (iso ? dateFmt.format(new Date(iso)) : '—'),
      dateTime: (iso) => (iso ? dateTimeFmt.format(new Date(iso)) : '—'),
      number: (n, digits = 0) => {
        let f = numbers.get(digits);
        if (!f) numbers.set(digits, (f = new Intl.NumberFormat(tag, { maximumFractionDigits: digits })));
        return f.format(n);
      },
      percent: (n) => (n === null || n === undefined ? '—' : pct.format(n)),
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
