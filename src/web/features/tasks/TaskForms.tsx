// A task's progress report (by its assignee, with an optional file) and its review (by whoever gave it): modal
// forms of the task inbox (./TasksPage.tsx), a chunk of their own loaded when one opens.
import { Box, FileInput, NumberInput, SegmentedControl, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { reviewTaskBody, taskReportBody } from '../../../contracts/meetings.ts';
import { api } from '../../api/client.ts';
import { useFormWrite } from '../../components/forms.ts';
import { FormModal } from '../../components/FormModal.tsx';
import type { Task } from './TasksPage.tsx';

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

export function ReportForm({ task, onClose }: { task: Task; onClose: () => void }) {
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

export function ReviewForm({ task, onClose }: { task: Task; onClose: () => void }) {
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
