// The agenda in the live room: the current item highlighted, moving on and marking items done, the contributions
// to each item (by a present member or a guest) with the share of attendees who spoke, and the guests.
import { Badge, Button, Group, Paper, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { createdResponse } from '../../../contracts/common.ts';
import { contributionBody, guestBody } from '../../../contracts/meetings.ts';
import { api } from '../../api/client.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormErrors } from '../../components/forms.ts';
import { type AgendaItem, can, type MeetingDetail, useMeetingWrite } from '../meetings/queries.ts';
import { Section } from '../../components/Section.tsx';

export function AgendaRoom({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const leads = can(detail, 'set_current_item');
  const records = can(detail, 'record_contribution');
  const [contributingTo, setContributingTo] = useState<AgendaItem | null>(null);
  const move = useMeetingWrite(detail.id, (body: { agendaItemId: string | null; markDone: boolean }) =>
    api.post(`/meetings/${detail.id}/current-item`, body),
  );
  const items = [...detail.agenda].sort((a, b) => a.position - b.position);
  const share =
    detail.speakersShare === null
      ? null
      : t('meetingRoom.speakersShare', { percent: Math.round(detail.speakersShare * 100) });
  return (
    <Section title={t('meetingRoom.agenda')} aside={share ? <Text c="dimmed">{share}</Text> : null}>
      <Stack gap="sm" component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.map((item, index) => {
          const current = detail.currentItemId === item.id;
          const next = items.slice(index + 1).find((i) => !i.doneAt) ?? null;
          const said = detail.contributions.filter((c) => c.agendaItemId === item.id);
          return (
            <li key={item.id} aria-current={current ? 'step' : undefined}>
              <Paper
                withBorder
                p="sm"
                radius="md"
                bg={current ? 'partyRed.0' : undefined}
                style={
                  current ? { borderColor: 'var(--mantine-color-partyRed-7)', borderWidth: 2 } : undefined
                }
              >
                <Group justify="space-between" gap="xs" wrap="wrap">
                  <Group gap={6} wrap="wrap" style={{ minWidth: 0 }}>
                    <Text fw={current ? 800 : 600}>
                      {index + 1}. {item.title}
                    </Text>
                    {current ? <Badge color="partyRed.7">{t('meetingRoom.currentItem')}</Badge> : null}
                    {item.doneAt ? (
                      <Badge color="green.8" variant="light" c="green.9">
                        {t('meetingRoom.itemDone')}
                      </Badge>
                    ) : null}
                  </Group>
                  {leads || records ? (
                    <Group gap={6} wrap="wrap">
                      {!leads ? null : !current ? (
                        <Button
                          size="compact-md"
                          variant="outline"
                          onClick={() => move.mutate({ agendaItemId: item.id, markDone: false })}
                        >
                          {t('meetingRoom.goTo')}
                        </Button>
                      ) : (
                        <Button
                          size="compact-md"
                          onClick={() => move.mutate({ agendaItemId: next?.id ?? null, markDone: true })}
                        >
                          {next ? t('meetingRoom.doneAndNext') : t('meetingRoom.markDone')}
                        </Button>
                      )}
                      {records ? (
                        <Button size="compact-md" variant="subtle" onClick={() => setContributingTo(item)}>
                          {t('meetingRoom.addContribution')}
                        </Button>
                      ) : null}
                    </Group>
                  ) : null}
                </Group>
                {said.length > 0 ? (
                  <Stack gap={4} mt={6} component="ul" style={{ margin: 0, paddingLeft: 18 }}>
                    {said.map((c) => (
                      <li key={c.id}>
                        <Text size="sm">
                          <Text span fw={700} inherit>
                            {c.speaker}:
                          </Text>{' '}
                          {c.summary}
                        </Text>
                      </li>
                    ))}
                  </Stack>
                ) : null}
              </Paper>
            </li>
          );
        })}
      </Stack>
      <Guests detail={detail} />
      {contributingTo ? (
        <ContributionForm detail={detail} item={contributingTo} onClose={() => setContributingTo(null)} />
      ) : null}
    </Section>
  );
}

function ContributionForm({
  detail,
  item,
  onClose,
}: {
  detail: MeetingDetail;
  item: AgendaItem;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [speaker, setSpeaker] = useState<string | null>(null);
  const [summary, setSummary] = useState('');
  const errors = useFormErrors(['memberId', 'summary']);
  const save = useMeetingWrite(
    detail.id,
    (body: z.input<typeof contributionBody>) =>
      api.post<z.infer<typeof createdResponse>>(`/meetings/${detail.id}/contributions`, body),
    { done: t('meetingRoom.contributionSaved'), onDone: onClose, onError: (e) => errors.fromError(e) },
  );
  const present = detail.attendance
    .filter((r) => r.status === 'present')
    .map((r) => ({ value: `m:${r.memberId}`, label: r.name }));
  const guests = detail.guests.map((g) => ({
    value: `g:${g.name}`,
    label: `${g.name} (${t('meetingRoom.guest')})`,
  }));
  return (
    <FormModal
      title={t('meetingRoom.contributionTitle', { item: item.title })}
      onClose={onClose}
      onSubmit={() => {
        const body = {
          agendaItemId: item.id,
          memberId: speaker?.startsWith('m:') ? speaker.slice(2) : undefined,
          guestName: speaker?.startsWith('g:') ? speaker.slice(2) : undefined,
          summary,
        };
        const parsed = contributionBody.safeParse(body);
        if (!parsed.success) return errors.fromZod(parsed.error);
        save.mutate(parsed.data);
      }}
      formError={errors.formError}
      formRef={errors.formRef}
      pending={save.isPending}
    >
      <Select
        label={t('meetingRoom.speaker')}
        data={[...present, ...guests]}
        value={speaker}
        onChange={setSpeaker}
        searchable
        required
        error={errors.fieldErrors.memberId}
        nothingFoundMessage={t('memberSelect.none')}
      />
      <Textarea
        label={t('meetingRoom.summary')}
        value={summary}
        onChange={(e) => setSummary(e.currentTarget.value)}
        autosize
        minRows={3}
        required
        error={errors.fieldErrors.summary}
      />
    </FormModal>
  );
}

function Guests({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const errors = useFormErrors(['name', 'title']);
  const add = useMeetingWrite(
    detail.id,
    (body: z.input<typeof guestBody>) => api.post(`/meetings/${detail.id}/guests`, body),
    {
      onDone: () => {
        setName('');
        setTitle('');
        errors.clear();
      },
      onError: (e) => errors.fromError(e),
    },
  );
  const adds = can(detail, 'add_guest');
  if (!adds && detail.guests.length === 0) return null;
  return (
    <Stack gap="xs">
      <Text fw={700}>{t('meetingRoom.guests')}</Text>
      {detail.guests.length === 0 ? (
        <Text c="dimmed">{t('common.none')}</Text>
      ) : (
        <Stack gap={2} component="ul" style={{ margin: 0, paddingLeft: 18 }}>
          {detail.guests.map((g) => (
            <li key={g.id}>
              <Text>
                {g.name}
                {g.title ? ` — ${g.title}` : ''}
              </Text>
            </li>
          ))}
        </Stack>
      )}
      {adds ? (
        <form
          noValidate
          ref={errors.formRef}
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = guestBody.safeParse({ name, title });
            if (!parsed.success) return errors.fromZod(parsed.error);
            add.mutate(parsed.data);
          }}
        >
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput
              label={t('meetingRoom.guestName')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.fieldErrors.name}
              style={{ flex: '1 1 160px' }}
            />
            <TextInput
              label={t('meetingRoom.guestTitle')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              style={{ flex: '1 1 160px' }}
            />
            <Button type="submit" variant="outline" loading={add.isPending}>
              {t('meetingRoom.addGuest')}
            </Button>
          </Group>
        </form>
      ) : null}
    </Stack>
  );
}
