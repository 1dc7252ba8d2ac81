// The organisation tree as of a date: children load when a node is opened; long lists are virtualised.
import { ActionIcon, Alert, Box, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TreeNode } from '../../../contracts/organizations.ts';
import { treeQuery } from '../../api/queries.ts';
import { DateField } from '../../components/DateField.tsx';
import { ChevronDownIcon, ChevronRightIcon, SearchIcon } from '../../components/icons.tsx';
import { kindLabel } from '../../components/labels.ts';
import { AncestryText, useOrganizationSearch } from '../../components/OrganizationPicker.tsx';
import { Page } from '../../components/Page.tsx';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { formatDate, todayIso } from '../../lib/dates.ts';
import { AnchorLink } from '../../components/links.tsx';
import { ToneBadge } from '../../components/ToneBadge.tsx';

// The day before the district level was abolished (1 July 2025): a date that still shows the old districts.
const beforeReform = '2024-01-01';

type Row =
  | { type: 'node'; node: TreeNode; level: number; expanded: boolean }
  | { type: 'loading'; key: string; level: number }
  | { type: 'error'; key: string; level: number; error: unknown; retry: () => void };

function TreeRow({
  row,
  asOf,
  onToggle,
}: {
  row: Extract<Row, { type: 'node' }>;
  asOf: string | undefined;
  onToggle: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { node, level, expanded } = row;
  return (
    <Group
      gap="xs"
      wrap="nowrap"
      align="center"
      py={6}
      pl={`calc(${level} * var(--tree-indent))`}
      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
    >
      {node.childCount > 0 ? (
        <ActionIcon
          variant={expanded ? 'light' : 'subtle'}
          onClick={() => onToggle(node.id)}
          aria-expanded={expanded}
          aria-label={
            expanded ? t('tree.collapse', { name: node.name }) : t('tree.expand', { name: node.name })
          }
        >
          {expanded ? <ChevronDownIcon /> : <ChevronRightIcon />}
        </ActionIcon>
      ) : (
        <Box w={44} style={{ flexShrink: 0 }} aria-hidden="true" />
      )}
      <Box style={{ flex: 1, minWidth: 0 }}>
        <AnchorLink
          to="/organizations/$id"
          params={{ id: node.id }}
          search={asOf ? { asOf } : {}}
          fw={600}
          size="md"
          underline="hover"
        >
          {node.name}
        </AnchorLink>
        <Group gap={6} wrap="wrap" mt={2}>
          <ToneBadge tone="red">{t('common.memberCount', { count: node.memberCount })}</ToneBadge>
          <Text size="sm" c="dimmed">
            {kindLabel(t, node.kind)}
            {node.childCount > 0 ? ` · ${t('common.childCount', { count: node.childCount })}` : ''}
          </Text>
        </Group>
      </Box>
    </Group>
  );
}

function TreeList({ asOf }: { asOf: string | undefined }) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState<string[]>([]);
  const roots = useQuery(treeQuery(asOf, null));
  const children = useQueries({ queries: expanded.map((id) => treeQuery(asOf, id)) });

  const rows = useMemo(() => {
    const byParent = new Map(expanded.map((id, i) => [id, children[i]]));
    const out: Row[] = [];
    const walk = (nodes: TreeNode[], level: number) => {
      for (const node of nodes) {
        const open = byParent.has(node.id);
        out.push({ type: 'node', node, level, expanded: open });
        if (!open) continue;
        const q = byParent.get(node.id)!;
        if (q.data) walk(q.data.nodes, level + 1);
        else if (q.isError)
          out.push({ type: 'error', key: node.id, level: level + 1, error: q.error, retry: q.refetch });
        else out.push({ type: 'loading', key: node.id, level: level + 1 });
      }
    };
    walk(roots.data?.nodes ?? [], 0);
    return out;
  }, [roots.data, expanded, children]);

  const listRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // Measured after every render on purpose (layout above the list changes); the guard stops the loop.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const top = listRef.current ? listRef.current.getBoundingClientRect().top + window.scrollY : 0;
    if (Math.abs(top - scrollMargin) > 1) setScrollMargin(top);
  });

  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => 68,
    overscan: 12,
    scrollMargin,
    getItemKey: (i) => {
      const r = rows[i]!;
      return r.type === 'node' ? r.node.id : `${r.type}-${r.key}`;
    },
  });

  const toggle = (id: string) =>
    setExpanded((prev) => (prev.includes(id) ? prev.filter((x) => x !== id) : [...prev, id]));

  if (roots.isPending) return <Loading />;
  if (roots.isError) return <ErrorNotice error={roots.error} onRetry={() => void roots.refetch()} />;
  if (rows.length === 0) return <Text>{t('tree.empty')}</Text>;

  return (
    <Paper withBorder radius="md" px="xs" style={{ ['--tree-indent' as string]: 'clamp(12px, 3vw, 24px)' }}>
      <div ref={listRef} style={{ position: 'relative', height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)`,
              }}
            >
              {row.type === 'node' ? (
                <TreeRow row={row} asOf={asOf} onToggle={toggle} />
              ) : row.type === 'loading' ? (
                <Box pl={`calc(${row.level} * var(--tree-indent) + 52px)`} py={4}>
                  <Loading label={t('tree.loadingChildren')} />
                </Box>
              ) : (
                <Box pl={`calc(${row.level} * var(--tree-indent))`} py={4}>
                  <ErrorNotice error={row.error} onRetry={() => void row.retry()} />
                </Box>
              )}
            </div>
          );
        })}
      </div>
    </Paper>
  );
}

function SearchResults({ text, asOf }: { text: string; asOf: string | undefined }) {
  const { t } = useTranslation();
  const { query, active } = useOrganizationSearch(text, asOf);
  if (!active) return null;
  if (query.isError) return <ErrorNotice error={query.error} />;
  if (query.isPending) return <Loading />;
  const results = query.data.results;
  return (
    <Stack gap="xs" component="section" aria-label={t('tree.searchResults')}>
      {results.length === 0 ? (
        <Text>{t('tree.noResults')}</Text>
      ) : (
        <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {results.map((r) => (
            <li key={r.id}>
              <Paper withBorder p="sm" radius="md">
                <AnchorLink
                  to="/organizations/$id"
                  params={{ id: r.id }}
                  search={asOf ? { asOf } : {}}
                  fw={600}
                >
                  {r.name}
                </AnchorLink>
                <Text size="sm">{kindLabel(t, r.kind)}</Text>
                <AncestryText ancestry={r.ancestry} />
              </Paper>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

export function TreePage() {
  const { t } = useTranslation();
  const { asOf } = useSearch({ from: '/app/tree' });
  const navigate = useNavigate({ from: '/tree' });
  const [text, setText] = useState('');
  const today = todayIso();
  const effective = asOf && asOf !== today ? asOf : undefined;

  const setAsOf = (iso: string) =>
    void navigate({
      search: (prev) => ({ ...prev, asOf: iso && iso !== today ? iso : undefined }),
      replace: true,
    });

  return (
    <Page title={t('tree.title')}>
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <Box style={{ flex: '1 1 14rem', maxWidth: 320 }}>
              <DateField
                label={t('tree.asOf')}
                value={effective ?? today}
                onChange={setAsOf}
                required
                withAsterisk={false}
              />
            </Box>
            <Group gap="xs" mb={effective ? 0 : 0}>
              <Button variant={effective ? 'outline' : 'light'} onClick={() => setAsOf(today)}>
                {t('tree.today')}
              </Button>
              <Button
                variant={effective === beforeReform ? 'light' : 'outline'}
                onClick={() => setAsOf(beforeReform)}
              >
                {t('tree.before2025')}
              </Button>
            </Group>
          </Group>
          {effective ? (
            <Alert color="blue" variant="light" py="xs">
              {t('tree.historicalNote', { date: formatDate(effective) })}
            </Alert>
          ) : null}
          <TextInput
            label={t('tree.search')}
            description={t('tree.searchHint')}
            type="search"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            leftSection={<SearchIcon size={20} />}
            autoComplete="off"
          />
        </Stack>
      </Paper>
      {text.trim().length >= 2 ? (
        <SearchResults text={text} asOf={effective} />
      ) : (
        <TreeList key={effective ?? 'today'} asOf={effective} />
      )}
    </Page>
  );
}
