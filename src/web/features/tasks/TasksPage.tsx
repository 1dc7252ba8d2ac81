// The task inbox (/tasks?filter=): tasks given at meetings, by filter (mine, given by me, open, overdue, done), with
// progress reports from the assignee and the review (achieved / not achieved) by those who gave them.
import {
  Alert,
  Box,
  Card,
  FileInput,
  Group,
  NumberInput,
  Progress,
  SegmentedControl,
  Stack,
  Tabs,
  Text,
  Textarea,
  Title,
  Button,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { reviewTaskBody, taskReportBody, type taskView } from '../../../contracts/meetings.ts';
import { api } from '../../api/client.ts';
import { AnchorLink } from '../../components/links.tsx';
import { useFormWrite } from '../../components/forms.ts';
import { Page } from '../../components/Page.tsx';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { ToneBadge } from '../../components/ToneBadge.tsx';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { type TaskFilter, taskStatusLabel, taskStatusTone, tasksQuery } from './api.ts';

type Task = z.infer<typeof taskView>;

export const taskFilters: TaskFilter[] = ['mine', 'created', 'open', 'overdue', 'done'];

type Dialog = { kind: 'report'; task: Task } | { kind: 'review'; task: Task } | null;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" miw={120} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }} component="div">
        {children}
      </Text>
    </Group>
  );
}

function TaskCard({ task, onDialog }: { task: Task; onDialog: (d: Dialog) => void }) {
  const { t } = useTranslation();
  const lastProgress = [...task.reports].reverse().find((r) => r.progress !== null)?.progress ?? null;
  return (
    <Card withBorder radius="md" padding="md" component="li" aria-labelledby={`task-${task.id}`}>
      <Stack gap={6}>
        <Title order={2} size="h4" id={`task-${task.id}`} style={{ overflowWrap: 'anywhere' }}>
          {task.title}
        </Title>
        <Group gap={6} wrap="wrap">
          <ToneBadge tone={taskStatusTone[task.status]}>{taskStatusLabel(t, task.status)}</ToneBadge>
          {task.overdue ? <ToneBadge tone="red">{t('taskInbox.overdue')}</ToneBadge> : null}
        </Group>
        <Row label={t('taskInbox.organization')}>{task.organizationName}</Row>
        <Row label={t('taskInbox.deadline')}>
          {task.deadline ? (
            <Text span inherit c={task.overdue ? 'red.8' : undefined} fw={task.overdue ? 700 : undefined}>
              {formatDate(task.deadline)}
            </Text>
          ) : (
            t('taskInbox.noDeadline')
          )}
        </Row>
        <Row label={t('taskInbox.assignee')}>{task.assignee}</Row>
        {task.expectedResult ? <Row label={t('taskInbox.expected')}>{task.expectedResult}</Row> : null}
        {task.resultNote || task.completedOn ? (
          <Row label={t('taskInbox.result')}>
            {task.resultNote}
            {task.completedOn ? (
              <Text size="sm" c="dimmed">
                {t('taskInbox.completedOn', { date: formatDate(task.completedOn) })}
              </Text>
            ) : null}
          </Row>
        ) : null}
        {lastProgress !== null ? (
          <Box>
            <Group justify="space-between" gap="xs">
              <Text size="sm" c="dimmed">
                {t('taskInbox.progress')}
              </Text>
              <Text size="sm" fw={600}>
                {t('taskInbox.progressValue', { value: lastProgress })}
              </Text>
            </Group>
            <Progress value={lastProgress} aria-label={t('taskInbox.progress')} mt={2} />
          </Box>
        ) : null}
        <Box>
          <Text size="sm" c="dimmed">
            {t('taskInbox.reports')}
          </Text>
          {task.reports.length === 0 ? (
            <Text size="sm">{t('taskInbox.noReports')}</Text>
          ) : (
            <Stack gap={4} component="ul" m={0} pl="md">
              {task.reports.map((r) => (
                <Text component="li" size="sm" key={r.id} style={{ overflowWrap: 'anywhere' }}>
                  <Text span fw={600} inherit>
                    {r.author}
                  </Text>{' '}
                  ({formatDateTime(r.createdAt)}
                  {r.progress !== null
                    ? `, ${t('taskInbox.progressValue', { value: r.progress })}`
                    : ''}): {r.note}
                  {r.fileName ? (
                    <>
                      {' · '}
                      <a href={`/api/task-reports/${r.id}/file`}>{r.fileName}</a>
                    </>
                  ) : null}
                </Text>
              ))}
            </Stack>
          )}
        </Box>
        <Group gap="sm" mt={4}>
          {task.actions.includes('report') ? (
            <Button
              variant="light"
              onClick={() => onDialog({ kind: 'report', task })}
              aria-label={`${t('taskInbox.report')}: ${task.title}`}
            >
              {t('taskInbox.report')}
            </Button>
          ) : null}
          {task.actions.includes('review') ? (
            <Button
              variant="outline"
              onClick={() => onDialog({ kind: 'review', task })}
              aria-label={`${t('taskInbox.review')}: ${task.title}`}
            >
              {t('taskInbox.review')}
            </Button>
          ) : null}
          {task.meetingId ? (
            <AnchorLink to="/meetings/$id" params={{ id: task.meetingId }} size="sm">
              {t('taskInbox.fromMeeting')}
            </AnchorLink>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}

function TaskList({ filter }: { filter: TaskFilter }) {
  const { t } = useTranslation();
  const query = useQuery(tasksQuery(filter));
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <>
      {query.data.items.length === 0 ? (
        <Alert color="gray">{t('taskInbox.empty')}</Alert>
      ) : (
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {query.data.items.map((task) => (
            <TaskCard key={task.id} task={task} onDialog={setDialog} />
          ))}
        </Stack>
      )}
      {dialog?.kind === 'report' ? <ReportForm task={dialog.task} onClose={close} /> : null}
      {dialog?.kind === 'review' ? <ReviewForm task={dialog.task} onClose={close} /> : null}
    </>
  );
}

/** Posts a task write, refreshes every task list (and the meetings that show tasks), and closes. */
function useTaskWrite<B>(
  post: (body: B) => Promise<unknown>,
  done: string,
  onClose: () => void,
  fields: string[],
) {
  return useFormWrite({ fields, write: post, refresh: [['tasks'], ['meeting']], done, onDone: onClose });
}

type ReportBody = z.input<typeof taskReportBody>;

function ReportForm({ task, onClose }: { task: Task; onClose: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [progress, setProgress] = useState<number | string>('');
  const [file, setFile] = useState<File | null>(null);
  const { errors, mutation } = useTaskWrite<ReportBody>(
    (body) => {
      if (!file) return api.post(`/tasks/${task.id}/reports`, body);
      // With a file: the same fields as a multipart form.
      const form = new FormData();
      form.set('note', body.note);
      if (body.progress !== undefined) form.set('progress', String(body.progress));
      form.set('file', file);
      return api.upload(`/tasks/${task.id}/reports/upload`, form);
    },
    t('taskInbox.reportSent'),
    onClose,
    ['note', 'progress', 'file'],
  );
  const submit = () => {
    const body: ReportBody = { note, progress: typeof progress === 'number' ? progress : undefined };
    const parsed = taskReportBody.safeParse(body);
    if (!parsed.success) return errors.fromZod(parsed.error);
    errors.clear();
    mutation.mutate(parsed.data);
  };
  return (
    <FormModal
      title={t('taskInbox.reportTitle', { title: task.title })}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      submitLabel={t('taskInbox.report')}
      pending={mutation.isPending}
      formRef={errors.formRef}
    >
      <Textarea
        label={t('taskInbox.reportNote')}
        required
        autosize
        minRows={3}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors.fieldErrors.note}
      />
      <NumberInput
        label={`${t('taskInbox.progress')} (%)`}
        min={0}
        max={100}
        step={10}
        clampBehavior="strict"
        allowDecimal={false}
        value={progress}
        onChange={setProgress}
        error={errors.fieldErrors.progress}
        maw={200}
      />
      <FileInput
        label={t('taskInbox.reportFile')}
        description={t('taskInbox.reportFileHint')}
        accept="application/pdf,.pdf,.docx,.doc,image/png,image/jpeg,image/webp"
        clearable
        value={file}
        onChange={setFile}
        error={errors.fieldErrors.file}
      />
    </FormModal>
  );
}

type ReviewBody = z.input<typeof reviewTaskBody>;

function ReviewForm({ task, onClose }: { task: Task; onClose: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ReviewBody['status']>('done');
  const [resultNote, setResultNote] = useState(task.resultNote ?? '');
  const { errors, mutation } = useTaskWrite<ReviewBody>(
    (body) => api.post(`/tasks/${task.id}/review`, body),
    t('taskInbox.reviewSent'),
    onClose,
    ['status', 'resultNote'],
  );
  const submit = () => {
    const body: ReviewBody = { status, resultNote: resultNote.trim() || undefined };
    const parsed = reviewTaskBody.safeParse(body);
    if (!parsed.success) return errors.fromZod(parsed.error);
    errors.clear();
    mutation.mutate(parsed.data);
  };
  return (
    <FormModal
      title={t('taskInbox.reviewTitle', { title: task.title })}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      submitLabel={t('taskInbox.review')}
      pending={mutation.isPending}
      formRef={errors.formRef}
    >
      <Box role="group" aria-label={t('taskInbox.outcome')}>
        <Text size="sm" fw={500} mb={4}>
          {t('taskInbox.outcome')}
        </Text>
        <SegmentedControl
          value={status}
          onChange={(v) => setStatus(v as ReviewBody['status'])}
          data={[
            { value: 'done', label: t('taskInbox.status_done') },
            { value: 'not_done', label: t('taskInbox.status_not_done') },
            { value: 'cancelled', label: t('taskInbox.status_cancelled') },
          ]}
        />
        {errors.fieldErrors.status ? (
          <Text c="red.8" size="sm" role="alert">
            {errors.fieldErrors.status}
          </Text>
        ) : null}
      </Box>
      <Textarea
        label={t('taskInbox.resultNote')}
        autosize
        minRows={3}
        value={resultNote}
        onChange={(e) => setResultNote(e.currentTarget.value)}
        error={errors.fieldErrors.resultNote}
      />
    </FormModal>
  );
}

export function TasksPage() {
  const { t } = useTranslation();
  const { filter } = useSearch({ from: '/app/tasks' });
  const navigate = useNavigate();
  const current: TaskFilter = filter ?? 'mine';
  return (
    <Page title={t('taskInbox.title')}>
      <Tabs
        value={current}
        onChange={(v) => v && void navigate({ to: '/tasks', search: { filter: v as TaskFilter } })}
        keepMounted={false}
      >
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          {taskFilters.map((f) => (
            <Tabs.Tab key={f} value={f} fz="md">
              {t(`taskInbox.filter_${f}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {taskFilters.map((f) => (
          <Tabs.Panel key={f} value={f} pt="md">
            {f === current ? <TaskList filter={f} /> : null}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Page>
  );
}
