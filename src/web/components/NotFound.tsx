// The page shown for unknown addresses and for anything the API answers 404 to (absent or not visible).
import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from './Page.tsx';
import { ButtonLink } from './links.tsx';

export function NotFoundView() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <Stack gap="md" py="xl" maw={560}>
      <Title order={1}>{t('notFound.title')}</Title>
      <Text size="lg">{t('notFound.text')}</Text>
      <div>
        <ButtonLink to="/">{t('notFound.home')}</ButtonLink>
      </div>
    </Stack>
  );
}
