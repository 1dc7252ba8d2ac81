// The member list: filters kept in the address (so a list can be shared), pages by keyset (a page after the one
// before, as fast deep in a province as at its start), the best matches of a search, cards on phones.
import {
  Box,
  Button,
  Collapse,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedCallback, useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberListItem } from '../../../contracts/members.ts';
import { isNotFound } from '../../api/client.ts';
import { memberListQueryOptions, organizationQuery } from '../../api/queries.ts';
import { DownloadIcon, SearchIcon } from '../../components/icons.tsx';
import { KeysetPager, useKeysetPages } from '../../components/KeysetPager.tsx';
import { NotFoundView } from '../../components/NotFound.tsx';
import { OrganizationPicker } from '../../components/OrganizationPicker.tsx';
import { Page } from '../../components/Page.tsx';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { formatDate } from '../../lib/dates.ts';
import { AnchorLink } from '../../components/links.tsx';
import { ToneBadge } from '../../components/ToneBadge.tsx';

const pageSize = 50;

function StatusBadges({ m }: { m: MemberListItem }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap">
      <ToneBadge tone={m.status === 'full' ? 'green' : 'orange'}>{t(`memberStatus.${m.status}`)}</ToneBadge>
      {m.isExempt ? <ToneBadge tone="gray">{t('members.exemptBadge')}</ToneBadge> : null}
      {m.isTemporary ? <ToneBadge tone="blue">{t('members.temporaryBadge')}</ToneBadge> : null}
      {m.lifecycle !== 'active' ? (
        <ToneBadge tone="gray" outline>
          {t(`lifecycle.${m.lifecycle}`)}
        </ToneBadge>
      ) : null}
    </Group>
  );
}

function OrganizationLink({ m }: { m: MemberListItem }) {
  if (!m.organizationId || !m.organizationName) return null;
  return (
    <AnchorLink to="/organizations/$id" params={{ id: m.organizationId }} c="gray.9" underline="hover">
      {m.organizationName}
    </AnchorLink>
  );
}

function MemberCards({ items }: { items: MemberListItem[] }) {
  const { t } = useTranslation();
  return (
    <Stack
      gap="xs"
      component="ul"
      style={{ listStyle: 'none', margin: 0, padding: 0 }}
      aria-label={t('members.listLabel')}
    >
      {items.map((m) => (
        <Paper component="li" key={m.id} withBorder p="sm" radius="md" data-testid="member-row">
          <AnchorLink to="/members/$id" params={{ id: m.id }} fw={700} size="lg">
            {m.fullName}
          </AnchorLink>
          {m.dateOfBirth ? (
            <Text size="sm">{t('members.born', { date: formatDate(m.dateOfBirth) })}</Text>
          ) : null}
          <Box my={4}>
            <StatusBadges m={m} />
          </Box>
          <Text size="sm" data-testid="member-organization">
            <OrganizationLink m={m} />
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}

function MemberTable({ items }: { items: MemberListItem[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="sm" fz="md" aria-label={t('members.listLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('members.colName')}</Table.Th>
            <Table.Th scope="col">{t('members.colBirth')}</Table.Th>
            <Table.Th scope="col">{t('members.colStatus')}</Table.Th>
            <Table.Th scope="col">{t('members.colOrganization')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((m) => (
            <Table.Tr key={m.id} data-testid="member-row">
              <Table.Td>
                <AnchorLink to="/members/$id" params={{ id: m.id }} fw={600}>
                  {m.fullName}
                </AnchorLink>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(m.dateOfBirth)}</Table.Td>
              <Table.Td>
                <StatusBadges m={m} />
              </Table.Td>
              <Table.Td data-testid="member-organization">
                <OrganizationLink m={m} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function MembersPage() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/app/members' });
  const navigate = useNavigate({ from: '/members' });
  const isPhone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const [moreFilters, setMoreFilters] = useState(false);
  const [text, setText] = useState(search.q ?? '');
  const pages = useKeysetPages();

  useEffect(() => setText(search.q ?? ''), [search.q]);

  type Search = typeof search;
  const update = (patch: Partial<Search>) => {
    pages.reset();
    void navigate({ search: (prev: Search) => ({ ...prev, ...patch }), replace: true });
  };
  const setQ = useDebouncedCallback((q: string) => update({ q: q.trim() || undefined }), 400);

  const organization = useQuery({
    ...organizationQuery(search.organizationId ?? ''),
    enabled: !!search.organizationId,
  });
  const list = useQuery(
    memberListQueryOptions({
      organizationId: search.organizationId,
      scope: search.scope,
      q: search.q,
      status: search.status,
      exempt: search.exempt,
      temporary: search.temporary,
      gender: search.gender,
      lifecycle: search.lifecycle,
      limit: pageSize,
      cursor: pages.cursor ?? undefined,
    }),
  );

  if (search.organizationId && isNotFound(organization.error)) return <NotFoundView />;

  const title = organization.data
    ? t('members.titleOf', { name: organization.data.name })
    : t('members.title');
  const total = list.data?.total ?? null;
  const hasFilters = !!(
    search.q ||
    search.status ||
    search.exempt ||
    search.temporary ||
    search.gender ||
    search.lifecycle ||
    search.scope
  );

  const select = <K extends keyof Search>(
    key: K,
    label: string,
    options: { value: string; label: string }[],
  ) => (
    <NativeSelect
      label={label}
      value={(search[key] as string | undefined) ?? ''}
      onChange={(e) => update({ [key]: e.currentTarget.value || undefined } as Partial<Search>)}
      data={[{ value: '', label: t('common.all') }, ...options]}
    />
  );

  const secondary = (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
      {search.organizationId
        ? select('scope', t('members.scope'), [
            { value: 'subtree', label: t('members.scopeSubtree') },
            { value: 'direct', label: t('members.scopeDirect') },
          ])
        : null}
      {select('exempt', t('members.exempt'), [
        { value: 'yes', label: t('members.exemptOnly') },
        { value: 'no', label: t('members.exemptNone') },
      ])}
      {select('temporary', t('members.temporary'), [
        { value: 'yes', label: t('members.temporaryOnly') },
        { value: 'no', label: t('members.temporaryNone') },
      ])}
      {select('gender', t('members.gender'), [
        { value: 'male', label: t('gender.male') },
        { value: 'female', label: t('gender.female') },
      ])}
      <NativeSelect
        label={t('members.lifecycle')}
        value={search.lifecycle ?? 'active'}
        onChange={(e) => {
          const v = e.currentTarget.value as NonNullable<Search['lifecycle']>;
          update({ lifecycle: v === 'active' ? undefined : v });
        }}
        data={(['active', 'transferred_out', 'died', 'removed', 'expelled'] as const).map((v) => ({
          value: v,
          label: t(`lifecycle.${v}`),
        }))}
      />
    </SimpleGrid>
  );

  return (
    <Page
      title={title}
      actions={
        search.organizationId ? (
          <Button
            component="a"
            href={`/api/members/export.xlsx?organizationId=${encodeURIComponent(search.organizationId)}`}
            download
            variant="outline"
            leftSection={<DownloadIcon size={20} />}
          >
            {t('members.export')}
          </Button>
        ) : null
      }
    >
      <Paper withBorder p="md" radius="md" component="section" aria-label={t('members.filters')}>
        <Stack gap="sm">
          {search.organizationId ? (
            <Group gap="sm" wrap="wrap" align="center">
              <Text>
                {t('members.organization')}: <b>{organization.data?.name ?? '…'}</b>
              </Text>
              <Button
                variant="subtle"
                onClick={() => update({ organizationId: undefined, scope: undefined })}
              >
                {t('members.clearOrganization')}
              </Button>
            </Group>
          ) : (
            <OrganizationPicker
              label={t('members.organization')}
              description={t('members.allVisible')}
              value={null}
              onChange={(o) => update({ organizationId: o?.id })}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('members.search')}
              type="search"
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                setQ(e.currentTarget.value);
              }}
              leftSection={<SearchIcon size={20} />}
              autoComplete="off"
            />
            {select('status', t('members.status'), [
              { value: 'full', label: t('memberStatus.full') },
              { value: 'probationary', label: t('memberStatus.probationary') },
            ])}
          </SimpleGrid>
          {isPhone ? (
            <>
              <Group>
                <Button
                  variant="subtle"
                  onClick={() => setMoreFilters((v) => !v)}
                  aria-expanded={moreFilters}
                >
                  {moreFilters ? t('members.hideFilters') : t('members.showFilters')}
                </Button>
              </Group>
              <Collapse expanded={moreFilters}>{secondary}</Collapse>
            </>
          ) : (
            secondary
          )}
          {hasFilters ? (
            <Group>
              <Button
                variant="subtle"
                color="gray.8"
                onClick={() =>
                  void navigate({ search: { organizationId: search.organizationId }, replace: true })
                }
              >
                {t('members.clearFilters')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </Paper>

      {list.isError ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <Loading />
      ) : (
        <Stack gap="sm">
          <Text fw={700} size="lg" role="status" aria-live="polite">
            {total !== null
              ? t('members.total', { count: total })
              : search.q && list.data.items.length > 0
                ? t('members.bestMatches', { count: list.data.items.length })
                : null}
          </Text>
          {list.data.items.length === 0 ? (
            <Text>{t('members.empty')}</Text>
          ) : isPhone ? (
            <MemberCards items={list.data.items} />
          ) : (
            <MemberTable items={list.data.items} />
          )}
          <KeysetPager
            pages={{
              ...pages,
              next: (cursor) => {
                pages.next(cursor);
                window.scrollTo({ top: 0 });
              },
            }}
            shown={list.data.items.length}
            total={total ?? 0}
            nextCursor={list.data.nextCursor}
            label={t('members.pagination')}
            info={
              total !== null
                ? t('members.pageInfoOf', { page: pages.index + 1, shown: list.data.items.length, total })
                : t('members.pageInfo', { page: pages.index + 1, shown: list.data.items.length })
            }
          />
        </Stack>
      )}
    </Page>
  );
}
