// Tasks given by the meeting (title, assignee, deadline, expected result), and the review of last month's
// resolution: each task due marked achieved or not, with the share achieved.
import { Button, Group, Paper, Select, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { createdResponse } from '../../../contracts/common.ts';
import { createTaskBody } from '../../../contracts/meetings.ts';
import { api } from '../../api/client.ts';
import { organizationQuery } from '../../api/queries.ts';
import { DateField } from '../../components/DateField.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormErrors } from '../../components/forms.ts';
import { type Tone, ToneBadge } from '../../components/ToneBadge.tsx';
import { formatDate } from '../../lib/dates.ts';
import { can, type MeetingDetail, type TaskView, useMeetingWrite } from '../meetings/queries.ts';
import { Section } from '../../components/Section.tsx';

const statusTone: Record<TaskView['status'], Tone> = {
  open: 'blue',
  done: 'green',
  not_done: 'red',
  cancelled: 'gray',
};

function TaskLine({ task, children }: { task: TaskView; children?: React.ReactNode }) {
  const { t } = useTranslation();
  const facts = [
    t('meetingRoom.taskAssignee', { name: task.assignee }),
    task.deadline ? t('meetingRoom.taskDeadline', { date: formatDate(task.deadline) }) : null,
    task.expectedResult ? t('meetingRoom.taskExpected', { text: task.expectedResult }) : null,
  ].filter(Boolean);
  return (
    <Paper withBorder p="sm" radius="md" data-testid="task">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text fw={700} style={{ minWidth: 0 }}>
          {task.title}
        </Text>
        <ToneBadge tone={statusTone[task.status]}>
          {task.overdue && task.status === 'open'
            ? t('meetingRoom.taskOverdue')
            : t(`meetingRoom.task_${task.status}`)}
        </ToneBadge>
      </Group>
      <Text size="sm" c="dimmed">
        {facts.join(' · ')}
      </Text>
      {task.resultNote ? <Text size="sm">{task.resultNote}</Text> : null}
      {children}
    </Paper>
  );
}

export function Tasks({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const assigns = can(detail, 'add_task');
  if (!assigns && detail.tasks.length === 0) return null;
  return (
    <Section
      title={t('meetingRoom.tasks')}
      aside={
        assigns ? (
          <Button variant="outline" onClick={() => setAdding(true)}>
            {t('meetingRoom.addTask')}
          </Button>
        ) : null
      }
    >
      {detail.tasks.length === 0 ? <Text c="dimmed">{t('meetingRoom.noTasks')}</Text> : null}
      {detail.tasks.map((task) => (
        <TaskLine key={task.id} task={task} />
      ))}
      {adding ? <TaskForm detail={detail} onClose={() => setAdding(false)} /> : null}
    </Section>
  );
}

function TaskForm({ detail, onClose }: { detail: MeetingDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [assignee, setAssignee] = useState<string | null>(null);
  const [deadline, setDeadline] = useState('');
  const [expected, setExpected] = useState('');
  const errors = useFormErrors([
    'title',
    'assigneeMemberId',
    'assigneeGroupId',
    'deadline',
    'expectedResult',
  ]);
  // A task goes to a member on the roll or to one of the cell's party groups (value 'group:<id>').
  const org = useQuery(organizationQuery(detail.organization.id));
  const groups = (org.data?.children ?? []).filter((c) => c.kind === 'party_group' && c.validTo === null);
  const assigneeOptions = [
    {
      group: t('meetingRoom.taskAssigneeMembers'),
      items: detail.attendance.map((r) => ({ value: r.memberId, label: r.name })),
    },
    ...(groups.length
      ? [
          {
            group: t('meetingRoom.taskAssigneeGroups'),
            items: groups.map((g) => ({ value: `group:${g.id}`, label: g.name })),
          },
        ]
      : []),
  ];
  const save = useMeetingWrite(
    detail.id,
    (body: z.input<typeof createTaskBody>) =>
      api.post<z.infer<typeof createdResponse>>(`/meetings/${detail.id}/tasks`, body),
    { done: t('meetingRoom.taskSaved'), onDone: onClose, onError: (e) => errors.fromError(e) },
  );
  return (
    <FormModal
      title={t('meetingRoom.addTask')}
      onClose={onClose}
      onSubmit={() => {
        const parsed = createTaskBody.safeParse({
          title,
          assigneeMemberId: assignee && !assignee.startsWith('group:') ? assignee : undefined,
          assigneeGroupId: assignee?.startsWith('group:') ? assignee.slice(6) : undefined,
          deadline: deadline || undefined,
          expectedResult: expected.trim() || undefined,
        });
        if (!parsed.success) return errors.fromZod(parsed.error);
        save.mutate(parsed.data);
      }}
      formError={errors.formError}
      formRef={errors.formRef}
      pending={save.isPending}
      submitLabel={t('meetingRoom.addTask')}
    >
      <TextInput
        label={t('meetingRoom.taskTitle')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        required
        error={errors.fieldErrors.title}
      />
      <Select
        label={t('meetingRoom.taskAssigneeLabel')}
        data={assigneeOptions}
        value={assignee}
        onChange={setAssignee}
        searchable
        required
        nothingFoundMessage={t('memberSelect.none')}
        error={errors.fieldErrors.assigneeMemberId ?? errors.fieldErrors.assigneeGroupId}
      />
      <DateField
        label={t('meetingRoom.taskDeadlineLabel')}
        value={deadline}
        onChange={setDeadline}
        error={errors.fieldErrors.deadline}
      />
      <Textarea
        label={t('meetingRoom.taskExpectedLabel')}
        value={expected}
        onChange={(e) => setExpected(e.currentTarget.value)}
        autosize
        minRows={2}
        error={errors.fieldErrors.expectedResult}
      />
    </FormModal>
  );
}

export function PreviousTasks({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const review = useMeetingWrite(
    detail.id,
    ({ id, status }: { id: string; status: 'done' | 'not_done' }) =>
      api.post(`/tasks/${id}/review`, { status }),
    { done: t('meetingRoom.reviewSaved') },
  );
  const a = detail.previousAchievement;
  if (detail.previousTasks.length === 0 && a.due === 0) return null;
  return (
    <Section
      title={t('meetingRoom.previousTasks')}
      aside={
        <Text fw={600} data-testid="previous-share">
          {t('meetingRoom.achieved', {
            achieved: a.achieved,
            due: a.due,
            percent: a.share === null ? '—' : Math.round(a.share * 100),
          })}
        </Text>
      }
    >
      {a.decisionNumber ? (
        <Text c="dimmed">{t('meetingRoom.previousDecision', { number: a.decisionNumber })}</Text>
      ) : null}
      {detail.previousTasks.map((task) => (
        <TaskLine key={task.id} task={task}>
          {task.actions.includes('review') ? (
            <Group gap="xs" mt="xs">
              <Button
                size="compact-md"
                color="green.8"
                variant={task.status === 'done' ? 'filled' : 'outline'}
                aria-pressed={task.status === 'done'}
                aria-label={`${t('meetingRoom.achievedYes')}: ${task.title}`}
                onClick={() => review.mutate({ id: task.id, status: 'done' })}
              >
                {t('meetingRoom.achievedYes')}
              </Button>
              <Button
                size="compact-md"
                color="partyRed.8"
                variant={task.status === 'not_done' ? 'filled' : 'outline'}
                aria-pressed={task.status === 'not_done'}
                aria-label={`${t('meetingRoom.achievedNo')}: ${task.title}`}
                onClick={() => review.mutate({ id: task.id, status: 'not_done' })}
              >
                {t('meetingRoom.achievedNo')}
              </Button>
            </Group>
          ) : null}
        </TaskLine>
      ))}
    </Section>
  );
}
