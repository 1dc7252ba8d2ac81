// The year's twelve months: the planned day of each (moved off the 3rd when that is a day off), the meetings created
// for the month with their status, and for those who manage the cell the buttons to plan the year and add a meeting.
import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { createdResponse } from '../../../contracts/common.ts';
import { createMeetingBody, meetingKinds, type meetingYearResponse } from '../../../contracts/meetings.ts';
import type { topicView } from '../../../contracts/plan.ts';
import { api } from '../../api/client.ts';
import { AnchorLink } from '../../components/links.tsx';
import { DateField } from '../../components/DateField.tsx';
import { useFormWrite } from '../../components/forms.ts';
import { useErrorMessage } from '../../components/QueryState.tsx';
import { ToneBadge } from '../../components/ToneBadge.tsx';
import { formatDate } from '../../lib/dates.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { meetingKindLabel } from '../../components/labels.ts';
import { type MeetingKind, meetingStatusLabel, meetingStatusTone } from './api.ts';
import { useMessage } from '../../components/message.ts';

type YearPlan = z.infer<typeof meetingYearResponse>;
type Topic = z.infer<typeof topicView>;

const mm = (month: number) => String(month).padStart(2, '0');

export function MeetingCalendar({ plan, topics }: { plan: YearPlan; topics: Topic[] }) {
  const { t } = useTranslation();
  const msg = useMessage();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [adding, setAdding] = useState<number | null>(null);
  const generate = useMutation({
    mutationFn: () =>
      api.post<{ created: number }>(`/organizations/${plan.organization.id}/meeting-plan`, {
        year: plan.year,
      }),
    onSuccess: async ({ created }) => {
      await queryClient.invalidateQueries({ queryKey: ['meeting-year'] });
      notifications.show({
        color: 'green',
        message: created > 0 ? t('plan.generated', { count: created }) : t('plan.generatedNone'),
      });
    },
    onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
  });

  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  return (
    <Stack gap="sm" component="section" aria-labelledby="calendar-heading">
      <Title order={2} id="calendar-heading">
        {t('plan.calendar', { year: plan.year })}
      </Title>
      {plan.actions.includes('plan_meetings') ? (
        <Group gap="sm">
          <Button onClick={() => generate.mutate()} loading={generate.isPending}>
            {t('plan.generate')}
          </Button>
          <Button variant="outline" onClick={() => setAdding(0)}>
            {t('plan.addMeeting')}
          </Button>
        </Group>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" component="ul" m={0} p={0}>
        {months.map((month) => {
          const planned = plan.calendar.find((c) => c.month === month);
          const forMonth = `${plan.year}-${mm(month)}`;
          const meetings = plan.meetings
            .filter((m) => m.forMonth === forMonth)
            .sort((a, b) => a.plannedDate.localeCompare(b.plannedDate));
          const notApplicable = plan.notApplicableMonths.includes(forMonth);
          return (
            <Paper
              key={month}
              withBorder
              radius="md"
              p="sm"
              component="li"
              style={{ listStyle: 'none' }}
              aria-labelledby={`month-${month}`}
            >
              <Stack gap={6}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Title order={3} size="h4" id={`month-${month}`}>
                    {t('plan.month', { month })}
                  </Title>
                  {plan.actions.includes('plan_meetings') ? (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      onClick={() => setAdding(month)}
                      aria-label={`${t('plan.addMeeting')} – ${t('plan.month', { month })}`}
                    >
                      +
                    </Button>
                  ) : null}
                </Group>
                {notApplicable ? (
                  <div>
                    <ToneBadge tone="gray">{t('plan.notApplicable')}</ToneBadge>
                    <Text size="sm" c="dimmed" mt={2}>
                      {t('plan.notApplicableMonth')}
                    </Text>
                  </div>
                ) : planned ? (
                  <div>
                    <Text size="sm">{t('plan.plannedOn', { date: formatDate(planned.date) })}</Text>
                    {planned.reason === 'day_off' ? (
                      <Group gap={6} mt={2} wrap="wrap">
                        <ToneBadge tone="orange">{t('plan.dayOff')}</ToneBadge>
                        <Text size="sm" c="dimmed">
                          {planned.reasonText ? msg(planned.reasonText) : t('plan.dayOffMoved')}
                        </Text>
                      </Group>
                    ) : null}
                  </div>
                ) : null}
                {meetings.length === 0 ? (
                  notApplicable ? null : (
                    <Text size="sm" c="dimmed">
                      {t('plan.noMeeting')}
                    </Text>
                  )
                ) : (
                  meetings.map((m) => (
                    <Paper key={m.id} bg="gray.0" p={8} radius="sm">
                      <Group gap={6} justify="space-between" wrap="wrap">
                        <Text fw={600} size="sm">
                          {meetingKindLabel(t, m.kind)}
                        </Text>
                        <ToneBadge tone={meetingStatusTone[m.status]}>
                          {meetingStatusLabel(t, m.status)}
                        </ToneBadge>
                      </Group>
                      <Text size="sm">
                        {m.plannedTime} · {formatDate(m.plannedDate)}
                        {m.location ? ` · ${m.location}` : ''}
                      </Text>
                      {m.dateReason ? (
                        <Text size="sm" c="dimmed">
                          {m.dateReason}
                        </Text>
                      ) : null}
                      {m.decisionNumber ? <Text size="sm">{m.decisionNumber}</Text> : null}
                      <AnchorLink to="/meetings/$id" params={{ id: m.id }} size="sm" fw={600}>
                        {t('plan.openMeeting')}
                      </AnchorLink>
                    </Paper>
                  ))
                )}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
      {adding !== null ? (
        <AddMeetingForm plan={plan} topics={topics} month={adding} onClose={() => setAdding(null)} />
      ) : null}
    </Stack>
  );
}

type CreateBody = z.input<typeof createMeetingBody>;
const thematicKinds: MeetingKind[] = ['thematic', 'regular_thematic'];

function AddMeetingForm({
  plan,
  topics,
  month: initialMonth,
  onClose,
}: {
  plan: YearPlan;
  topics: Topic[];
  /** 0: not chosen (the current month of the year, or January). */
  month: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const thisMonth = new Date().getFullYear() === plan.year ? new Date().getMonth() + 1 : 1;
  const plannedFor = (m: number) => plan.calendar.find((c) => c.month === m)?.date ?? '';
  const [kind, setKind] = useState<MeetingKind>('regular');
  const [month, setMonth] = useState(initialMonth || thisMonth);
  const [plannedDate, setPlannedDate] = useState(plannedFor(initialMonth || thisMonth));
  const [plannedTime, setPlannedTime] = useState('07:30');
  const [location, setLocation] = useState('');
  const [dateReason, setDateReason] = useState('');
  const [topicId, setTopicId] = useState('');
  const [combined, setCombined] = useState(false);
  const fields = [
    'kind',
    'forMonth',
    'plannedDate',
    'plannedTime',
    'location',
    'dateReason',
    'thematicTopicId',
    'combinedWithOther',
  ] as const;
  const { errors, mutation, send } = useFormWrite({
    fields: fields,
    write: (body: CreateBody) =>
      api.post<z.infer<typeof createdResponse>>(`/organizations/${plan.organization.id}/meetings`, body),
    refresh: [['meeting-year']],
    done: t('plan.added'),
    onDone: onClose,
  });
  const isThematic = thematicKinds.includes(kind);
  const offCalendar = plannedDate !== '' && plannedDate !== plannedFor(month);
  const submit = () => {
    const body: CreateBody = {
      kind,
      forMonth: `${plan.year}-${mm(month)}`,
      plannedDate,
      plannedTime: plannedTime.trim(),
      location: location.trim(),
      dateReason: dateReason.trim() || undefined,
      thematicTopicId: isThematic && topicId ? topicId : undefined,
      combinedWithOther: combined,
    };
    send(createMeetingBody, body);
  };
  return (
    <FormModal
      title={t('plan.addMeeting')}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      submitLabel={t('plan.addMeeting')}
      pending={mutation.isPending}
      formRef={errors.formRef}
    >
      <NativeSelect
        label={t('plan.kind')}
        required
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value as MeetingKind)}
        error={errors.fieldErrors.kind}
        data={meetingKinds.map((k) => ({ value: k, label: meetingKindLabel(t, k) }))}
      />
      <NativeSelect
        label={t('plan.forMonth')}
        required
        value={String(month)}
        onChange={(e) => {
          const next = Number(e.currentTarget.value);
          // Follow the calendar's day for the new month unless the date was typed off it.
          if (plannedDate === plannedFor(month) || plannedDate === '') setPlannedDate(plannedFor(next));
          setMonth(next);
        }}
        error={errors.fieldErrors.forMonth}
        data={Array.from({ length: 12 }, (_, i) => ({
          value: String(i + 1),
          label: `${t('plan.month', { month: i + 1 })}/${plan.year}`,
        }))}
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <DateField
          label={t('plan.date')}
          required
          value={plannedDate}
          onChange={setPlannedDate}
          error={errors.fieldErrors.plannedDate}
        />
        <TextInput
          label={t('plan.time')}
          required
          description={t('plan.timeHint')}
          inputMode="numeric"
          value={plannedTime}
          onChange={(e) => setPlannedTime(e.currentTarget.value)}
          error={errors.fieldErrors.plannedTime}
        />
      </SimpleGrid>
      <TextInput
        label={t('plan.location')}
        value={location}
        onChange={(e) => setLocation(e.currentTarget.value)}
        error={errors.fieldErrors.location}
      />
      <Textarea
        label={t('plan.dateReason')}
        description={t('plan.dateReasonHint')}
        withAsterisk={offCalendar || kind === 'extraordinary'}
        autosize
        minRows={2}
        value={dateReason}
        onChange={(e) => setDateReason(e.currentTarget.value)}
        error={errors.fieldErrors.dateReason}
      />
      {isThematic ? (
        <NativeSelect
          label={t('plan.topic')}
          value={topicId}
          onChange={(e) => setTopicId(e.currentTarget.value)}
          error={errors.fieldErrors.thematicTopicId}
          data={[
            { value: '', label: t('plan.chooseTopic') },
            ...topics.map((tp) => ({
              value: tp.id,
              label: `${t('planTopic.quarter', { quarter: tp.quarter })}: ${tp.title}`,
            })),
          ]}
        />
      ) : null}
      {isThematic ? (
        <Checkbox
          label={t('plan.combined')}
          checked={combined}
          onChange={(e) => setCombined(e.currentTarget.checked)}
          error={errors.fieldErrors.combinedWithOther}
        />
      ) : null}
    </FormModal>
  );
}
