// The materials of a meeting (draft resolution, reports, attachments): listed for everyone, uploaded and removed
// by the preparer.
import type { z } from 'zod';
import { Button, Card, FileInput, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { createdResponse } from '../../../contracts/common.ts';
import { api } from '../../api/client.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { can, type MeetingDetail, useMeetingWrite } from './queries.ts';
import { Section } from '../../components/Section.tsx';

const acceptFiles =
  'application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/png,image/jpeg,image/webp';

function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function Materials({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [versionOf, setVersionOf] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = useMeetingWrite(
    detail.id,
    (form: FormData) => api.upload<z.infer<typeof createdResponse>>(`/meetings/${detail.id}/materials`, form),
    {
      done: t('meetingPrep.uploaded'),
      onDone: () => {
        setFile(null);
        setTitle('');
        setVersionOf(null);
        setError(null);
      },
    },
  );
  const submit = () => {
    if (!file) return setError(t('meetingPrep.fileNeeded'));
    const existing = detail.materials.find((m) => m.id === versionOf);
    const name = existing?.title ?? (title.trim() || file.name);
    const form = new FormData();
    form.set('file', file);
    form.set('title', name);
    if (existing) form.set('materialId', existing.id);
    setError(null);
    upload.mutate(form);
  };
  return (
    <Section title={t('meetingPrep.materials')}>
      {detail.materials.length === 0 ? (
        <Text c="dimmed">{t('meetingPrep.noMaterials')}</Text>
      ) : (
        <Stack gap="sm">
          {detail.materials.map((m) => (
            <Card key={m.id} withBorder padding="sm">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text fw={700}>{m.title}</Text>
                <Text size="sm" c="dimmed">
                  {t('meetingPrep.readCount', { count: m.readCount })}
                  {m.readByMe ? ` · ${t('meetingPrep.readByMe')}` : ''}
                </Text>
              </Group>
              <Stack gap={2} mt={4}>
                {[...m.versions]
                  .sort((a, b) => b.version - a.version)
                  .map((v) => (
                    <Group key={v.id} gap="xs" wrap="wrap">
                      <a href={`/api/material-versions/${v.id}/download`}>
                        {t('meetingPrep.version', { version: v.version })}: {v.fileName}
                      </a>
                      <Text size="sm" c="dimmed">
                        {sizeLabel(v.sizeBytes)} · {formatDateTime(v.uploadedAt)}
                      </Text>
                    </Group>
                  ))}
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
      {can(detail, 'upload_material') ? (
        <Stack gap="sm">
          {detail.materials.length > 0 ? (
            <NativeSelect
              label={t('meetingPrep.uploadAs')}
              value={versionOf ?? ''}
              onChange={(e) => setVersionOf(e.currentTarget.value || null)}
              data={[
                { value: '', label: t('meetingPrep.newMaterial') },
                ...detail.materials.map((m) => ({
                  value: m.id,
                  label: t('meetingPrep.newVersionOf', { title: m.title }),
                })),
              ]}
            />
          ) : null}
          {versionOf ? null : (
            <TextInput
              label={t('meetingPrep.materialTitle')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
            />
          )}
          <FileInput
            label={t('meetingPrep.file')}
            description={t('meetingPrep.fileHint')}
            accept={acceptFiles}
            value={file}
            onChange={setFile}
            clearable
            error={error}
          />
          <Group justify="flex-end">
            <Button variant="outline" onClick={submit} loading={upload.isPending}>
              {t('meetingPrep.upload')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Section>
  );
}
