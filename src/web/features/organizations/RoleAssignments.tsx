// Who is assigned at an organisation from above: the committee members who follow a cell (theo dõi), or the
// organisation-board officers in charge of a level; with the forms to assign and to end such an assignment.
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { assignRoleBody, endRoleBody, type roleAssignmentList } from '../../../contracts/auth.ts';
import type { createdResponse, okResponse } from '../../../contracts/common.ts';
import type { OrganizationDetail } from '../../../contracts/organizations.ts';
import { isCellKind } from '../../../domain/tree.ts';
import { api } from '../../api/client.ts';
import { meQuery, rolesQuery } from '../../api/queries.ts';
import { DateField } from '../../components/DateField.tsx';
import { period } from '../../components/labels.ts';
import { AnchorLink } from '../../components/links.tsx';
import { MemberSelect, type PickedMember } from '../../components/MemberSelect.tsx';
import { formatDate, todayIso } from '../../lib/dates.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useCommitteeWrite } from './CommitteeForms.tsx';

type Assignment = z.infer<typeof roleAssignmentList>['items'][number];
type Role = Assignment['role'];

type Dialog = { kind: 'assign' } | { kind: 'end'; assignment: Assignment } | null;

/** Followers at a cell, board officers elsewhere. */
export function RoleAssignments({ detail }: { detail: OrganizationDetail }) {
  const { t } = useTranslation();
  const role: Role = isCellKind(detail.kind) ? 'follower' : 'board_officer';
  const query = useQuery(rolesQuery(detail.id));
  const me = useQuery(meQuery);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  // The server has the final say (its refusal is shown); offer the buttons to those who plausibly may.
  const canWrite =
    !detail.validTo &&
    (detail.actions.includes('organization.reorganize') ||
      (role === 'follower' && me.data?.account.isSystemAdmin === true));
  const items = (query.data?.items ?? [])
    .filter((a) => a.role === role)
    .sort(
      (a, b) =>
        Number(a.validTo !== null) - Number(b.validTo !== null) || b.validFrom.localeCompare(a.validFrom),
    );
  const titleKey = role === 'follower' ? 'roleAssign.followersTitle' : 'roleAssign.officersTitle';
  if (query.isError && !canWrite) return null;

  return (
    <Stack gap="sm" component="section" aria-labelledby="roles-heading">
      <Title order={2} id="roles-heading">
        {t(titleKey)}
      </Title>
      {canWrite ? (
        <div>
          <Button variant="outline" onClick={() => setDialog({ kind: 'assign' })}>
            {t(role === 'follower' ? 'roleAssign.assignFollower' : 'roleAssign.assignOfficer')}
          </Button>
        </div>
      ) : null}
      {query.isPending ? <Text c="dimmed">{t('common.loading')}</Text> : null}
      {query.isSuccess && items.length === 0 ? (
        <Text c="dimmed">{t(role === 'follower' ? 'roleAssign.noFollowers' : 'roleAssign.noOfficers')}</Text>
      ) : null}
      {items.length > 0 ? (
        <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {items.map((a) => (
            <li key={a.id}>
              <Paper withBorder p="sm" radius="md">
                <Group gap="sm" wrap="nowrap" justify="space-between" align="center">
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    {a.memberId ? (
                      <AnchorLink to="/members/$id" params={{ id: a.memberId }} fw={600}>
                        {a.memberName}
                      </AnchorLink>
                    ) : (
                      <Text fw={600}>{a.memberName}</Text>
                    )}
                    <Text size="sm" c="dimmed">
                      {period(t, a.validFrom, a.validTo)}
                    </Text>
                  </Stack>
                  {canWrite && a.validTo === null ? (
                    <Button
                      variant="light"
                      style={{ flexShrink: 0 }}
                      onClick={() => setDialog({ kind: 'end', assignment: a })}
                      aria-label={t('roleAssign.endLabel', { name: a.memberName })}
                    >
                      {t('roleAssign.end')}
                    </Button>
                  ) : null}
                </Group>
              </Paper>
            </li>
          ))}
        </Stack>
      ) : null}
      {dialog?.kind === 'assign' ? <AssignRoleForm detail={detail} role={role} onClose={close} /> : null}
      {dialog?.kind === 'end' ? <EndRoleForm assignment={dialog.assignment} onClose={close} /> : null}
    </Stack>
  );
}

type AssignBody = z.input<typeof assignRoleBody>;

function AssignRoleForm({
  detail,
  role,
  onClose,
}: {
  detail: OrganizationDetail;
  role: Role;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [member, setMember] = useState<PickedMember | null>(null);
  const [validFrom, setValidFrom] = useState(todayIso());
  const { errors, mutation } = useCommitteeWrite<AssignBody>(
    (body) => api.post<z.infer<typeof createdResponse>>('/role-assignments', body),
    t('roleAssign.assignDone'),
    onClose,
    ['memberId', 'validFrom'],
  );

  const submit = () => {
    errors.clear();
    if (!member) return errors.setField('memberId', t('committee.chooseMember'));
    const body: AssignBody = { memberId: member.id, role, organizationId: detail.id, validFrom };
    const parsed = assignRoleBody.safeParse(body);
    if (!parsed.success) return errors.fromZod(parsed.error);
    mutation.mutate(body);
  };

  return (
    <FormModal
      title={t(role === 'follower' ? 'roleAssign.assignFollowerTitle' : 'roleAssign.assignOfficerTitle', {
        name: detail.name,
      })}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      formRef={errors.formRef}
      submitLabel={t(role === 'follower' ? 'roleAssign.assignFollower' : 'roleAssign.assignOfficer')}
      pending={mutation.isPending}
    >
      <MemberSelect
        label={t('roleAssign.member')}
        description={t('roleAssign.memberHint')}
        value={member}
        onChange={setMember}
        error={errors.fieldErrors.memberId}
        required
      />
      <DateField
        name="validFrom"
        label={t('roleAssign.validFrom')}
        value={validFrom}
        onChange={setValidFrom}
        error={errors.fieldErrors.validFrom}
        required
      />
    </FormModal>
  );
}

type EndBody = z.input<typeof endRoleBody>;

function EndRoleForm({ assignment, onClose }: { assignment: Assignment; onClose: () => void }) {
  const { t } = useTranslation();
  const [validTo, setValidTo] = useState(todayIso());
  const { errors, mutation } = useCommitteeWrite<EndBody>(
    (body) => api.post<z.infer<typeof okResponse>>(`/role-assignments/${assignment.id}/end`, body),
    t('roleAssign.endDone'),
    onClose,
    ['validTo'],
  );

  const submit = () => {
    const body: EndBody = { validTo };
    const parsed = endRoleBody.safeParse(body);
    if (!parsed.success) return errors.fromZod(parsed.error);
    errors.clear();
    mutation.mutate(body);
  };

  return (
    <FormModal
      title={t('roleAssign.endTitle', { name: assignment.memberName })}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      formRef={errors.formRef}
      submitLabel={t('roleAssign.end')}
      pending={mutation.isPending}
    >
      <Text>{t('roleAssign.since', { date: formatDate(assignment.validFrom) })}</Text>
      <DateField
        name="validTo"
        label={t('roleAssign.validTo')}
        description={t('roleAssign.validToHint')}
        value={validTo}
        onChange={setValidTo}
        error={errors.fieldErrors.validTo}
        required
      />
    </FormModal>
  );
}
