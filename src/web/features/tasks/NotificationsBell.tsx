// The header's notifications bell: the unread count, the latest notices (meeting notices, materials, tasks) with
// their links, and "mark all as read". The list is a plain panel under the bell (closed by Escape, by pressing
// outside it or by the bell again), not Mantine's Popover: that one brings a positioning library into the shell
// every page downloads on a first visit.
import { ActionIcon, Box, Button, Indicator, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { BellIcon } from '../../components/icons.tsx';
import { useMessage } from '../../components/message.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { type NotificationList, notificationsQuery } from './api.ts';

/** Closes the panel on Escape (focus back on the bell) and on a press outside `area`. */
function useDismiss(
  opened: boolean,
  area: React.RefObject<HTMLElement | null>,
  close: (refocus: boolean) => void,
) {
  useEffect(() => {
    if (!opened) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close(true);
    };
    const onPointer = (e: PointerEvent) => {
      if (area.current && !area.current.contains(e.target as Node)) close(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [opened, area, close]);
}

export function NotificationsBell() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  // The panel hangs under the header, at the screen's right edge (the bell is not the header's last button).
  const [top, setTop] = useState(0);
  const area = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const query = useQuery(notificationsQuery);
  useDismiss(opened, area, (refocus) => {
    setOpened(false);
    if (refocus) button.current?.focus();
  });
  // Accounts without a member record have no notifications: the bell stays out of the way.
  if (query.isError) return null;
  const unread = query.data?.unread ?? 0;
  const label = unread > 0 ? t('bell.label', { count: unread }) : t('bell.labelNone');
  return (
    <Box ref={area}>
      <Indicator
        label={unread > 99 ? '99+' : unread}
        size={18}
        disabled={unread === 0}
        color="partyRed.7"
        offset={6}
      >
        <ActionIcon
          ref={button}
          variant="subtle"
          color="dark"
          size={44}
          aria-label={label}
          aria-expanded={opened}
          aria-controls={opened ? panelId : undefined}
          onClick={() => {
            setTop(button.current ? button.current.getBoundingClientRect().bottom + 8 : 64);
            setOpened((o) => !o);
          }}
        >
          <BellIcon />
        </ActionIcon>
      </Indicator>
      {opened ? (
        <BellPanel
          id={panelId}
          top={top}
          unread={unread}
          items={query.data?.items ?? []}
          onLeave={() => setOpened(false)}
        />
      ) : null}
    </Box>
  );
}

interface PanelProps {
  id: string;
  /** Distance from the top of the screen, in pixels. */
  top: number;
  unread: number;
  items: NotificationList['items'];
  /** A notice was followed: the panel closes. */
  onLeave: () => void;
}

function BellPanel({ id, top, unread, items, onLeave }: PanelProps) {
  const { t } = useTranslation();
  const msg = useMessage();
  const router = useRouter();
  const queryClient = useQueryClient();
  const readAll = useMutation({
    mutationFn: () => api.post('/me/notifications/read-all', {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  return (
    <Paper
      id={id}
      role="dialog"
      aria-label={t('bell.title')}
      shadow="md"
      withBorder
      p="xs"
      pos="fixed"
      right={8}
      top={top}
      w={340}
      maw="calc(100vw - 16px)"
      style={{ zIndex: 300 }}
    >
      <Stack gap="xs">
        <Text fw={700}>{t('bell.title')}</Text>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('bell.none')}
          </Text>
        ) : (
          <Stack
            gap={4}
            component="ul"
            m={0}
            p={0}
            mah={360}
            style={{ listStyle: 'none', overflowY: 'auto', overscrollBehavior: 'contain' }}
          >
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
                        onLeave();
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
        )}
        {unread > 0 ? (
          <Button variant="light" size="sm" onClick={() => readAll.mutate()} loading={readAll.isPending}>
            {t('bell.readAll')}
          </Button>
        ) : null}
      </Stack>
    </Paper>
  );
}
