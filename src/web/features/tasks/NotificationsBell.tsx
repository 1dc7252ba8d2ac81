// The header's notifications bell: the unread count, the latest notices (meeting notices, materials, tasks) with
// their links, and "mark all as read". The list (a Mantine Popover, with its positioning library) is a chunk of its
// own (./BellPopover.tsx), loaded when the bell is first pointed at, focused or pressed: the shell a member's phone
// downloads on every first visit carries only the button.
import { ActionIcon, Indicator } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BellIcon } from '../../components/icons.tsx';
import { notificationsQuery } from './api.ts';

const loadPopover = () => import('./BellPopover.tsx');
const BellPopover = lazy(loadPopover);

export function NotificationsBell() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  // Whether the popover's chunk is wanted: from the first pointing, focus or press on.
  const [wanted, setWanted] = useState(false);
  const query = useQuery(notificationsQuery);
  // Accounts without a member record have no notifications: the bell stays out of the way.
  if (query.isError) return null;
  const unread = query.data?.unread ?? 0;
  const items = query.data?.items ?? [];
  const label = unread > 0 ? t('bell.label', { count: unread }) : t('bell.labelNone');
  const want = () => {
    if (!wanted) {
      setWanted(true);
      void loadPopover().catch(() => undefined);
    }
  };
  const trigger = (
    <ActionIcon
      variant="subtle"
      color="dark"
      size={44}
      aria-label={label}
      aria-expanded={opened}
      onPointerEnter={want}
      onFocus={want}
      onClick={() => {
        want();
        setOpened((o) => !o);
      }}
    >
      <BellIcon />
    </ActionIcon>
  );
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
      {wanted ? (
        <Suspense fallback={trigger}>
          <BellPopover
            opened={opened}
            setOpened={setOpened}
            unread={unread}
            items={items}
            trigger={trigger}
          />
        </Suspense>
      ) : (
        trigger
      )}
    </Indicator>
  );
}
