// Typed translation keys: t('members.title') is checked against the Vietnamese texts.
import 'i18next';
import type { AllTexts } from './resources.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: AllTexts };
  }
}
