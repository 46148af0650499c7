import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { IntlProvider } from 'react-intl';
import en from './en.json';
import fr from './fr.json';

export type Language = 'en' | 'fr';
export type MessageId = keyof typeof en;
const CATALOGUES: Record<Language, Record<string, string>> = { en, fr };
const STORAGE_KEY = 'relay.language';

function initialLanguage(): Language {
  const kept = localStorage.getItem(STORAGE_KEY);
  if (kept === 'en' || kept === 'fr') return kept;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

const LanguageContext = createContext<{ language: Language; setLanguage: (language: Language) => void }>({
  language: 'en',
  setLanguage: () => undefined,
});

/** The chosen language, kept across visits; `<html lang>` follows it. */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  return (
    <LanguageContext.Provider value={value}>
      <IntlProvider locale={language === 'fr' ? 'fr-CA' : 'en-CA'} messages={CATALOGUES[language]} defaultLocale="en">
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
}

export const useLanguage = () => useContext(LanguageContext);

/** An office's name in the chosen language. */
export function useOfficeName() {
  const { language } = useLanguage();
  return (office: { name: string; nameFr?: string | null } | null | undefined) =>
    office ? (language === 'fr' && office.nameFr ? office.nameFr : office.name) : '';
}
