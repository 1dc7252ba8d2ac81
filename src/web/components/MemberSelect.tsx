// Choosing a member of an organisation (or any member the viewer may see) by typing part of the name (diacritics
// optional); the server searches.
import { Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberListItem } from '../../contracts/members.ts';
import { type MemberListParams, memberListQueryOptions } from '../api/queries.ts';
import { formatDate } from '../lib/dates.ts';

export interface PickedMember {
  id: string;
  fullName: string;
}

const describe = (m: MemberListItem): string =>
  [m.dateOfBirth ? formatDate(m.dateOfBirth) : null, m.organizationName].filter(Boolean).join(' · ');

export function MemberSelect({
  label,
  description,
  organizationId,
  filters,
  value,
  onChange,
  error,
  required,
}: {
  label: string;
  description?: string;
  /** Where to look; omitted = every member the viewer may see. */
  organizationId?: string;
  /** Narrows the list further (e.g. only full members). */
  filters?: Omit<MemberListParams, 'organizationId' | 'q' | 'limit'>;
  value: PickedMember | null;
  onChange: (member: PickedMember | null) => void;
  error?: string | null;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(value?.fullName ?? '');
  // Once a member is chosen the box shows their name; search again only when the text changes from it.
  const typed = value && search === value.fullName ? '' : search.trim();
  const [q] = useDebouncedValue(typed, 300);
  const query = useQuery(
    memberListQueryOptions({ organizationId, q: q || undefined, limit: 30, ...filters }),
  );
  const items = query.data?.items ?? [];
  const byId = new Map(items.map((m) => [m.id, m]));
  const data = items.map((m) => ({ value: m.id, label: m.fullName }));
  if (value && !byId.has(value.id)) data.unshift({ value: value.id, label: value.fullName });

  return (
    <Select
      label={label}
      description={description ?? t('memberSelect.hint')}
      placeholder={t('memberSelect.placeholder')}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already matched the text (ignoring diacritics); do not filter its answer again here.
      filter={({ options }) => options}
      data={data}
      value={value?.id ?? null}
      onChange={(id, option) => onChange(id && option ? { id, fullName: option.label } : null)}
      nothingFoundMessage={query.isFetching ? t('common.loading') : t('memberSelect.none')}
      renderOption={({ option }) => {
        const m = byId.get(option.value);
        return (
          <Stack gap={0}>
            <Text fw={600}>{option.label}</Text>
            {m ? (
              <Text size="sm" c="dimmed">
                {describe(m)}
              </Text>
            ) : null}
          </Stack>
        );
      }}
      maxDropdownHeight={320}
      error={error}
      required={required}
      allowDeselect={false}
    />
  );
}
