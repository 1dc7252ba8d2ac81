// The signed-in app shell: header (app, person, language, sign out), side navigation on desktop, bottom bar on
// phones. Only one of the two navigations is rendered, so keyboards and screen readers meet it once.
import { AppShell, Box, Button, Group, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { canImportAnywhere, useMe } from '../features/auth/me.ts';
import { NotificationsBell } from '../features/tasks/NotificationsBell.tsx';
import { HomeIcon, LogoutIcon, TasksIcon, TreeIcon, UploadIcon, UserIcon, UsersIcon } from './icons.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NavLinkLink, UnstyledLink } from './links.tsx';

interface NavItem {
  to: '/' | '/tree' | '/members' | '/tasks' | '/import' | '/account';
  label: string;
  icon: ReactNode;
}

function isActive(pathname: string, to: string): boolean {
  if (to === '/') return pathname === '/';
  if (to === '/tree') return pathname === '/tree' || pathname.startsWith('/organizations');
  return pathname === to || pathname.startsWith(`${to}/`);
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const isPhone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const logout = useMutation({
    mutationFn: () => api.post('/auth/logout', {}),
    onSettled: async () => {
      queryClient.clear();
      await navigate({ to: '/login' });
    },
  });

  const items: NavItem[] = [
    { to: '/', label: t('nav.home'), icon: <HomeIcon /> },
    { to: '/tree', label: t('nav.tree'), icon: <TreeIcon /> },
    { to: '/members', label: t('nav.members'), icon: <UsersIcon /> },
    { to: '/tasks', label: t('taskInbox.nav'), icon: <TasksIcon /> },
    ...(canImportAnywhere(me)
      ? [{ to: '/import' as const, label: t('nav.import'), icon: <UploadIcon /> }]
      : []),
    { to: '/account', label: t('nav.account'), icon: <UserIcon /> },
  ];
  const personName = me.member?.fullName ?? me.account.displayName;

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: true, desktop: !!isPhone } }}
      footer={{ height: 72, collapsed: !isPhone }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <UnstyledLink
            to="/"
            style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0, minHeight: 44 }}
          >
            <img src="/favicon.svg" alt="" width={36} height={36} />
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text fw={800} size="lg" c="partyRed.8" lh={1.2} style={{ whiteSpace: 'nowrap' }}>
                {t('app.name')}
              </Text>
              <Text size="sm" truncate="end" lh={1.3} aria-label={t('app.signedInAs', { name: personName })}>
                {personName}
              </Text>
            </Stack>
          </UnstyledLink>
          <Group gap={4} wrap="nowrap">
            {me.member ? <NotificationsBell /> : null}
            <LanguageSwitch compact={!!isPhone} />
            {/* On a phone the bell needs the room: sign-out shows its icon only (named for screen readers). */}
            <Button
              variant="outline"
              px={isPhone ? 'xs' : undefined}
              leftSection={isPhone ? undefined : <LogoutIcon size={20} />}
              onClick={() => logout.mutate()}
              loading={logout.isPending}
              aria-label={isPhone ? t('app.logout') : undefined}
              title={isPhone ? t('app.logout') : undefined}
            >
              {isPhone ? <LogoutIcon size={22} /> : t('app.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      {isPhone ? null : (
        <AppShell.Navbar p="sm" aria-label={t('app.mainNav')} component="nav">
          {items.map((item) => (
            <NavLinkLink
              key={item.to}
              to={item.to}
              label={item.label}
              leftSection={item.icon}
              active={isActive(pathname, item.to)}
              aria-current={isActive(pathname, item.to) ? 'page' : undefined}
              py="sm"
              styles={{ label: { fontSize: 'var(--mantine-font-size-md)' } }}
              style={{ borderRadius: 8 }}
            />
          ))}
        </AppShell.Navbar>
      )}

      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Box maw={1100}>
          <Outlet />
        </Box>
      </AppShell.Main>

      {isPhone ? (
        <AppShell.Footer component="nav" aria-label={t('app.mainNav')}>
          <Group h="100%" gap={0} wrap="nowrap" grow>
            {items.map((item) => {
              const active = isActive(pathname, item.to);
              return (
                <UnstyledLink
                  key={item.to}
                  to={item.to}
                  aria-current={active ? 'page' : undefined}
                  style={{
                    display: 'flex',
                    flexDirection: 'column',
                    alignItems: 'center',
                    justifyContent: 'center',
                    height: '100%',
                    minWidth: 0,
                    color: active ? 'var(--mantine-color-partyRed-8)' : 'var(--mantine-color-gray-8)',
                    fontWeight: active ? 700 : 500,
                    borderTop: active ? '3px solid var(--mantine-color-partyRed-7)' : '3px solid transparent',
                  }}
                >
                  {item.icon}
                  <Text size="xs" fw="inherit" c="inherit" ta="center" lh={1.2} mt={2}>
                    {item.label}
                  </Text>
                </UnstyledLink>
              );
            })}
          </Group>
        </AppShell.Footer>
      ) : null}
    </AppShell>
  );
}
