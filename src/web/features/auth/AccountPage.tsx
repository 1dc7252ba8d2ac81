// "Tài khoản": change one's password, and see and revoke the sessions signed in with this account.
import { Alert, Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { changePasswordBody, sessionItem } from '../../../contracts/auth.ts';
import type { okResponse } from '../../../contracts/common.ts';
import { api } from '../../api/client.ts';
import { meQuery, sessionsQuery } from '../../api/queries.ts';
import { lazyContract, parseForm, useFormErrors } from '../../components/forms.ts';
import { Page } from '../../components/Page.tsx';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { ToneBadge } from '../../components/ToneBadge.tsx';

dayjs.extend(relativeTime);

type Session = z.infer<typeof sessionItem>;

/** "Chrome trên Android" from a user agent, in plain words. */
export function describeDevice(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const ua = userAgent;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\/|Opera/.test(ua)
      ? 'Opera'
      : /CocCoc|coc_coc/i.test(ua)
        ? 'Cốc Cốc'
        : /Firefox\//.test(ua)
          ? 'Firefox'
          : /Chrome\/|Chromium\//.test(ua)
            ? 'Chrome'
            : /Safari\//.test(ua)
              ? 'Safari'
              : null;
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad|iPod/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  if (browser && os) return `${browser} · ${os}`;
  return browser ?? os ?? (ua.length > 40 ? `${ua.slice(0, 40)}…` : ua);
}

const passwordContract = lazyContract(() =>
  import('../../../contracts/auth.ts').then((m) => m.changePasswordBody),
);

function ChangePassword() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const errors = useFormErrors(['currentPassword', 'newPassword', 'confirm']);

  const change = useMutation({
    mutationFn: (body: z.input<typeof changePasswordBody>) =>
      api.post<z.infer<typeof okResponse>>('/auth/password', body),
    onSuccess: async () => {
      setCurrent('');
      setNew('');
      setConfirm('');
      notifications.show({ color: 'green', message: t('account.changed') });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: sessionsQuery.queryKey }),
        queryClient.invalidateQueries({ queryKey: meQuery.queryKey }),
      ]);
    },
    onError: (e) => errors.fromError(e),
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = await parseForm(passwordContract, { currentPassword, newPassword }, errors);
    if (!body) return;
    if (confirm !== newPassword) {
      errors.clear();
      return errors.setField('confirm', t('account.mismatch'));
    }
    errors.clear();
    change.mutate(body);
  };

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="password-heading">
      <Title order={2} id="password-heading" mb="sm">
        {t('account.changePassword')}
      </Title>
      <form onSubmit={(e) => void submit(e)} onFocus={passwordContract.warm} noValidate>
        <Stack gap="md" maw={440}>
          {errors.formError ? (
            <Alert color="red" variant="light" role="alert">
              {errors.formError}
            </Alert>
          ) : null}
          <PasswordInput
            label={t('account.currentPassword')}
            value={currentPassword}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={errors.fieldErrors.currentPassword}
            autoComplete="current-password"
            required
          />
          <PasswordInput
            label={t('account.newPassword')}
            description={t('account.newPasswordHint')}
            value={newPassword}
            onChange={(e) => setNew(e.currentTarget.value)}
            error={errors.fieldErrors.newPassword}
            autoComplete="new-password"
            required
          />
          <PasswordInput
            label={t('account.confirmPassword')}
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={errors.fieldErrors.confirm}
            autoComplete="new-password"
            required
          />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('account.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function SessionRow({ session }: { session: Session }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const device = describeDevice(session.userAgent) ?? t('account.unknownDevice');
  const revoke = useMutation({
    mutationFn: () => api.delete<z.infer<typeof okResponse>>(`/auth/sessions/${session.id}`),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('account.revoked') });
      await queryClient.invalidateQueries({ queryKey: sessionsQuery.queryKey });
    },
  });
  return (
    <Card withBorder radius="md" padding="md" component="li">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Group gap="xs">
            <Text fw={700}>{device}</Text>
            {session.isCurrent ? <ToneBadge tone="green">{t('account.thisSession')}</ToneBadge> : null}
          </Group>
          <Text size="sm">
            {t('account.signedInAt')}: {formatDateTime(session.createdAt)}
          </Text>
          <Text size="sm">
            {t('account.lastSeen')}: {formatDateTime(session.lastSeenAt)} (
            {dayjs(session.lastSeenAt).fromNow()})
          </Text>
          {session.ip ? (
            <Text size="sm" c="dimmed">
              {t('account.ip')}: {session.ip}
            </Text>
          ) : null}
          {revoke.isError ? <ErrorNotice error={revoke.error} /> : null}
        </Stack>
        {session.isCurrent ? null : (
          <Button
            variant="outline"
            color="red.9"
            onClick={() => revoke.mutate()}
            loading={revoke.isPending}
            aria-label={t('account.revokeLabel', { device })}
          >
            {t('account.revoke')}
          </Button>
        )}
      </Group>
    </Card>
  );
}

function Sessions() {
  const { t } = useTranslation();
  const sessions = useQuery(sessionsQuery);
  return (
    <Stack gap="sm" component="section" aria-labelledby="sessions-heading">
      <Title order={2} id="sessions-heading">
        {t('account.sessions')}
      </Title>
      <Text>{t('account.sessionsHint')}</Text>
      {sessions.isPending ? (
        <Loading />
      ) : sessions.isError ? (
        <ErrorNotice error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {[...sessions.data.sessions]
            .sort(
              (a, b) => Number(b.isCurrent) - Number(a.isCurrent) || b.lastSeenAt.localeCompare(a.lastSeenAt),
            )
            .map((s) => (
              <SessionRow key={s.id} session={s} />
            ))}
        </Stack>
      )}
    </Stack>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('account.title')}>
      <ChangePassword />
      <Sessions />
    </Page>
  );
}
