// Roster import: choose the cell and a file, the server checks every row (with progress), then an all-or-nothing save.
import type { z } from 'zod';
import {
  Alert,
  Button,
  FileInput,
  Group,
  Pagination,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type RosterImportView,
  type rosterImportCreated,
  rosterUploadLimits,
} from '../../../contracts/roster-import.ts';
import { isCellKind } from '../../../domain/tree.ts';
import { api } from '../../api/client.ts';
import { organizationQuery, rosterImportQuery } from '../../api/queries.ts';
import { useFormErrors } from '../../components/forms.ts';
import { UploadIcon } from '../../components/icons.tsx';
import { OrganizationPicker, type PickedOrganization } from '../../components/OrganizationPicker.tsx';
import { Page } from '../../components/Page.tsx';
import { ErrorNotice, Loading, useErrorMessage } from '../../components/QueryState.tsx';
import { formatDate } from '../../lib/dates.ts';
import { ownImportCell, useMe } from '../auth/me.ts';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { ToneBadge } from '../../components/ToneBadge.tsx';
import { useMessage } from '../../components/message.ts';

const problemsPerPage = 100;

function hasAllowedExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return rosterUploadLimits.extensions.some((ext) => lower.endsWith(ext));
}

function ProgressView({ view }: { view: RosterImportView }) {
  const { t } = useTranslation();
  const percent = view.totalRows > 0 ? Math.round((view.processedRows / view.totalRows) * 100) : 0;
  const label = view.status === 'committing' ? t('import.committing') : t('import.parsing');
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Text fw={700} size="lg">
          {label}
        </Text>
        <Progress
          value={view.totalRows > 0 ? percent : 100}
          animated
          striped={view.totalRows === 0}
          size="xl"
          aria-label={label}
        />
        <Text role="status" aria-live="polite">
          {t('import.progress', { done: view.processedRows, total: view.totalRows || '…' })}
        </Text>
      </Stack>
    </Paper>
  );
}

function ProblemsView({ view, onRestart }: { view: RosterImportView; onRestart: () => void }) {
  const { t } = useTranslation();
  const msg = useMessage();
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(view.problems.length / problemsPerPage));
  const shown = view.problems.slice((page - 1) * problemsPerPage, page * problemsPerPage);
  return (
    <Stack gap="md">
      <Alert
        color="red.9"
        variant="filled"
        title={t('import.invalidTitle', { count: view.problems.length })}
        role="alert"
      >
        <Text fw={600}>{t('import.invalidAlert')}</Text>
      </Alert>
      <Table.ScrollContainer minWidth={320}>
        <Table striped withTableBorder verticalSpacing="sm" fz="md" aria-label={t('import.problemsLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={90}>
                {t('import.colRow')}
              </Table.Th>
              <Table.Th scope="col">{t('import.colColumn')}</Table.Th>
              <Table.Th scope="col">{t('import.colReason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((p) => (
              <Table.Tr key={`${p.row}-${p.column}-${JSON.stringify(p.message)}`}>
                <Table.Td fw={700}>{p.row}</Table.Td>
                <Table.Td>{p.column}</Table.Td>
                <Table.Td>{msg(p.message)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages > 1 ? <Pagination total={pages} value={page} onChange={setPage} size="lg" /> : null}
      <Group>
        <Button onClick={onRestart} leftSection={<UploadIcon size={20} />}>
          {t('import.startOver')}
        </Button>
      </Group>
    </Stack>
  );
}

function PreviewView({
  view,
  onCommit,
  committing,
  commitError,
  onRestart,
}: {
  view: RosterImportView;
  onCommit: () => void;
  committing: boolean;
  commitError: unknown;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const summary = view.summary ?? { create: 0, update: 0 };
  return (
    <Stack gap="md">
      <Alert color="green" variant="light" title={t('import.readyTitle')}>
        <Text fw={700} size="lg">
          {t('import.summary', summary)}
        </Text>
        <Text>{t('import.totalRows', { count: view.totalRows })}</Text>
      </Alert>
      {view.preview.length > 0 ? (
        <Stack gap="xs">
          <Title order={2}>{t('import.previewTitle')}</Title>
          <Table.ScrollContainer minWidth={640}>
            <Table striped withTableBorder verticalSpacing="xs" fz="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('import.colRow')}</Table.Th>
                  <Table.Th scope="col">{t('import.colAction')}</Table.Th>
                  <Table.Th scope="col">{t('profile.fullName')}</Table.Th>
                  <Table.Th scope="col">{t('profile.dateOfBirth')}</Table.Th>
                  <Table.Th scope="col">{t('profile.partyCardNumber')}</Table.Th>
                  <Table.Th scope="col">{t('profile.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {view.preview.map((r) => (
                  <Table.Tr key={r.row}>
                    <Table.Td>{r.row}</Table.Td>
                    <Table.Td miw={120}>
                      <ToneBadge tone={r.action === 'create' ? 'green' : 'blue'}>
                        {r.action === 'create' ? t('import.actionCreate') : t('import.actionUpdate')}
                      </ToneBadge>
                    </Table.Td>
                    <Table.Td fw={600}>{r.fullName}</Table.Td>
                    <Table.Td>{formatDate(r.dateOfBirth)}</Table.Td>
                    <Table.Td>{r.partyCardNumber ?? ''}</Table.Td>
                    <Table.Td>{t(`memberStatus.${r.status}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      ) : null}
      {commitError ? <ErrorNotice error={commitError} /> : null}
      <Group gap="sm">
        <Button size="lg" onClick={onCommit} loading={committing}>
          {t('import.commit')}
        </Button>
        <Button variant="default" onClick={onRestart}>
          {t('import.startOver')}
        </Button>
      </Group>
    </Stack>
  );
}

function ImportStatus({
  importId,
  organizationId,
  onRestart,
}: {
  importId: string;
  organizationId: string | undefined;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const msg = useMessage();
  const queryClient = useQueryClient();
  const message = useErrorMessage();
  const view = useQuery(rosterImportQuery(importId));
  const commit = useMutation({
    mutationFn: () => api.post(`/roster-imports/${importId}/commit`, {}),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: rosterImportQuery(importId).queryKey });
    },
  });

  if (view.isPending) return <Loading />;
  if (view.isError) return <ErrorNotice error={view.error} onRetry={() => void view.refetch()} />;
  const v = view.data;
  const listTarget = organizationId ?? v.organizationId;
  return (
    <Stack gap="md">
      <Text c="dimmed">{t('import.fileName', { name: v.fileName })}</Text>
      {v.status === 'parsing' || v.status === 'committing' ? <ProgressView view={v} /> : null}
      {v.status === 'invalid' ? <ProblemsView view={v} onRestart={onRestart} /> : null}
      {v.status === 'ready' ? (
        <PreviewView
          view={v}
          onCommit={() => commit.mutate()}
          committing={commit.isPending}
          commitError={commit.error}
          onRestart={onRestart}
        />
      ) : null}
      {v.status === 'committed' ? (
        <Alert color="green" variant="light" title={t('import.committedTitle')} role="status">
          <Stack gap="sm">
            <Text size="lg">{t('import.committedText', v.summary ?? { create: 0, update: 0 })}</Text>
            <Group gap="sm">
              <ButtonLink to="/members" search={{ organizationId: listTarget }}>
                {t('import.openList')}
              </ButtonLink>
              <Button variant="default" onClick={onRestart}>
                {t('import.startOver')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : null}
      {v.status === 'failed' ? (
        <Alert color="red" variant="light" title={t('import.failedTitle')} role="alert">
          <Stack gap="sm">
            <Text>{v.error ? msg(v.error) : message(null)}</Text>
            <Group>
              <Button onClick={onRestart}>{t('import.startOver')}</Button>
            </Group>
          </Stack>
        </Alert>
      ) : null}
    </Stack>
  );
}

function UploadForm({
  organization,
  onOrganization,
  onUploaded,
}: {
  organization: PickedOrganization | null;
  onOrganization: (o: PickedOrganization | null) => void;
  onUploaded: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const errors = useFormErrors(['organizationId', 'file']);

  const upload = useMutation({
    mutationFn: ({ file, organizationId }: { file: File; organizationId: string }) => {
      const form = new FormData();
      form.set('organizationId', organizationId);
      form.set('file', file, file.name);
      return api.upload<z.infer<typeof rosterImportCreated>>('/roster-imports', form);
    },
    onSuccess: (created) => onUploaded(created.id),
    onError: (e) => errors.fromError(e),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    if (!organization) return errors.setField('organizationId', t('import.chooseOrganization'));
    if (!file) return errors.setField('file', t('import.chooseFile'));
    if (!hasAllowedExtension(file.name)) return errors.setField('file', t('import.wrongType'));
    if (file.size > rosterUploadLimits.maxBytes) return errors.setField('file', t('import.tooLarge'));
    upload.mutate({ file, organizationId: organization.id });
  };

  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {errors.formError ? (
            <Alert color="red" variant="light" role="alert">
              {errors.formError}
            </Alert>
          ) : null}
          <OrganizationPicker
            label={t('import.organization')}
            value={organization}
            onChange={onOrganization}
            error={errors.fieldErrors.organizationId}
            accept={(r) => isCellKind(r.kind)}
          />
          <FileInput
            label={t('import.file')}
            description={t('import.fileHint')}
            placeholder={t('import.filePlaceholder')}
            accept={`${rosterUploadLimits.extensions.join(',')},application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv`}
            value={file}
            onChange={setFile}
            error={errors.fieldErrors.file}
            clearable
            leftSection={<UploadIcon size={20} />}
          />
          <Group>
            <Button type="submit" size="lg" loading={upload.isPending}>
              {t('import.upload')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function RosterImportPage() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/app/import' });
  const navigate = useNavigate({ from: '/import' });
  const preselected = useQuery({
    ...organizationQuery(search.organizationId ?? ''),
    enabled: !!search.organizationId,
  });
  const me = useMe();
  // A cell secretary keeps one roster: start with their cell chosen.
  const [picked, setPicked] = useState<PickedOrganization | null>(() =>
    search.organizationId ? null : ownImportCell(me),
  );
  const organization =
    picked ?? (preselected.data ? { id: preselected.data.id, name: preselected.data.name } : null);

  const setOrganization = (o: PickedOrganization | null) => {
    setPicked(o);
    void navigate({ search: (prev) => ({ ...prev, organizationId: o?.id }), replace: true });
  };

  return (
    <Page title={t('import.title')}>
      <Text size="md">{t('import.intro')}</Text>
      {search.importId ? (
        <>
          {organization ? (
            <Text>
              {t('import.organization')}:{' '}
              <AnchorLink to="/organizations/$id" params={{ id: organization.id }} fw={700}>
                {organization.name}
              </AnchorLink>
            </Text>
          ) : null}
          <ImportStatus
            importId={search.importId}
            organizationId={search.organizationId}
            onRestart={() => void navigate({ search: (prev) => ({ ...prev, importId: undefined }) })}
          />
        </>
      ) : search.organizationId && preselected.isPending && !picked ? (
        <Loading />
      ) : (
        <UploadForm
          organization={organization}
          onOrganization={setOrganization}
          onUploaded={(id) => void navigate({ search: (prev) => ({ ...prev, importId: id }) })}
        />
      )}
    </Page>
  );
}
