// The notifications bell's list (./NotificationsBell.tsx): a popover with the latest notices, their links and
// "mark all as read". A chunk of its own, loaded when the bell is first used.
import { Box, Button, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useMessage } from '../../components/message.ts';
import { formatDateTime } from '../../lib/dates.ts';
import type { NotificationList } from './api.ts';

interface Props {
  opened: boolean;
  setOpened: (opened: boolean) => void;
  unread: number;
  items: NotificationList['items'];
  /** The bell's button, the popover's target. */
  trigger: ReactNode;
}

export default function BellPopover({ opened, setOpened, unread, items, trigger }: Props) {
  const { t } = useTranslation();
  const msg = useMessage();
  const router = useRouter();
  const queryClient = useQueryClient();
  const readAll = useMutation({
    mutationFn: () => api.post('/me/notifications/read-all', {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} shadow="md" withArrow>
      <Popover.Target>{trigger}</Popover.Target>
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
  );
}
