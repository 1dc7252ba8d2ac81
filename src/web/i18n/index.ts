// Sets up i18next with Vietnamese (default) and English, remembers the choice, and keeps dayjs and <html lang> in
// step (zod's own words in forms are rendered per language by the message catalogues, src/messages/core.ts). English is a chunk of its own (./en.ts), loaded before the first render when it was the
// stored choice and on the switch otherwise: most members read Vietnamese and their phones skip it.
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { vi } from './resources.ts';

export const languages = ['vi', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'chibo.language';

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(storageKey);
    return v === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

function applyLanguage(lng: string) {
  document.documentElement.lang = lng;
  dayjs.locale(lng === 'en' ? 'en' : 'vi');
}

let english: Promise<void> | undefined;

/** Adds the English texts to i18next once (after init); resolves when they are there. */
function loadEnglish(): Promise<void> {
  english ??= import('./en.ts').then(({ en }) => {
    i18n.addResourceBundle('en', 'translation', en, true, true);
  });
  return english;
}

export function setLanguage(lng: Language) {
  try {
    localStorage.setItem(storageKey, lng);
  } catch {
    // Private browsing may forbid storage; the choice then lasts until the page is reloaded.
  }
  void (lng === 'en' ? loadEnglish() : Promise.resolve()).then(() => i18n.changeLanguage(lng));
}

i18n.on('languageChanged', applyLanguage);

const initial = storedLanguage();

/** Resolves when the texts of the stored language are ready: the app renders after it (main.tsx). */
export const i18nReady: Promise<void> = i18n
  .use(initReactI18next)
  .init({
    resources: { vi: { translation: vi } },
    lng: 'vi',
    fallbackLng: 'vi',
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  .then(async () => {
    if (initial === 'en') {
      await loadEnglish();
      await i18n.changeLanguage('en');
    }
    applyLanguage(i18n.language);
  });

export default i18n;
