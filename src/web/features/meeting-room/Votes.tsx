// Votes in the live room. Those who run the meeting open a vote (show of hands or electronic), enter the counts of
// a show of hands or watch the electronic ballots come in, and close it. Members eligible to vote cast a ballot.
import {
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { createdResponse } from '../../../contracts/common.ts';
import { closeVoteBody, openVoteBody, voteKind } from '../../../contracts/meetings.ts';
import { api } from '../../api/client.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormErrors } from '../../components/forms.ts';
import { ToneBadge } from '../../components/ToneBadge.tsx';
import { can, type MeetingDetail, myRow, useMeetingWrite, type VoteView } from '../meetings/queries.ts';
import { Section, Stat } from '../../components/Section.tsx';
import { useMessage } from '../../components/message.ts';

const choices = ['for', 'against', 'abstain'] as const;

export function Votes({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const [opening, setOpening] = useState(false);
  const opens = can(detail, 'open_vote');
  if (!opens && detail.votes.length === 0) return null;
  return (
    <Section
      title={t('meetingRoom.votes')}
      aside={
        opens ? (
          <Button variant="outline" onClick={() => setOpening(true)}>
            {t('meetingRoom.openVote')}
          </Button>
        ) : null
      }
    >
      {detail.votes.length === 0 ? <Text c="dimmed">{t('meetingRoom.noVotes')}</Text> : null}
      {[...detail.votes].reverse().map((v) => (
        <VoteCard key={v.id} detail={detail} vote={v} />
      ))}
      {opening ? <OpenVoteForm detail={detail} onClose={() => setOpening(false)} /> : null}
    </Section>
  );
}

function VoteCard({ detail, vote }: { detail: MeetingDetail; vote: VoteView }) {
  const { t } = useTranslation();
  const msg = useMessage();
  const open = vote.status === 'open';
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      data-testid="vote"
      style={open ? { borderColor: 'var(--mantine-color-blue-7)', borderWidth: 2 } : undefined}
    >
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={700}>{vote.subject}</Text>
          <Group gap={6}>
            <ToneBadge tone="gray" outline>
              {t(`meetingRoom.method_${vote.method}`)}
            </ToneBadge>
            {open ? (
              <ToneBadge tone="blue">{t('meetingRoom.voteOpen')}</ToneBadge>
            ) : vote.passed ? (
              <ToneBadge tone="green">{t('meetingRoom.votePassed')}</ToneBadge>
            ) : (
              <ToneBadge tone="red">{t('meetingRoom.voteFailed')}</ToneBadge>
            )}
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {t('meetingRoom.threshold', { threshold: msg(vote.threshold) })}
        </Text>
        {open && vote.method === 'electronic' ? (
          <Text size="lg" fw={700} data-testid="ballots-cast">
            {t('meetingRoom.ballotsCast', {
              cast: vote.ballotsCast,
              eligible: vote.eligiblePresent ?? detail.summary.eligiblePresent,
            })}
          </Text>
        ) : null}
        {!open ? <Result vote={vote} /> : null}
        {open && can(detail, 'close_vote') ? <CloseVote detail={detail} vote={vote} /> : null}
        {open && vote.method === 'electronic' ? <Ballot detail={detail} vote={vote} /> : null}
      </Stack>
    </Paper>
  );
}

function Result({ vote }: { vote: VoteView }) {
  const { t } = useTranslation();
  const msg = useMessage();
  return (
    <Stack gap="xs">
      <SimpleGrid cols={3} spacing="xs">
        <Stat label={t('meetingRoom.choice_for')} value={vote.forCount ?? 0} />
        <Stat label={t('meetingRoom.choice_against')} value={vote.againstCount ?? 0} />
        <Stat label={t('meetingRoom.choice_abstain')} value={vote.abstainCount ?? 0} />
      </SimpleGrid>
      {vote.line ? (
        <Text fw={600} data-testid="vote-line">
          {msg(vote.line)}
        </Text>
      ) : null}
    </Stack>
  );
}

function CloseVote({ detail, vote }: { detail: MeetingDetail; vote: VoteView }) {
  const { t } = useTranslation();
  const [counts, setCounts] = useState<Record<(typeof choices)[number], number | string>>({
    for: '',
    against: 0,
    abstain: 0,
  });
  const errors = useFormErrors(['forCount', 'againstCount', 'abstainCount']);
  const close = useMeetingWrite(
    detail.id,
    (body: z.input<typeof closeVoteBody>) => api.post(`/votes/${vote.id}/close`, body),
    { done: t('meetingRoom.voteClosed'), onError: (e) => errors.fromError(e) },
  );
  const hands = vote.method === 'show_of_hands';
  const submit = () => {
    if (!hands) return close.mutate({});
    const num = (v: number | string) => (v === '' ? undefined : Number(v));
    const parsed = closeVoteBody.safeParse({
      forCount: num(counts.for),
      againstCount: num(counts.against),
      abstainCount: num(counts.abstain),
    });
    if (!parsed.success) return errors.fromZod(parsed.error);
    close.mutate(parsed.data);
  };
  return (
    <Stack gap="xs">
      {hands ? (
        <SimpleGrid cols={3} spacing="xs">
          {choices.map((c) => (
            <NumberInput
              key={c}
              label={t(`meetingRoom.choice_${c}`)}
              min={0}
              value={counts[c]}
              onChange={(v) => setCounts((s) => ({ ...s, [c]: v }))}
              error={errors.fieldErrors[`${c}Count`]}
              allowDecimal={false}
            />
          ))}
        </SimpleGrid>
      ) : null}
      {errors.formError ? (
        <Text c="red.8" role="alert">
          {errors.formError}
        </Text>
      ) : null}
      <Group>
        <Button color="dark" onClick={submit} loading={close.isPending}>
          {t('meetingRoom.closeVote')}
        </Button>
      </Group>
    </Stack>
  );
}

function Ballot({ detail, vote }: { detail: MeetingDetail; vote: VoteView }) {
  const { t } = useTranslation();
  const msg = useMessage();
  const row = myRow(detail);
  const cast = useMeetingWrite(
    detail.id,
    (choice: (typeof choices)[number]) => api.post(`/votes/${vote.id}/ballots`, { choice }),
    { done: t('meetingRoom.ballotSaved') },
  );
  if (!detail.me || !row) return null;
  const mine = detail.me.ballots[vote.id];
  if (!can(detail, 'cast_vote')) {
    // Why not, when the reason is the member's own (not present, probationary, temporary).
    return row.canVote ? null : (
      <Text c="dimmed" role="note">
        {row.voteIneligibleReason ? msg(row.voteIneligibleReason) : t('meetingRoom.cannotVote')}
      </Text>
    );
  }
  return (
    <Stack gap="xs" aria-label={t('meetingRoom.yourBallot')} role="group">
      {mine ? (
        <Text fw={600} data-testid="my-ballot">
          {t('meetingRoom.yourChoice', { choice: t(`meetingRoom.choice_${mine}`) })}
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
        {choices.map((c) => (
          <Button
            key={c}
            size="lg"
            variant={mine === c ? 'filled' : 'outline'}
            color={c === 'for' ? 'green.8' : c === 'against' ? 'partyRed.8' : 'gray.8'}
            aria-pressed={mine === c}
            loading={cast.isPending && cast.variables === c}
            onClick={() => cast.mutate(c)}
          >
            {t(`meetingRoom.choice_${c}`)}
          </Button>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function OpenVoteForm({ detail, onClose }: { detail: MeetingDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [subject, setSubject] = useState(t('meetingRoom.defaultSubject'));
  const [kind, setKind] = useState<z.infer<typeof voteKind>>('decision');
  const [method, setMethod] = useState<'electronic' | 'show_of_hands'>('electronic');
  const errors = useFormErrors(['subject', 'kind', 'method']);
  const open = useMeetingWrite(
    detail.id,
    (body: z.input<typeof openVoteBody>) =>
      api.post<z.infer<typeof createdResponse>>(`/meetings/${detail.id}/votes`, body),
    { done: t('meetingRoom.voteOpened'), onDone: onClose, onError: (e) => errors.fromError(e) },
  );
  return (
    <FormModal
      title={t('meetingRoom.openVote')}
      onClose={onClose}
      onSubmit={() => {
        const parsed = openVoteBody.safeParse({
          subject,
          kind,
          method,
          agendaItemId: detail.currentItemId ?? undefined,
        });
        if (!parsed.success) return errors.fromZod(parsed.error);
        open.mutate(parsed.data);
      }}
      formError={errors.formError}
      formRef={errors.formRef}
      pending={open.isPending}
      submitLabel={t('meetingRoom.openVoteSubmit')}
    >
      <TextInput
        label={t('meetingRoom.subject')}
        value={subject}
        onChange={(e) => setSubject(e.currentTarget.value)}
        required
        error={errors.fieldErrors.subject}
      />
      <NativeSelect
        label={t('meetingRoom.voteKind')}
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value as typeof kind)}
        data={voteKind.options.map((k) => ({ value: k, label: t(`meetingRoom.kind_${k}`) }))}
      />
      <NativeSelect
        label={t('meetingRoom.voteMethod')}
        value={method}
        onChange={(e) => setMethod(e.currentTarget.value as typeof method)}
        data={[
          { value: 'electronic', label: t('meetingRoom.method_electronic') },
          { value: 'show_of_hands', label: t('meetingRoom.method_show_of_hands') },
        ]}
      />
    </FormModal>
  );
}
