// The minutes: general notes and, per agenda item, notes and a conclusion (saved with the version they were based
// on, drafts kept across reloads); adopting them numbers the decision and locks them; the chair and the
// minute-taker sign; after the lock only addenda can be added.
import { Button, Group, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { addendumBody, adoptBody } from '../../../contracts/meetings.ts';
import { api } from '../../api/client.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormErrors } from '../../components/forms.ts';
import { ToneBadge } from '../../components/ToneBadge.tsx';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { DraftEditor } from './DraftEditor.tsx';
import { can, type MeetingDetail, meetingKey, useMeetingWrite } from './queries.ts';
import { Section } from '../../components/Section.tsx';
import { useMessage } from '../../components/message.ts';

export function MinutesTab({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const msg = useMessage();
  const queryClient = useQueryClient();
  const editable = can(detail, 'edit_minutes');
  const refresh = () => queryClient.invalidateQueries({ queryKey: meetingKey(detail.id) });
  const items = [...detail.agenda].sort((a, b) => a.position - b.position);
  const closedVotes = detail.votes.filter((v) => v.status === 'closed' && v.line);

  if (detail.status === 'planned' || detail.status === 'notified' || detail.status === 'cancelled') {
    return <Text c="dimmed">{t('meetingMinutes.notYet')}</Text>;
  }

  return (
    <Stack gap="lg">
      <Decision detail={detail} />
      {closedVotes.length > 0 ? (
        <Section title={t('meetingMinutes.voteLines')}>
          {closedVotes.map((v) => (
            <Text key={v.id}>
              <Text span fw={700} inherit>
                {v.subject}:
              </Text>{' '}
              {msg(v.line)}
            </Text>
          ))}
        </Section>
      ) : null}
      <Section title={t('meetingMinutes.general')}>
        <DraftEditor
          storageKey={`chibo.minutes.${detail.id}.general`}
          fields={[{ name: 'text', label: t('meetingMinutes.generalNotes'), minRows: 3 }]}
          server={{ text: detail.minutesGeneral }}
          version={detail.minutesGeneralVersion}
          editable={editable}
          onConflict={refresh}
          save={async (values, baseVersion) => {
            await api.put(`/meetings/${detail.id}/minutes`, { text: values.text ?? '', baseVersion });
            await refresh();
          }}
        />
      </Section>
      {items.map((item, index) => (
        <Section key={item.id} title={`${index + 1}. ${item.title}`}>
          <DraftEditor
            testId={`minutes-item-${index + 1}`}
            storageKey={`chibo.minutes.${detail.id}.${item.id}`}
            fields={[
              { name: 'notes', label: t('meetingMinutes.notes'), minRows: 4 },
              { name: 'conclusion', label: t('meetingMinutes.conclusion'), minRows: 2 },
            ]}
            server={{ notes: item.notes, conclusion: item.conclusion ?? '' }}
            version={item.notesVersion}
            editable={editable}
            onConflict={refresh}
            save={async (values, baseVersion) => {
              const conclusion = (values.conclusion ?? '').trim();
              await api.put(`/meetings/${detail.id}/agenda/${item.id}`, {
                notes: values.notes ?? '',
                conclusion: conclusion === '' ? null : values.conclusion,
                baseVersion,
              });
              await refresh();
            }}
          />
          {detail.contributions.some((c) => c.agendaItemId === item.id) ? (
            <Stack gap={2}>
              <Text size="sm" fw={700}>
                {t('meetingMinutes.contributions')}
              </Text>
              {detail.contributions
                .filter((c) => c.agendaItemId === item.id)
                .map((c) => (
                  <Text key={c.id} size="sm">
                    {c.speaker}: {c.summary}
                  </Text>
                ))}
            </Stack>
          ) : null}
        </Section>
      ))}
      <Signatures detail={detail} />
      <Addenda detail={detail} />
    </Stack>
  );
}

function Decision({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const [adopting, setAdopting] = useState(false);
  return (
    <Section
      title={t('meetingMinutes.status')}
      aside={
        detail.adoptedAt ? (
          <ToneBadge tone="green" size="lg">
            {t('meetingMinutes.locked')}
          </ToneBadge>
        ) : null
      }
    >
      {detail.decision ? (
        <Stack gap={2}>
          <Title order={3} data-testid="decision-number">
            {t('meeting.decisionNumber', { number: detail.decision.number })}
          </Title>
          <Text>{detail.decision.title}</Text>
          <Text size="sm" c="dimmed">
            {t('meetingMinutes.issuedOn', { date: formatDate(detail.decision.issuedOn) })}
          </Text>
        </Stack>
      ) : null}
      {detail.adoptedAt ? (
        <Text>{t('meetingMinutes.adoptedAt', { at: formatDateTime(detail.adoptedAt) })}</Text>
      ) : (
        <Text c="dimmed">{t('meetingMinutes.draft')}</Text>
      )}
      {can(detail, 'adopt_minutes') ? (
        <Group>
          <Button size="lg" onClick={() => setAdopting(true)}>
            {t('meetingMinutes.adopt')}
          </Button>
        </Group>
      ) : null}
      {adopting ? <AdoptForm detail={detail} onClose={() => setAdopting(false)} /> : null}
    </Section>
  );
}

function AdoptForm({ detail, onClose }: { detail: MeetingDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [decisionType, setType] = useState<'NQ' | 'KL'>('NQ');
  const [decisionTitle, setTitle] = useState('');
  const errors = useFormErrors(['decisionType', 'decisionTitle']);
  const adopt = useMeetingWrite(
    detail.id,
    (body: z.input<typeof adoptBody>) =>
      api.post<{ decisionNumber: string }>(`/meetings/${detail.id}/adopt`, body),
    {
      onDone: (r) => {
        notifications.show({
          color: 'green',
          message: t('meetingMinutes.adopted', { number: r.decisionNumber }),
        });
        onClose();
      },
      onError: (e) => errors.fromError(e),
    },
  );
  return (
    <FormModal
      title={t('meetingMinutes.adopt')}
      onClose={onClose}
      onSubmit={() => {
        const parsed = adoptBody.safeParse({
          decisionType,
          decisionTitle: decisionTitle.trim() || undefined,
        });
        if (!parsed.success) return errors.fromZod(parsed.error);
        adopt.mutate(parsed.data);
      }}
      formError={errors.formError}
      formRef={errors.formRef}
      pending={adopt.isPending}
      submitLabel={t('meetingMinutes.adoptSubmit')}
    >
      <Text>{t('meetingMinutes.adoptHint')}</Text>
      <Radio.Group
        label={t('meetingMinutes.decisionType')}
        value={decisionType}
        onChange={(v) => setType(v as 'NQ' | 'KL')}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="NQ" label={t('meetingMinutes.typeNQ')} />
          <Radio value="KL" label={t('meetingMinutes.typeKL')} />
        </Stack>
      </Radio.Group>
      <TextInput
        label={t('meetingMinutes.decisionTitle')}
        description={t('common.optional')}
        value={decisionTitle}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={errors.fieldErrors.decisionTitle}
      />
    </FormModal>
  );
}

function Signatures({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const sign = useMeetingWrite(
    detail.id,
    (role: 'chair' | 'minute_taker') => api.post(`/meetings/${detail.id}/sign`, { role }),
    { done: t('meetingMinutes.signed') },
  );
  if (!detail.adoptedAt) return null;
  const line = (label: string, name: string | undefined, at: string | null) =>
    `${label}: ${name ?? t('common.none')} — ${
      at ? t('meetingMinutes.signedAt', { at: formatDateTime(at) }) : t('meetingMinutes.notSigned')
    }`;
  return (
    <Section title={t('meetingMinutes.signatures')}>
      <Text>{line(t('meetingPrep.chair'), detail.chair?.name, detail.chairSignedAt)}</Text>
      <Text>{line(t('meetingPrep.minuteTaker'), detail.minuteTaker?.name, detail.minuteTakerSignedAt)}</Text>
      <Group gap="sm">
        {can(detail, 'sign_chair') ? (
          <Button variant="outline" onClick={() => sign.mutate('chair')} loading={sign.isPending}>
            {t('meetingMinutes.signChair')}
          </Button>
        ) : null}
        {can(detail, 'sign_minute_taker') ? (
          <Button variant="outline" onClick={() => sign.mutate('minute_taker')} loading={sign.isPending}>
            {t('meetingMinutes.signMinuteTaker')}
          </Button>
        ) : null}
      </Group>
    </Section>
  );
}

function Addenda({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const errors = useFormErrors(['text']);
  const add = useMeetingWrite(
    detail.id,
    (body: z.input<typeof addendumBody>) => api.post(`/meetings/${detail.id}/addenda`, body),
    {
      done: t('meetingMinutes.addendumSaved'),
      onDone: () => {
        setText('');
        errors.clear();
      },
      onError: (e) => errors.fromError(e),
    },
  );
  if (!detail.adoptedAt) return null;
  return (
    <Section title={t('meetingMinutes.addenda')}>
      {detail.addenda.length === 0 ? <Text c="dimmed">{t('common.none')}</Text> : null}
      {detail.addenda.map((a) => (
        <div key={a.id}>
          <Text size="sm" c="dimmed">
            {formatDateTime(a.createdAt)}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{a.text}</Text>
        </div>
      ))}
      {can(detail, 'add_addendum') ? (
        <form
          ref={errors.formRef}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = addendumBody.safeParse({ text });
            if (!parsed.success) return errors.fromZod(parsed.error);
            add.mutate(parsed.data);
          }}
        >
          <Stack gap="sm">
            <Textarea
              label={t('meetingMinutes.addendum')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
              minRows={2}
              error={errors.fieldErrors.text}
            />
            <Group justify="flex-end">
              <Button type="submit" variant="outline" loading={add.isPending}>
                {t('meetingMinutes.addAddendum')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Section>
  );
}
