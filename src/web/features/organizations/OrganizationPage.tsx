// An organisation's page: ancestry, kind, counts, committees and positions, children, history, and the writes the
// viewer may make (add a member or an organisation, manage committees and offices, reorganise).
import {
  Alert,
  Badge,
  Box,
  Breadcrumbs,
  Button,
  Card,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationDetail } from '../../../contracts/organizations.ts';
import { isCellKind } from '../../../domain/tree.ts';
import { organizationQuery } from '../../api/queries.ts';
import { cellTypeLabel, kindLabel, period, positionLabel, positionOrder } from '../../components/labels.ts';
import { Page } from '../../components/Page.tsx';
import { useMessage } from '../../components/message.ts';
import { QueryBoundary } from '../../components/QueryState.tsx';
import { formatDate } from '../../lib/dates.ts';
import { AddMemberForm } from '../members/AddMemberForm.tsx';
import { AddOrganizationForm, childKinds } from './AddOrganizationForm.tsx';
import {
  AddCommitteeForm,
  AssignPositionForm,
  EndCommitteeForm,
  EndPositionForm,
  realCommittees,
} from './CommitteeForms.tsx';
import { JoinPartyGroupForm } from './PartyGroupForm.tsx';
import { RoleAssignments } from './RoleAssignments.tsx';
import { ReorganizeForm } from './ReorganizeForm.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { ToneBadge } from '../../components/ToneBadge.tsx';

const childPageSize = 50;

function Ancestry({ detail }: { detail: OrganizationDetail }) {
  const { t } = useTranslation();
  if (detail.ancestry.length === 0) return null;
  return (
    <Box component="nav" aria-label={t('org.breadcrumb')}>
      <Breadcrumbs separator="›" styles={{ root: { flexWrap: 'wrap', rowGap: 4 } }}>
        {detail.ancestry.map((a) =>
          a.canView ? (
            <AnchorLink key={a.id} to="/organizations/$id" params={{ id: a.id }}>
              {a.name}
            </AnchorLink>
          ) : (
            <Text key={a.id} c="dimmed">
              {a.name}
            </Text>
          ),
        )}
      </Breadcrumbs>
    </Box>
  );
}

function EndedNotice({ detail }: { detail: OrganizationDetail }) {
  const { t } = useTranslation();
  if (!detail.validTo) return null;
  const date = formatDate(detail.validTo);
  const text =
    detail.endReason === 'dissolved'
      ? t('org.endedDissolved', { date })
      : detail.endReason === 'merged'
        ? t('org.endedMerged', { date })
        : detail.endReason === 'split'
          ? t('org.endedSplit', { date })
          : t('org.endedOther', { date });
  return (
    <Alert color="dark" variant="filled" role="note">
      <Text inherit>{text}</Text>
      {detail.successor ? (
        <Text inherit mt={4}>
          {t('org.mergedInto')}{' '}
          <AnchorLink
            to="/organizations/$id"
            params={{ id: detail.successor.id }}
            c="white"
            fw={700}
            underline="always"
          >
            {detail.successor.name}
          </AnchorLink>
        </Text>
      ) : null}
    </Alert>
  );
}

type Committee = OrganizationDetail['committees'][number];
type Holder = Committee['positions'][number];
type Dialog =
  | { kind: 'reorganize' | 'addMember' | 'addOrganization' | 'addTerm' | 'assign' }
  | { kind: 'endPosition'; holder: Holder }
  | { kind: 'endTerm'; committee: Committee }
  | { kind: 'addGroupMember' }
  | null;

function Committees({
  detail,
  canManage,
  onDialog,
}: {
  detail: OrganizationDetail;
  canManage: boolean;
  onDialog: (dialog: Dialog) => void;
}) {
  const { t } = useTranslation();
  const msg = useMessage();
  // The server groups offices outside any term under a stand-in; only real terms can be ended.
  const terms = new Set(realCommittees(detail).map((c) => c.id));
  return (
    <Stack gap="sm" component="section" aria-labelledby="committees-heading">
      <Title order={2} id="committees-heading">
        {t('org.committees')}
      </Title>
      {canManage ? (
        <Group gap="sm">
          <Button variant="outline" onClick={() => onDialog({ kind: 'assign' })}>
            {t('committee.assign')}
          </Button>
          <Button variant="outline" onClick={() => onDialog({ kind: 'addTerm' })}>
            {t('committee.addTerm')}
          </Button>
        </Group>
      ) : null}
      {detail.committees.length === 0 ? (
        <Text c="dimmed">{t('org.noCommittee')}</Text>
      ) : (
        detail.committees.map((c) => (
          <Card key={c.id} withBorder radius="md" padding="md">
            <Group gap="sm" wrap="nowrap" justify="space-between" align="flex-start" mb="xs">
              <Box style={{ minWidth: 0 }}>
                <Title order={3}>{msg(c.termLabel)}</Title>
                <Text size="sm" c="dimmed">
                  {period(t, c.termStart, c.termEnd)}
                </Text>
              </Box>
              {canManage && c.termEnd === null && terms.has(c.id) ? (
                <Button
                  variant="light"
                  style={{ flexShrink: 0 }}
                  onClick={() => onDialog({ kind: 'endTerm', committee: c })}
                  aria-label={t('committee.endTermLabel', { term: msg(c.termLabel) })}
                >
                  {t('committee.endTerm')}
                </Button>
              ) : null}
            </Group>
            <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {[...c.positions]
                .sort(
                  (a, b) =>
                    positionOrder(a.kind) - positionOrder(b.kind) ||
                    a.memberName.localeCompare(b.memberName, 'vi'),
                )
                .map((p) => (
                  <li key={p.id}>
                    <Group gap="sm" wrap="nowrap" justify="space-between" align="center">
                      <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
                        <Text fw={600} miw={140}>
                          {positionLabel(t, p.kind, detail.kind)}
                        </Text>
                        <AnchorLink to="/members/$id" params={{ id: p.memberId }}>
                          {p.memberName}
                        </AnchorLink>
                        <Text size="sm" c="dimmed">
                          {period(t, p.validFrom, p.validTo)}
                        </Text>
                      </Group>
                      {canManage && p.validTo === null ? (
                        <Button
                          variant="light"
                          style={{ flexShrink: 0 }}
                          onClick={() => onDialog({ kind: 'endPosition', holder: p })}
                          aria-label={t('committee.endLabel', {
                            office: positionLabel(t, p.kind, detail.kind),
                            name: p.memberName,
                          })}
                        >
                          {t('committee.end')}
                        </Button>
                      ) : null}
                    </Group>
                  </li>
                ))}
            </Stack>
          </Card>
        ))
      )}
    </Stack>
  );
}

function Children({
  detail,
  asOf,
  onAdd,
}: {
  detail: OrganizationDetail;
  asOf: string | undefined;
  /** Offered when the viewer may add an organisation here. */
  onAdd: (() => void) | null;
}) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(childPageSize);
  if (detail.children.length === 0 && !onAdd) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="children-heading">
      <Title order={2} id="children-heading">
        {detail.children.length > 0 ? `${t('org.children')} (${detail.children.length})` : t('org.children')}
      </Title>
      {onAdd ? (
        <div>
          <Button variant="outline" onClick={onAdd}>
            {t('org.addOrganization')}
          </Button>
        </div>
      ) : null}
      {detail.children.length === 0 ? <Text c="dimmed">{t('org.noChildren')}</Text> : null}
      <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {detail.children.slice(0, shown).map((c) => (
          <li key={c.id}>
            <Paper withBorder p="sm" radius="md">
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <Box style={{ minWidth: 0 }}>
                  <AnchorLink
                    to="/organizations/$id"
                    params={{ id: c.id }}
                    search={asOf ? { asOf } : {}}
                    fw={600}
                  >
                    {c.name}
                  </AnchorLink>
                  <Text size="sm" c="dimmed">
                    {kindLabel(t, c.kind)}
                    {c.childCount > 0 ? ` · ${t('common.childCount', { count: c.childCount })}` : ''}
                  </Text>
                </Box>
                <ToneBadge tone="red" style={{ flexShrink: 0 }}>
                  {t('common.memberCount', { count: c.memberCount })}
                </ToneBadge>
              </Group>
            </Paper>
          </li>
        ))}
      </Stack>
      {detail.children.length > shown ? (
        <div>
          <Button variant="outline" onClick={() => setShown((n) => n + childPageSize)}>
            {t('org.showMoreChildren', { count: detail.children.length - shown })}
          </Button>
        </div>
      ) : null}
    </Stack>
  );
}

function History({ detail }: { detail: OrganizationDetail }) {
  const { t } = useTranslation();
  if (detail.nameHistory.length <= 1) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="history-heading">
      <Title order={2} id="history-heading">
        {t('org.history')}
      </Title>
      <Stack gap={6} component="ul" style={{ margin: 0, paddingLeft: '1.25rem' }}>
        {detail.nameHistory.map((h) => (
          <li key={`${h.validFrom}-${h.name}`}>
            <Text fw={600}>{h.name}</Text>
            <Text size="sm">
              {period(t, h.validFrom, h.validTo)}
              {h.parentName ? ` · ${t('org.historyParent', { name: h.parentName })}` : ''}
            </Text>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}

function OrganizationView({ detail, asOf }: { detail: OrganizationDetail; asOf: string | undefined }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const can = (a: OrganizationDetail['actions'][number]) => detail.actions.includes(a);
  // Judged by the server on the level above, which sets this organisation's offices.
  const canManageCommittees = can('committee.manage') && !detail.validTo;
  // Members attend cells; an organisation may hold only some kinds (a party group holds none).
  const canAddMember = can('member.create') && isCellKind(detail.kind);
  const canAddGroupMember = can('member.create') && detail.kind === 'party_group' && !detail.validTo;
  const canAddOrganization = can('organization.create') && childKinds(detail.kind).length > 0;
  return (
    <Page
      title={detail.name}
      above={<Ancestry detail={detail} />}
      actions={
        <>
          {detail.validTo ? null : (
            <ButtonLink
              to="/members"
              search={
                detail.kind === 'party_group'
                  ? { organizationId: detail.id, scope: 'subtree' }
                  : { organizationId: detail.id }
              }
            >
              {t('org.memberList')}
            </ButtonLink>
          )}
          {detail.kind === 'party_group' ? null : (
            <ButtonLink to="/organizations/$id/meetings" params={{ id: detail.id }} variant="outline">
              {t('plan.open')}
            </ButtonLink>
          )}
          {detail.kind === 'party_group' ? null : (
            <ButtonLink to="/organizations/$id/evaluation" params={{ id: detail.id }} variant="outline">
              {t('evaluation.link')}
            </ButtonLink>
          )}
          {canAddGroupMember ? (
            <Button variant="outline" onClick={() => setDialog({ kind: 'addGroupMember' })}>
              {t('group.addMember')}
            </Button>
          ) : null}
          {canAddMember ? (
            <Button variant="outline" onClick={() => setDialog({ kind: 'addMember' })}>
              {t('org.addMember')}
            </Button>
          ) : null}
          {can('member.import') ? (
            <ButtonLink to="/import" search={{ organizationId: detail.id }} variant="outline">
              {t('org.import')}
            </ButtonLink>
          ) : null}
          {can('organization.reorganize') ? (
            <Button variant="outline" onClick={() => setDialog({ kind: 'reorganize' })}>
              {t('org.reorganize')}
            </Button>
          ) : null}
        </>
      }
    >
      <Group gap="xs">
        <Badge size="lg" variant="filled">
          {kindLabel(t, detail.kind)}
        </Badge>
        {detail.cellType ? (
          <Badge size="lg" variant="outline">
            {cellTypeLabel(t, detail.cellType)}
          </Badge>
        ) : null}
        {detail.symbol ? (
          <Text size="sm" c="dimmed">
            {t('org.symbol')}: {detail.symbol}
          </Text>
        ) : null}
      </Group>
      <EndedNotice detail={detail} />
      {asOf ? <Text c="dimmed">{t('org.asOfNote', { date: formatDate(asOf) })}</Text> : null}
      <SimpleGrid cols={{ base: 2, sm: 2 }} maw={560}>
        <Paper withBorder p="md" radius="md">
          <Text size="sm">{t('org.directMembers')}</Text>
          <Text fz="1.75rem" fw={700} lh={1.2}>
            {detail.directMemberCount}
          </Text>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Text size="sm">{t('org.allMembers')}</Text>
          <Text fz="1.75rem" fw={700} lh={1.2}>
            {detail.memberCount}
          </Text>
        </Paper>
      </SimpleGrid>
      <Committees detail={detail} canManage={canManageCommittees} onDialog={setDialog} />
      <Children
        detail={detail}
        asOf={asOf}
        onAdd={canAddOrganization ? () => setDialog({ kind: 'addOrganization' }) : null}
      />
      {/* Nobody is assigned from above to a party group (followers watch its cell), nor to an ended organisation. */}
      {detail.kind === 'party_group' || detail.validTo ? null : <RoleAssignments detail={detail} />}
      <History detail={detail} />
      {dialog?.kind === 'reorganize' ? <ReorganizeForm detail={detail} onClose={close} /> : null}
      {dialog?.kind === 'addMember' ? <AddMemberForm organization={detail} onClose={close} /> : null}
      {dialog?.kind === 'addOrganization' ? <AddOrganizationForm detail={detail} onClose={close} /> : null}
      {dialog?.kind === 'addTerm' ? <AddCommitteeForm detail={detail} onClose={close} /> : null}
      {dialog?.kind === 'assign' ? <AssignPositionForm detail={detail} onClose={close} /> : null}
      {dialog?.kind === 'endPosition' ? (
        <EndPositionForm holder={dialog.holder} at={detail.kind} onClose={close} />
      ) : null}
      {dialog?.kind === 'endTerm' ? (
        <EndCommitteeForm detail={detail} committee={dialog.committee} onClose={close} />
      ) : null}
      {dialog?.kind === 'addGroupMember' ? <JoinPartyGroupForm detail={detail} onClose={close} /> : null}
    </Page>
  );
}

export function OrganizationPage() {
  const { id } = useParams({ from: '/app/organizations/$id' });
  const { asOf } = useSearch({ from: '/app/organizations/$id' });
  const query = useQuery(organizationQuery(id, asOf));
  return (
    <QueryBoundary query={query}>
      {(detail) => <OrganizationView detail={detail} asOf={asOf} />}
    </QueryBoundary>
  );
}
