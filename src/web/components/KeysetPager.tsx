// Pages of a keyset-paginated list (the server answers a page and the cursor of the next): which cells are shown of
// how many, back to the first page, on to the next. The cursors of the pages passed are kept to go back one.
import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The cursor of the page shown (null: the first) and the way to move between pages. */
export function useKeysetPages() {
  const [trail, setTrail] = useState<string[]>([]);
  return {
    cursor: trail.length ? trail[trail.length - 1]! : null,
    index: trail.length,
    next: (cursor: string) => setTrail((t) => [...t, cursor]),
    back: () => setTrail((t) => t.slice(0, -1)),
    reset: () => setTrail([]),
  };
}

export function KeysetPager({
  pages,
  shown,
  total,
  nextCursor,
  label,
  info,
}: {
  pages: ReturnType<typeof useKeysetPages>;
  shown: number;
  total: number;
  nextCursor: string | null;
  /** what the navigation is called for screen readers */
  label: string;
  /** the words above the buttons, when not the cells' (e.g. the member list's) */
  info?: string;
}) {
  const { t } = useTranslation();
  if (pages.index === 0 && nextCursor === null) return null;
  return (
    <Stack gap="xs" component="nav" aria-label={label} maw={520}>
      <Text size="sm" ta="center">
        {info ?? t('common.pageRows', { page: pages.index + 1, shown, total })}
      </Text>
      <Group gap="sm" grow wrap="nowrap">
        <Button variant="outline" disabled={pages.index === 0} onClick={pages.back}>
          {t('common.previousPage')}
        </Button>
        <Button
          variant="outline"
          disabled={nextCursor === null}
          onClick={() => nextCursor && pages.next(nextCursor)}
        >
          {t('common.nextPage')}
        </Button>
      </Group>
    </Stack>
  );
}
