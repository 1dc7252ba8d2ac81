// The header's notifications bell: the unread count, the latest notices (meeting notices, materials, tasks) with
// their links, and "mark all as read".
import {
  ActionIcon,
  Box,
  Button,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { BellIcon } from '../../components/icons.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { useMessage } from '../../components/message.ts';
import { notificationsQuery } from './api.ts';

export function NotificationsBell() {
  const { t } = useTranslation();
  const msg = useMessage();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const query = useQuery(notificationsQuery);
  const readAll = useMutation({
    mutationFn: () => api.post('/me/notifications/read-all', {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  // Accounts without a member record have no notifications: the bell stays out of the way.
  if (query.isError) return null;
  const unread = query.data?.unread ?? 0;
  const items = query.data?.items ?? [];
  const label = unread > 0 ? t('bell.label', { count: unread }) : t('bell.labelNone');
  return (
    // The indicator wraps the popover, not the other way round: the popover's target gets aria-expanded, which
    // only a button may carry, so the target is the button itself and never the indicator's plain div.
    <Indicator
      label={unread > 99 ? '99+' : unread}
      size={18}
      disabled={unread === 0}
      color="partyRed.7"
      offset={6}
    >
      <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} shadow="md" withArrow>
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="dark"
            size={44}
            aria-label={label}
            aria-expanded={opened}
            onClick={() => setOpened((o) => !o)}
          >
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p="xs" aria-label={t('bell.title')} role="dialog">
          <Stack gap="xs">
            <Text fw={700}>{t('bell.title')}</Text>
            {items.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('bell.none')}
              </Text>
            ) : (
              <ScrollArea.Autosize mah={360}>
                <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                  {items.map((n) => {
                    const body = (
                      <Box p={6} style={{ borderRadius: 6 }} bg={n.readAt ? undefined : 'blue.0'}>
                        <Text size="sm" fw={n.readAt ? 400 : 700} style={{ overflowWrap: 'anywhere' }}>
                          {msg(n.title)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {formatDateTime(n.createdAt)}
                          {n.readAt ? '' : ` · ${t('bell.unread')}`}
                        </Text>
                      </Box>
                    );
                    return (
                      <li key={n.id}>
                        {n.link ? (
                          <UnstyledButton
                            w="100%"
                            onClick={() => {
                              setOpened(false);
                              const link = n.link ?? '/';
                              // Downloads and outside addresses leave the app; pages stay in it.
                              if (/^(https?:)?\/\//.test(link) || link.startsWith('/api/'))
                                window.location.assign(link);
                              else router.history.push(link);
                            }}
                          >
                            {body}
                          </UnstyledButton>
                        ) : (
                          body
                        )}
                      </li>
                    );
                  })}
                </Stack>
              </ScrollArea.Autosize>
            )}
            {unread > 0 ? (
              <Button variant="light" size="sm" onClick={() => readAll.mutate()} loading={readAll.isPending}>
                {t('bell.readAll')}
              </Button>
            ) : null}
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
