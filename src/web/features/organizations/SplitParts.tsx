// The "Chia tách" part of the reorganisation form: named parts, and who and what goes to each part, by checkboxes.
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OrganizationDetail } from '../../../contracts/organizations.ts';
import { directMembersQuery } from '../../api/queries.ts';
import type { FieldErrors } from '../../components/forms.ts';
import { kindLabel } from '../../components/labels.ts';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { formatDate } from '../../lib/dates.ts';

export interface SplitPart {
  key: number;
  name: string;
}

/** For each member or child id, the keys of the parts it was ticked in. */
export type Assignment = Record<string, number[]>;

export interface SplitState {
  parts: SplitPart[];
  members: Assignment;
  children: Assignment;
}

export const initialSplit: SplitState = {
  parts: [
    { key: 1, name: '' },
    { key: 2, name: '' },
  ],
  members: {},
  children: {},
};

const toggle = (a: Assignment, id: string, key: number): Assignment => {
  const now = a[id] ?? [];
  return { ...a, [id]: now.includes(key) ? now.filter((k) => k !== key) : [...now, key] };
};

/** The ids ticked in a part, in the order of the list they come from. */
export const idsIn = (a: Assignment, ids: string[], key: number): string[] =>
  ids.filter((id) => (a[id] ?? []).includes(key));

interface Item {
  id: string;
  name: string;
  detail: string;
}

function AssignmentTable({
  caption,
  items,
  parts,
  assignment,
  onToggle,
}: {
  caption: string;
  items: Item[];
  parts: SplitPart[];
  assignment: Assignment;
  onToggle: (id: string, key: number) => void;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Box>
      <Title order={3} mb="xs">
        {caption}
      </Title>
      <Table withTableBorder withRowBorders verticalSpacing="xs" horizontalSpacing="xs" stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reorg.splitItem')}</Table.Th>
            {parts.map((p, i) => (
              <Table.Th key={p.key} ta="center" style={{ whiteSpace: 'nowrap' }}>
                {t('reorg.partShort', { n: i + 1 })}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            const ticked = assignment[item.id] ?? [];
            return (
              <Table.Tr key={item.id} bg={ticked.length === 1 ? undefined : 'yellow.0'}>
                <Table.Td>
                  <Text fw={600} lh={1.3}>
                    {item.name}
                  </Text>
                  {item.detail ? (
                    <Text size="sm" c="dimmed" lh={1.3}>
                      {item.detail}
                    </Text>
                  ) : null}
                </Table.Td>
                {parts.map((p, i) => (
                  <Table.Td key={p.key} ta="center">
                    <Checkbox
                      size="lg"
                      display="inline-block"
                      checked={ticked.includes(p.key)}
                      onChange={() => onToggle(item.id, p.key)}
                      aria-label={t('reorg.assignTo', { name: item.name, n: i + 1 })}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Box>
  );
}

export function SplitParts({
  detail,
  state,
  onChange,
  errors,
}: {
  detail: OrganizationDetail;
  state: SplitState;
  onChange: (next: SplitState) => void;
  /** Names of the parts ('parts.0.name'); what is wrong with the assignment shows as the form's message. */
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  const membersQuery = useQuery(directMembersQuery(detail.id));
  const members: Item[] = (membersQuery.data ?? []).map((m) => ({
    id: m.id,
    name: m.fullName,
    detail: m.dateOfBirth ? t('members.born', { date: formatDate(m.dateOfBirth) }) : '',
  }));
  const children: Item[] = detail.children.map((c) => ({
    id: c.id,
    name: c.name,
    detail: kindLabel(t, c.kind),
  }));
  const { parts } = state;

  const unassigned = (list: Item[], a: Assignment) => list.filter((i) => (a[i.id] ?? []).length === 0).length;
  const doubled = (list: Item[], a: Assignment) => list.filter((i) => (a[i.id] ?? []).length > 1).length;
  const leftMembers = unassigned(members, state.members);
  const leftChildren = unassigned(children, state.children);
  const twice = doubled(members, state.members) + doubled(children, state.children);

  const setPart = (key: number, name: string) =>
    onChange({ ...state, parts: parts.map((p) => (p.key === key ? { ...p, name } : p)) });
  const addPart = () =>
    onChange({ ...state, parts: [...parts, { key: Math.max(...parts.map((p) => p.key)) + 1, name: '' }] });
  const removePart = (key: number) => {
    const drop = (a: Assignment) =>
      Object.fromEntries(Object.entries(a).map(([id, keys]) => [id, keys.filter((k) => k !== key)]));
    onChange({
      parts: parts.filter((p) => p.key !== key),
      members: drop(state.members),
      children: drop(state.children),
    });
  };
  // Tick every member and child not yet in any part into this one.
  const takeRest = (key: number) => {
    const fill = (list: Item[], a: Assignment) => {
      const next = { ...a };
      for (const i of list) if ((next[i.id] ?? []).length === 0) next[i.id] = [key];
      return next;
    };
    onChange({ ...state, members: fill(members, state.members), children: fill(children, state.children) });
  };
  const count = (a: Assignment, list: Item[], key: number) =>
    idsIn(
      a,
      list.map((i) => i.id),
      key,
    ).length;

  return (
    <Stack gap="md">
      <Text>{t('reorg.splitIntro', { name: detail.name })}</Text>
      {parts.map((p, i) => (
        <Paper key={p.key} withBorder p="sm" radius="md">
          <Stack gap="xs">
            <Group justify="space-between" gap="xs">
              <Title order={3}>{t('reorg.partShort', { n: i + 1 })}</Title>
              {parts.length > 2 ? (
                <Button variant="subtle" color="red.9" onClick={() => removePart(p.key)}>
                  {t('reorg.removePart')}
                </Button>
              ) : null}
            </Group>
            <TextInput
              label={t('reorg.partName')}
              placeholder={t('reorg.partNameHint')}
              value={p.name}
              onChange={(e) => setPart(p.key, e.currentTarget.value)}
              error={errors[`parts.${i}.name`]}
              required
            />
            <Text size="sm">
              {t('reorg.partCount', {
                members: count(state.members, members, p.key),
                children: count(state.children, children, p.key),
              })}
            </Text>
            {leftMembers + leftChildren > 0 ? (
              <div>
                <Button
                  variant="light"
                  h="auto"
                  py={8}
                  styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                  onClick={() => takeRest(p.key)}
                >
                  {t('reorg.takeRest')}
                </Button>
              </div>
            ) : null}
          </Stack>
        </Paper>
      ))}
      <div>
        <Button variant="outline" onClick={addPart}>
          {t('reorg.addPart')}
        </Button>
      </div>
      {membersQuery.isError ? (
        <ErrorNotice error={membersQuery.error} onRetry={() => void membersQuery.refetch()} />
      ) : membersQuery.isPending ? (
        <Loading />
      ) : (
        <AssignmentTable
          caption={t('reorg.splitMembers', { count: members.length })}
          items={members}
          parts={parts}
          assignment={state.members}
          onToggle={(id, key) => onChange({ ...state, members: toggle(state.members, id, key) })}
        />
      )}
      <AssignmentTable
        caption={t('reorg.splitChildren', { count: children.length })}
        items={children}
        parts={parts}
        assignment={state.children}
        onToggle={(id, key) => onChange({ ...state, children: toggle(state.children, id, key) })}
      />
      {membersQuery.isSuccess ? (
        leftMembers + leftChildren + twice === 0 ? (
          <Alert color="green" variant="light">
            {t('reorg.splitComplete')}
          </Alert>
        ) : (
          <Alert color="yellow" variant="light">
            {[
              leftMembers + leftChildren > 0
                ? t('reorg.splitLeft', { members: leftMembers, children: leftChildren })
                : null,
              twice > 0 ? t('reorg.splitTwice', { n: twice }) : null,
            ]
              .filter(Boolean)
              .join(' ')}
          </Alert>
        )
      ) : null}
    </Stack>
  );
}
