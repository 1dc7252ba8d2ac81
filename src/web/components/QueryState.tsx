// Loading, error and not-found states of a page's data, with Vietnamese messages and a retry button.
import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isNotFound } from '../api/client.ts';
import { NotFoundView } from './NotFound.tsx';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" py="md" role="status" aria-live="polite">
      <Loader size="sm" />
      <Text>{label ?? t('common.loading')}</Text>
    </Group>
  );
}

/** The message of any error in the current language. */
export function useErrorMessage() {
  const { t, i18n } = useTranslation();
  return (error: unknown): string =>
    error instanceof ApiError ? error.messageFor(i18n.language) : t('errors.generic');
}

export function ErrorNotice({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  return (
    <Alert color="red" variant="light" title={title ?? t('common.errorTitle')} role="alert">
      <Stack gap="sm">
        <Text>{message(error)}</Text>
        {onRetry ? (
          <div>
            <Button variant="outline" color="red.9" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          </div>
        ) : null}
      </Stack>
    </Alert>
  );
}

/** Renders the data of a page's main query, or its loading, error or not-found state. */
export function QueryBoundary<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  if (query.isError && isNotFound(query.error)) return <NotFoundView />;
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.isError) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  return <Loading />;
}
