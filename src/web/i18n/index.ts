// Sets up i18next with Vietnamese (default) and English, remembers the choice, and keeps dayjs, zod's messages and
// <html lang> in step.
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { z } from 'zod';
// The contracts set zod's Vietnamese locale when they load; load them first so the choice below is the last word.
import '../../contracts/common.ts';
import { en, vi } from './resources.ts';

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
  // Client-side validation messages (zod's own, not the contracts' codes) in the UI's language.
  z.config(lng === 'en' ? z.locales.en() : z.locales.vi());
}

export function setLanguage(lng: Language) {
  try {
    localStorage.setItem(storageKey, lng);
  } catch {
    // Private browsing may forbid storage; the choice then lasts until the page is reloaded.
  }
  void i18n.changeLanguage(lng);
}

i18n.on('languageChanged', applyLanguage);

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyLanguage(i18n.language);

export default i18n;
