// One button that switches between Vietnamese and English, named in the language it switches to.
import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n/index.ts';

export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const toEnglish = !i18n.language.startsWith('en');
  const target = toEnglish ? 'en' : 'vi';
  const name = toEnglish ? t('app.languageEn') : t('app.languageVi');
  return (
    <Button
      variant="subtle"
      color="dark"
      px={compact ? 'xs' : undefined}
      onClick={() => setLanguage(target)}
      lang={target}
      aria-label={`${t('app.language')}: ${name}`}
    >
      {compact ? target.toUpperCase() : name}
    </Button>
  );
}
