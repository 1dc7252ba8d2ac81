// The scoring framework of an organisation: the one governing today and those known; for upper committees the form
// that puts one in force for the subtree from a date and "Chấm lại theo khung mới" with its progress; for the
// organisation board and administrators loading a framework file (JSON), with every schema error and its path.
import type { z } from 'zod';
import {
  Alert,
  Button,
  Card,
  FileInput,
  Group,
  NativeSelect,
  Progress,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { createdResponse } from '../../../contracts/common.ts';
import { assignFrameworkBody, type rescoreJob } from '../../../contracts/scoring.ts';
import { ApiError, api } from '../../api/client.ts';
import { meQuery } from '../../api/queries.ts';
import { DateField } from '../../components/DateField.tsx';
import { useFormWrite } from '../../components/forms.ts';
import { ErrorNotice, Loading, useErrorMessage } from '../../components/QueryState.tsx';
import { ToneBadge } from '../../components/ToneBadge.tsx';
import { formatDate, todayIso } from '../../lib/dates.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { frameworksQuery, rescoreJobQuery } from './api.ts';
import { useMessage } from '../../components/message.ts';

export function FrameworkPanel({
  organizationId,
  organizationName,
  year,
  canAssign,
}: {
  organizationId: string;
  organizationName: string;
  year: number;
  canAssign: boolean;
}) {
  const { t } = useTranslation();
  const query = useQuery(frameworksQuery(organizationId));
  const me = useQuery(meQuery);
  const [assigning, setAssigning] = useState(false);
  const canLoad =
    !!me.data && (me.data.account.isSystemAdmin || me.data.roles.some((r) => r.role === 'board_officer'));
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="framework-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="framework-heading">
          {t('ratings.frameworks')}
        </Title>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <Text fw={700}>
              {query.data.governing
                ? t('ratings.governing', { title: query.data.governing.title })
                : t('ratings.noGoverning')}
            </Text>
            <Stack gap={6} component="ul" m={0} pl="md">
              {query.data.items.map((f) => (
                <Text component="li" size="sm" key={`${f.id}@${f.version}`}>
                  {f.title}
                  {f.document && !f.title.includes(f.document) ? ` (${f.document})` : ''} —{' '}
                  {t('ratings.effectiveFrom', { date: formatDate(f.effectiveFrom) })},{' '}
                  {f.scope === 'national' ? t('ratings.scope_national') : t('ratings.scope_assigned')}{' '}
                  <ToneBadge tone={f.builtIn ? 'gray' : 'blue'} size="xs">
                    {f.builtIn ? t('ratings.builtIn') : t('ratings.loaded')}
                  </ToneBadge>
                </Text>
              ))}
            </Stack>
          </>
        )}
        {canAssign ? (
          <Group gap="sm">
            <Button variant="outline" onClick={() => setAssigning(true)}>
              {t('ratings.assign')}
            </Button>
          </Group>
        ) : null}
        {canAssign ? <Rescore organizationId={organizationId} year={year} /> : null}
        {canLoad ? <LoadFramework /> : null}
      </Stack>
      {assigning && query.data ? (
        <AssignForm
          organizationId={organizationId}
          organizationName={organizationName}
          frameworks={query.data.items}
          onClose={() => setAssigning(false)}
        />
      ) : null}
    </Card>
  );
}

function AssignForm({
  organizationId,
  organizationName,
  frameworks,
  onClose,
}: {
  organizationId: string;
  organizationName: string;
  frameworks: { id: string; version: number; title: string; document: string | null }[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [frameworkId, setFrameworkId] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(todayIso());
  const [documentRef, setDocumentRef] = useState('');
  const { errors, mutation, send } = useFormWrite({
    fields: ['frameworkId', 'effectiveFrom', 'documentRef'],
    write: (body: unknown) =>
      api.post<z.infer<typeof createdResponse>>(`/organizations/${organizationId}/scoring-frameworks`, body),
    refresh: [['scoring-frameworks'], ['meeting-scores']],
    done: t('ratings.assigned'),
    onDone: onClose,
  });
  const submit = () => {
    send(assignFrameworkBody, {
      frameworkId,
      effectiveFrom,
      documentRef: documentRef.trim() || undefined,
    });
  };
  return (
    <FormModal
      title={t('ratings.assignTitle')}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      submitLabel={t('ratings.assign')}
      pending={mutation.isPending}
      formRef={errors.formRef}
    >
      <Text>{t('ratings.assignHint', { name: organizationName })}</Text>
      <NativeSelect
        label={t('ratings.frameworkField')}
        required
        value={frameworkId}
        onChange={(e) => setFrameworkId(e.currentTarget.value)}
        error={errors.fieldErrors.frameworkId}
        data={[
          { value: '', label: '—' },
          ...frameworks.map((f) => ({
            value: f.id,
            label: `${f.title}${f.document ? ` (${f.document})` : ''}`,
          })),
        ]}
      />
      <DateField
        label={t('ratings.effectiveField')}
        required
        value={effectiveFrom}
        onChange={setEffectiveFrom}
        error={errors.fieldErrors.effectiveFrom}
      />
      <TextInput
        label={t('ratings.documentRef')}
        value={documentRef}
        onChange={(e) => setDocumentRef(e.currentTarget.value)}
        error={errors.fieldErrors.documentRef}
      />
    </FormModal>
  );
}

function LoadFramework() {
  const { t } = useTranslation();
  const msg = useMessage();
  const message = useErrorMessage();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<{ title: string; items: string[] } | null>(null);
  const mutation = useMutation({
    mutationFn: async (f: File) => {
      let definition: unknown;
      try {
        definition = JSON.parse(await f.text());
      } catch (e) {
        throw new ApiError(
          400,
          'validation_failed',
          t('ratings.notJson', { message: e instanceof Error ? e.message : '' }),
        );
      }
      return api.post<{ id: string; version: number }>('/scoring-frameworks', { definition });
    },
    onSuccess: async (r) => {
      setProblems(null);
      setFile(null);
      await queryClient.invalidateQueries({ queryKey: ['scoring-frameworks'] });
      notifications.show({ color: 'green', message: t('ratings.loadedOk', r) });
    },
    onError: (e) => {
      const items =
        e instanceof ApiError
          ? e.issues.map((i) => (i.messageCode ? msg({ code: i.messageCode, params: i.params }) : i.message))
          : [];
      setProblems({
        title:
          items.length > 1
            ? `${message(e)} — ${t('ratings.loadErrors', { count: items.length })}`
            : message(e),
        items,
      });
    },
  });
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('ratings.load')}</Text>
      <Text size="sm" c="dimmed">
        {t('ratings.loadHint')}
      </Text>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <FileInput
          label={t('ratings.fileField')}
          accept="application/json,.json"
          value={file}
          onChange={(f) => {
            setFile(f);
            setProblems(null);
          }}
          clearable
          w={{ base: '100%', xs: 320 }}
        />
        <Button disabled={!file} loading={mutation.isPending} onClick={() => file && mutation.mutate(file)}>
          {t('ratings.loadButton')}
        </Button>
      </Group>
      {problems ? (
        <Alert
          color="red"
          variant="light"
          role="alert"
          title={problems.title}
          styles={{ title: { overflowWrap: 'anywhere' } }}
        >
          {problems.items.length ? (
            <Stack gap={2} component="ul" m={0} pl="md" data-testid="framework-errors">
              {problems.items.map((p) => (
                <Text component="li" size="sm" key={p} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                  {p}
                </Text>
              ))}
            </Stack>
          ) : null}
        </Alert>
      ) : null}
    </Stack>
  );
}

function Rescore({ organizationId, year }: { organizationId: string; year: number }) {
  const { t } = useTranslation();
  const msg = useMessage();
  const message = useErrorMessage();
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () =>
      api.post<z.infer<typeof rescoreJob>>(`/organizations/${organizationId}/rescore`, { year }),
    onSuccess: (job) => setJobId(job.id),
  });
  const job = useQuery({ ...rescoreJobQuery(jobId ?? ''), enabled: !!jobId });
  const j = job.data;
  const finished = j && j.status !== 'running';
  const [refreshed, setRefreshed] = useState<string | null>(null);
  if (finished && j.status === 'done' && refreshed !== j.id) {
    setRefreshed(j.id);
    void queryClient.invalidateQueries({ queryKey: ['ratings'] });
    void queryClient.invalidateQueries({ queryKey: ['meeting-scores'] });
  }
  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="wrap">
        <Button
          variant="outline"
          loading={start.isPending || (!!j && j.status === 'running')}
          onClick={() => {
            if (window.confirm(t('ratings.rescoreConfirm', { year }))) start.mutate();
          }}
        >
          {t('ratings.rescore')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('ratings.rescoreHint', { year })}
        </Text>
      </Group>
      {start.isError ? (
        <Alert color="red" variant="light" role="alert">
          {message(start.error)}
        </Alert>
      ) : null}
      {j ? (
        <Stack gap={4} role="status" aria-live="polite">
          <Progress
            value={j.total > 0 ? (j.done / j.total) * 100 : finished ? 100 : 0}
            animated={j.status === 'running'}
            color={j.status === 'failed' ? 'red' : undefined}
            aria-label={t('ratings.rescore')}
          />
          <Text size="sm">
            {j.status === 'failed'
              ? t('ratings.rescoreFailed', { error: msg(j.error) })
              : t(j.status === 'done' ? 'ratings.rescoreDone' : 'ratings.rescoreProgress', {
                  done: j.done,
                  total: j.total,
                  changed: j.changed,
                })}
          </Text>
        </Stack>
      ) : null}
    </Stack>
  );
}
