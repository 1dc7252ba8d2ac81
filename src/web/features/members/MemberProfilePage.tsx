// A member's profile: every field with its Vietnamese label, where they attend, exemptions, events, positions, actions.
import { Badge, Box, Button, Card, Group, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberProfile } from '../../../contracts/members.ts';
import { memberQuery } from '../../api/queries.ts';
import { period, positionLabel } from '../../components/labels.ts';
import { useMessage } from '../../components/message.ts';
import { Page } from '../../components/Page.tsx';
import { QueryBoundary } from '../../components/QueryState.tsx';
import { formatDate, todayIso } from '../../lib/dates.ts';
import { EditMemberForm } from './EditMemberForm.tsx';
import {
  EndMembershipForm,
  EventForm,
  ExemptForm,
  ResetPasswordForm,
  TransferForm,
} from './MemberActionForms.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { ToneBadge } from '../../components/ToneBadge.tsx';
import { Field } from '../../components/Field.tsx';

type Membership = MemberProfile['memberships'][number];
type Dialog =
  | 'edit'
  | 'event'
  | 'transfer'
  | 'exempt'
  | 'reset'
  | { kind: 'endMembership'; membership: Membership }
  | null;

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={id}>
      <Title order={2} id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function ProfileView({ profile }: { profile: MemberProfile }) {
  const { t } = useTranslation();
  const msg = useMessage();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const notRecorded = t('common.notRecorded');
  const value = (v: string | null) => v || notRecorded;
  const date = (v: string | null) => (v ? formatDate(v) : notRecorded);
  const personal = (v: string | null) => (profile.personalDataHidden ? t('profile.hidden') : value(v));
  const today = todayIso();
  const isExemptNow = profile.exemptions.some(
    (e) => e.validFrom <= today && (!e.validTo || e.validTo > today),
  );
  const can = (a: MemberProfile['actions'][number]) => profile.actions.includes(a);
  // The kind of an organisation the member attends, so an office held there gets its local name (Chi ủy viên).
  const kindOf = new Map(profile.memberships.map((m) => [m.organizationId, m.organizationKind]));

  return (
    <Page
      title={profile.fullName}
      above={
        <Text c="dimmed" fw={600}>
          {t('profile.title')}
        </Text>
      }
      actions={
        profile.actions.length > 0 ? (
          <>
            {can('member.update') ? (
              <Button onClick={() => setDialog('edit')}>{t('profile.edit')}</Button>
            ) : null}
            {can('member.recordEvent') ? (
              <Button variant="outline" onClick={() => setDialog('event')}>
                {t('profile.recordEvent')}
              </Button>
            ) : null}
            {can('member.transfer') ? (
              <Button variant="outline" onClick={() => setDialog('transfer')}>
                {t('profile.transfer')}
              </Button>
            ) : null}
            {can('member.exempt') ? (
              <Button variant="outline" onClick={() => setDialog('exempt')}>
                {t('profile.exempt')}
              </Button>
            ) : null}
            {can('account.resetPassword') ? (
              <Button variant="outline" color="gray.8" onClick={() => setDialog('reset')}>
                {t('profile.resetPassword')}
              </Button>
            ) : null}
          </>
        ) : null
      }
    >
      <Group gap="xs">
        <ToneBadge tone={profile.status === 'full' ? 'green' : 'orange'}>
          {t(`memberStatus.${profile.status}`)}
        </ToneBadge>
        {profile.lifecycle !== 'active' ? (
          <Badge color="dark" variant="filled">
            {t(`lifecycle.${profile.lifecycle}`)}
          </Badge>
        ) : null}
        {isExemptNow ? <ToneBadge tone="gray">{t('members.exemptBadge')}</ToneBadge> : null}
      </Group>

      <Section id="personal" title={t('profile.section')}>
        <SimpleGrid cols={{ base: 2, md: 3 }} spacing="md" component="dl" m={0}>
          <Field label={t('profile.fullName')}>{profile.fullName}</Field>
          <Field label={t('profile.birthName')}>{value(profile.birthName)}</Field>
          <Field label={t('profile.dateOfBirth')}>{date(profile.dateOfBirth)}</Field>
          <Field label={t('profile.gender')}>
            {profile.gender ? t(`gender.${profile.gender}`) : notRecorded}
          </Field>
          <Field label={t('profile.ethnicity')}>{value(profile.ethnicity)}</Field>
          <Field label={t('profile.religion')}>{value(profile.religion)}</Field>
          <Field label={t('profile.hometown')}>{value(profile.hometown)}</Field>
          <Field label={t('profile.education')}>{value(profile.education)}</Field>
          <Field label={t('profile.politicalTheory')}>{value(profile.politicalTheory)}</Field>
          <Field label={t('profile.profession')}>{value(profile.profession)}</Field>
          <Field label={t('profile.admissionDate')}>{date(profile.admissionDate)}</Field>
          <Field label={t('profile.fullMembershipDate')}>{date(profile.fullMembershipDate)}</Field>
          <Field label={t('profile.partyCardNumber')}>{value(profile.partyCardNumber)}</Field>
          <Field label={t('profile.citizenId')}>{personal(profile.citizenId)}</Field>
          <Field label={t('profile.phone')}>{personal(profile.phone)}</Field>
          <Field label={t('profile.email')}>{personal(profile.email)}</Field>
        </SimpleGrid>
      </Section>

      <Section id="memberships" title={t('profile.memberships')}>
        {profile.memberships.length === 0 ? (
          <Text c="dimmed">{t('profile.noMemberships')}</Text>
        ) : (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {profile.memberships.map((m) => (
              <li key={m.id}>
                <Group gap="sm" wrap="nowrap" justify="space-between" align="center">
                  <Box style={{ minWidth: 0 }}>
                    <Group gap="xs" wrap="wrap">
                      <AnchorLink to="/organizations/$id" params={{ id: m.organizationId }} fw={600}>
                        {m.organizationName}
                      </AnchorLink>
                      {m.kind === 'temporary' ? (
                        <ToneBadge tone="blue">{t('profile.temporary')}</ToneBadge>
                      ) : null}
                      {m.kind === 'party_group' ? (
                        <ToneBadge tone="red">{t('profile.partyGroup')}</ToneBadge>
                      ) : null}
                      {!m.validTo ? (
                        <ToneBadge tone="green" outline>
                          {t('profile.current')}
                        </ToneBadge>
                      ) : null}
                    </Group>
                    <Text size="sm">{period(t, m.validFrom, m.validTo)}</Text>
                  </Box>
                  {can('member.transfer') && m.kind !== 'official' && !m.validTo ? (
                    <Button
                      variant="light"
                      style={{ flexShrink: 0 }}
                      onClick={() => setDialog({ kind: 'endMembership', membership: m })}
                      aria-label={t('profile.endMembershipLabel', { name: m.organizationName })}
                    >
                      {t('profile.endMembership')}
                    </Button>
                  ) : null}
                </Group>
              </li>
            ))}
          </Stack>
        )}
      </Section>

      <Section id="exemptions" title={t('profile.exemptions')}>
        {profile.exemptions.length === 0 ? (
          <Text c="dimmed">{t('profile.noExemptions')}</Text>
        ) : (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {profile.exemptions.map((e) => (
              <li key={e.id}>
                <Text fw={600}>{e.reason}</Text>
                <Text size="sm">
                  {period(t, e.validFrom, e.validTo)}
                  {e.documentRef ? ` · ${t('profile.documentRef', { ref: e.documentRef })}` : ''}
                </Text>
              </li>
            ))}
          </Stack>
        )}
      </Section>

      <Section id="events" title={t('profile.events')}>
        {profile.events.length === 0 ? (
          <Text c="dimmed">{t('profile.noEvents')}</Text>
        ) : (
          <Timeline bulletSize={18} lineWidth={2} active={profile.events.length}>
            {profile.events.map((e) => (
              <Timeline.Item key={e.id} title={<Text fw={700}>{t(`eventKinds.${e.kind}`)}</Text>}>
                <Text size="sm">{formatDate(e.eventDate)}</Text>
                {e.fromOrganizationName ? (
                  <Text size="sm">{t('profile.fromOrg', { name: e.fromOrganizationName })}</Text>
                ) : null}
                {e.toOrganizationName ? (
                  <Text size="sm">{t('profile.toOrg', { name: e.toOrganizationName })}</Text>
                ) : null}
                {e.otherParty ? <Text size="sm">{e.otherParty}</Text> : null}
                {e.documentRef ? (
                  <Text size="sm">{t('profile.documentRef', { ref: e.documentRef })}</Text>
                ) : null}
                {e.note ? (
                  <Text size="sm" c="dimmed">
                    {msg(e.note)}
                  </Text>
                ) : null}
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Section>

      <Section id="positions" title={t('profile.positions')}>
        {profile.positions.length === 0 ? (
          <Text c="dimmed">{t('profile.noPositions')}</Text>
        ) : (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {profile.positions.map((pos) => (
              <li key={`${pos.kind}-${pos.organizationId}-${pos.validFrom}`}>
                <Text fw={600}>
                  {positionLabel(t, pos.kind, kindOf.get(pos.organizationId))} ·{' '}
                  <AnchorLink to="/organizations/$id" params={{ id: pos.organizationId }}>
                    {pos.organizationName}
                  </AnchorLink>
                </Text>
                <Text size="sm">{period(t, pos.validFrom, pos.validTo)}</Text>
              </li>
            ))}
          </Stack>
        )}
      </Section>

      {dialog === 'edit' ? <EditMemberForm profile={profile} onClose={close} /> : null}
      {dialog === 'event' ? <EventForm profile={profile} onClose={close} /> : null}
      {dialog === 'transfer' ? <TransferForm profile={profile} onClose={close} /> : null}
      {dialog === 'exempt' ? <ExemptForm profile={profile} onClose={close} /> : null}
      {dialog === 'reset' ? <ResetPasswordForm profile={profile} onClose={close} /> : null}
      {typeof dialog === 'object' && dialog?.kind === 'endMembership' ? (
        <EndMembershipForm profile={profile} membership={dialog.membership} onClose={close} />
      ) : null}
    </Page>
  );
}

export function MemberProfilePage() {
  const { id } = useParams({ from: '/app/members/$id' });
  const query = useQuery(memberQuery(id));
  return (
    <QueryBoundary query={query}>
      {(profile) => <ProfileView key={profile.id} profile={profile} />}
    </QueryBoundary>
  );
}
