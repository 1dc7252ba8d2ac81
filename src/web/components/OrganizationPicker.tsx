// Choosing an organisation by searching its name (diacritics optional); shows each result with its ancestry.
import { Button, Group, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { organizationSearchResult } from '../../contracts/organizations.ts';
import { organizationSearchQuery } from '../api/queries.ts';
import { SearchIcon } from './icons.tsx';
import { kindLabel } from './labels.ts';
import { ErrorNotice, Loading } from './QueryState.tsx';

export type OrganizationSearchResult = z.infer<typeof organizationSearchResult>;

export interface PickedOrganization {
  id: string;
  name: string;
}

/** "Đảng bộ tỉnh Sơn Hà › Đảng bộ xã Tân Lập" */
export function AncestryText({ ancestry }: { ancestry: { name: string }[] }) {
  if (ancestry.length === 0) return null;
  return (
    <Text size="sm" c="dimmed">
      {ancestry.map((a) => a.name).join(' › ')}
    </Text>
  );
}

/** Debounced organisation search shared by the picker and the tree page. */
export function useOrganizationSearch(text: string, asOf?: string) {
  const [q] = useDebouncedValue(text.trim(), 300);
  const query = useQuery(organizationSearchQuery(q, asOf));
  return { q, query, active: q.length >= 2 };
}

export function OrganizationPicker({
  label,
  value,
  onChange,
  error,
  description,
  asOf,
  accept,
}: {
  label: string;
  value: PickedOrganization | null;
  onChange: (value: PickedOrganization | null) => void;
  error?: string | null;
  description?: string;
  asOf?: string;
  /** Only results this returns true for can be chosen (e.g. cells only). */
  accept?: (result: OrganizationSearchResult) => boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const { query, active } = useOrganizationSearch(text, asOf);
  const resultsId = useId();

  if (value) {
    return (
      <Stack gap={4}>
        <Text fw={600} component="div">
          {label}
        </Text>
        <Paper withBorder p="sm">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Text fw={600}>{value.name}</Text>
            <Button variant="outline" onClick={() => onChange(null)}>
              {t('picker.change')}
            </Button>
          </Group>
        </Paper>
        {error ? (
          <Text c="red.8" size="sm" role="alert">
            {error}
          </Text>
        ) : null}
      </Stack>
    );
  }

  const results = (query.data?.results ?? []).filter((r) => !accept || accept(r));
  return (
    <Stack gap="xs">
      <TextInput
        label={label}
        description={description ?? t('picker.typeToSearch')}
        placeholder={t('picker.search')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        leftSection={<SearchIcon size={20} />}
        error={error}
        aria-controls={resultsId}
        autoComplete="off"
      />
      <div id={resultsId} aria-live="polite">
        {!active ? null : query.isError ? (
          <ErrorNotice error={query.error} />
        ) : query.isPending ? (
          <Loading />
        ) : results.length === 0 ? (
          <Text c="dimmed">{t('picker.noResults')}</Text>
        ) : (
          <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {results.map((r) => (
              <li key={r.id}>
                <UnstyledButton
                  w="100%"
                  onClick={() => {
                    onChange({ id: r.id, name: r.name });
                    setText('');
                  }}
                  aria-label={`${t('picker.choose')}: ${r.name}`}
                  style={{
                    border: '1px solid var(--mantine-color-gray-4)',
                    borderRadius: 8,
                    padding: '10px 12px',
                    minHeight: 44,
                  }}
                >
                  <Text fw={600}>{r.name}</Text>
                  <Text size="sm">{kindLabel(t, r.kind)}</Text>
                  <AncestryText ancestry={r.ancestry} />
                </UnstyledButton>
              </li>
            ))}
          </Stack>
        )}
      </div>
    </Stack>
  );
}
