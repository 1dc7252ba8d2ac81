// The sign-in page: phone, email or party card number and a password; shows the server's message on 401/429.
import type { z } from 'zod';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { meResponse } from '../../../contracts/auth.ts';
import { api } from '../../api/client.ts';
import { meQuery } from '../../api/queries.ts';
import { lazyContract, parseForm, useFormErrors } from '../../components/forms.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { usePageTitle } from '../../components/Page.tsx';

/** Only paths inside the app may be returned to after signing in. */
export function safeRedirect(target: string | undefined): string {
  return target?.startsWith('/') && !target.startsWith('//') && !target.startsWith('/login') ? target : '/';
}

const loginContract = lazyContract(() => import('../../../contracts/auth.ts').then((m) => m.loginBody));

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.submit'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { redirect } = useSearch({ from: '/login' });
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const errors = useFormErrors(['identifier', 'password']);

  const login = useMutation({
    mutationFn: (body: { identifier: string; password: string }) =>
      api.post<z.infer<typeof meResponse>>('/auth/login', body),
    onSuccess: async (me) => {
      queryClient.clear();
      queryClient.setQueryData(meQuery.queryKey, me);
      await navigate({ to: safeRedirect(redirect) });
    },
    onError: (e) => errors.fromError(e),
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = await parseForm(loginContract, { identifier, password }, errors);
    if (!body) return;
    errors.clear();
    login.mutate(body);
  };

  return (
    <Center mih="100dvh" p="md" component="main">
      <Stack w="100%" maw={440} gap="lg">
        <Stack gap={4} align="center">
          <img src="/favicon.svg" alt="" width={72} height={72} />
          <Title order={1}>{t('login.title')}</Title>
          <Text size="lg" ta="center">
            {t('login.subtitle')}
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" p="lg" radius="md">
          <form onSubmit={(e) => void submit(e)} onFocus={loginContract.warm} noValidate>
            <Stack gap="md">
              {errors.formError && !errors.fieldErrors.identifier && !errors.fieldErrors.password ? (
                <Alert color="red" variant="light" role="alert">
                  {errors.formError}
                </Alert>
              ) : null}
              <TextInput
                id="identifier"
                name="identifier"
                label={t('login.identifier')}
                description={t('login.identifierHint')}
                autoComplete="username"
                value={identifier}
                onChange={(e) => setIdentifier(e.currentTarget.value)}
                error={errors.fieldErrors.identifier}
                size="lg"
                autoFocus
              />
              <PasswordInput
                id="password"
                name="password"
                label={t('login.password')}
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={errors.fieldErrors.password}
                visibilityToggleButtonProps={{ 'aria-label': t('login.showPassword') }}
                size="lg"
              />
              <Button type="submit" size="lg" loading={login.isPending} fullWidth>
                {t('login.submit')}
              </Button>
              <Text size="sm" c="dimmed">
                {t('login.forgot')}
              </Text>
            </Stack>
          </form>
        </Paper>
        <Center>
          <LanguageSwitch />
        </Center>
      </Stack>
    </Center>
  );
}
