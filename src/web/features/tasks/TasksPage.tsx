// The task inbox (/tasks?filter=): tasks given at meetings, by filter (mine, given by me, open, overdue, done), with
// progress reports from the assignee and the review (achieved / not achieved) by those who gave them.
import { Alert, Box, Button, Card, Group, Progress, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { taskView } from '../../../contracts/meetings.ts';
import { AnchorLink } from '../../components/links.tsx';
import { Page } from '../../components/Page.tsx';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { ToneBadge } from '../../components/ToneBadge.tsx';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { type TaskFilter, taskStatusLabel, taskStatusTone, tasksQuery } from './api.ts';

export type Task = z.infer<typeof taskView>;

// The report and review forms (modal dialogs with a file picker) load when one is opened, not with the list.
const ReportForm = lazy(() => import('./TaskForms.tsx').then((m) => ({ default: m.ReportForm })));
const ReviewForm = lazy(() => import('./TaskForms.tsx').then((m) => ({ default: m.ReviewForm })));

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
      <Suspense fallback={null}>
        {dialog?.kind === 'report' ? <ReportForm task={dialog.task} onClose={close} /> : null}
        {dialog?.kind === 'review' ? <ReviewForm task={dialog.task} onClose={close} /> : null}
      </Suspense>
    </>
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
