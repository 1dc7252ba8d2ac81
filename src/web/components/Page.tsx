// A page's frame: its one heading (h1), the browser tab title, and an optional row of actions.
import { Group, Stack, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export function usePageTitle(title: string) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.pageTitle', { title });
  }, [t, title]);
}

export function Page({
  title,
  above,
  actions,
  children,
}: {
  title: string;
  above?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  usePageTitle(title);
  return (
    <Stack gap="lg" pb="xl">
      <Stack gap="xs">
        {above}
        <Title order={1}>{title}</Title>
        {actions ? <Group gap="sm">{actions}</Group> : null}
      </Stack>
      {children}
    </Stack>
  );
}
