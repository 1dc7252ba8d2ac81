// Home: the member's meetings (upcoming, recent, calendar feed), and the organisations the actor holds roles in (or
// the province for an administrator), with counts and quick links.
import { Alert, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ActorRole } from '../../../contracts/auth.ts';
import type { OrganizationKind } from '../../../contracts/organizations.ts';
import { organizationQuery, treeQuery } from '../../api/queries.ts';
import { kindLabel, roleLabel } from '../../components/labels.ts';
import { Page } from '../../components/Page.tsx';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { useMe } from '../auth/me.ts';
import { MyMeetings } from '../tasks/MyMeetings.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { ToneBadge } from '../../components/ToneBadge.tsx';

interface OrganizationRoles {
  id: string;
  name: string;
  kind: OrganizationKind | null;
  roles: ActorRole[];
}

// Leading roles first, the member's own cell last.
const roleRank: Record<ActorRole['role'], number> = {
  system_admin: 0,
  board_officer: 1,
  committee: 2,
  cell_leadership: 3,
  follower: 4,
  member: 5,
};

function groupByOrganization(roles: ActorRole[]): OrganizationRoles[] {
  const groups = new Map<string, OrganizationRoles>();
  for (const r of [...roles].sort((a, b) => roleRank[a.role] - roleRank[b.role])) {
    if (!r.organizationId) continue;
    const g = groups.get(r.organizationId) ?? {
      id: r.organizationId,
      name: r.organizationName ?? '',
      kind: r.organizationKind,
      roles: [],
    };
    g.roles.push(r);
    groups.set(r.organizationId, g);
  }
  return [...groups.values()];
}

function OrganizationCard({ group }: { group: OrganizationRoles }) {
  const { t } = useTranslation();
  const detail = useQuery(organizationQuery(group.id));
  const onlyMember = group.roles.every((r) => r.role === 'member');
  const actions = detail.data?.actions ?? [];
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={`org-${group.id}`}>
      <Stack gap="sm">
        <Group gap="xs">
          {group.roles.map((r) => (
            <ToneBadge key={`${r.role}-${r.position ?? ''}`} tone={r.role === 'member' ? 'gray' : 'red'}>
              {roleLabel(t, r)}
            </ToneBadge>
          ))}
        </Group>
        <div>
          <Title order={2} size="h3" id={`org-${group.id}`}>
            <AnchorLink to="/organizations/$id" params={{ id: group.id }} c="inherit" inherit>
              {group.name}
            </AnchorLink>
          </Title>
          {group.kind ? <Text c="dimmed">{kindLabel(t, group.kind)}</Text> : null}
        </div>
        {detail.isPending ? (
          <Loading />
        ) : detail.isError ? (
          <ErrorNotice error={detail.error} onRetry={() => void detail.refetch()} />
        ) : (
          <Text size="lg" fw={600}>
            {t('common.memberCount', { count: detail.data.memberCount })}
            {detail.data.children.length > 0
              ? ` · ${t('common.childCount', { count: detail.data.children.length })}`
              : ''}
          </Text>
        )}
        <Group gap="sm">
          <ButtonLink to="/members" search={{ organizationId: group.id }}>
            {t('home.memberList')}
          </ButtonLink>
          {actions.includes('member.import') ? (
            <ButtonLink to="/import" search={{ organizationId: group.id }} variant="outline">
              {t('home.importList')}
            </ButtonLink>
          ) : null}
          <ButtonLink to="/organizations/$id" params={{ id: group.id }} variant="outline">
            {onlyMember ? t('home.openCell') : t('home.openOrganization')}
          </ButtonLink>
        </Group>
      </Stack>
    </Card>
  );
}

function AdminRoots() {
  const roots = useQuery(treeQuery(undefined, null));
  if (roots.isPending) return <Loading />;
  if (roots.isError) return <ErrorNotice error={roots.error} onRetry={() => void roots.refetch()} />;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      {roots.data.nodes.map((n) => (
        <OrganizationCard
          key={n.id}
          group={{
            id: n.id,
            name: n.name,
            kind: n.kind,
            roles: [
              {
                role: 'system_admin',
                organizationId: n.id,
                organizationName: n.name,
                organizationKind: n.kind,
                position: null,
              },
            ],
          }}
        />
      ))}
    </SimpleGrid>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const name = me.member?.fullName ?? me.account.displayName;
  const groups = groupByOrganization(me.roles);
  return (
    <Page title={t('home.greeting', { name })}>
      {me.account.mustChangePassword ? (
        <Alert color="yellow" variant="light" title={t('home.mustChangePassword')}>
          <ButtonLink to="/account" mt="xs">
            {t('home.changePassword')}
          </ButtonLink>
        </Alert>
      ) : null}
      {me.member ? (
        <Group>
          <ButtonLink to="/members/$id" params={{ id: me.member.id }} variant="light" size="md">
            {t('home.yourProfile')}
          </ButtonLink>
        </Group>
      ) : null}
      {me.member ? <MyMeetings /> : null}
      {me.account.isSystemAdmin ? (
        <Stack gap="sm">
          <Title order={2}>{t('home.adminRoot')}</Title>
          <AdminRoots />
        </Stack>
      ) : null}
      {groups.length > 0 ? (
        <Stack gap="sm">
          <Title order={2}>
            {groups.every((g) => g.roles.every((r) => r.role === 'member'))
              ? t('home.yourCell')
              : t('home.yourRoles')}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {groups.map((g) => (
              <OrganizationCard key={g.id} group={g} />
            ))}
          </SimpleGrid>
        </Stack>
      ) : me.account.isSystemAdmin ? null : (
        <Alert color="gray">{t('home.noRoles')}</Alert>
      )}
      <div>
        <ButtonLink to="/tree" variant="subtle">
          {t('home.openTree')}
        </ButtonLink>
      </div>
    </Page>
  );
}
