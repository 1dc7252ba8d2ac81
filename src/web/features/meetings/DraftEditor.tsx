// Editing a part of the minutes without ever losing what was typed: the text being written is kept in
// sessionStorage (a reload or a dropped connection keeps it), saved with the version it was based on, and when
// someone else saved first (409 'edit_conflict', or a newer version arriving live) both texts are shown side by
// side with "use mine (overwrite)" and "use theirs".
import { Alert, Button, Group, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useErrorMessage } from '../../components/QueryState.tsx';

export interface DraftField {
  name: string;
  label: string;
  minRows?: number;
}

interface Draft {
  values: Record<string, string>;
  baseVersion: number;
}

function readDraft(key: string): Draft | null {
  try {
    const raw = sessionStorage.getItem(key);
    if (!raw) return null;
    const d = JSON.parse(raw) as Draft;
    return typeof d.baseVersion === 'number' && d.values ? d : null;
  } catch {
    return null;
  }
}

function writeDraft(key: string, draft: Draft | null) {
  try {
    if (draft) sessionStorage.setItem(key, JSON.stringify(draft));
    else sessionStorage.removeItem(key);
  } catch {
    // Storage may be full or forbidden; the text stays on screen until saved.
  }
}

export function DraftEditor({
  storageKey,
  fields,
  server,
  version,
  editable,
  save,
  onConflict,
  testId,
}: {
  storageKey: string;
  fields: readonly DraftField[];
  server: Record<string, string>;
  version: number;
  editable: boolean;
  save: (values: Record<string, string>, baseVersion: number) => Promise<unknown>;
  /** Called on a 409 so the page fetches the server's current text. */
  onConflict: () => Promise<unknown>;
  testId?: string;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const [draft, setDraftState] = useState<Draft | null>(() => readDraft(storageKey));
  const [conflict, setConflict] = useState(false);
  const setDraft = (d: Draft | null) => {
    setDraftState(d);
    writeDraft(storageKey, d);
  };

  // A draft that equals what the server now holds is no longer a draft.
  useEffect(() => {
    if (draft && fields.every((f) => (draft.values[f.name] ?? '') === (server[f.name] ?? ''))) {
      setDraftState(null);
      writeDraft(storageKey, null);
      setConflict(false);
    }
  }, [draft, fields, server, storageKey]);

  const mutation = useMutation({
    mutationFn: ({ values, baseVersion }: Draft) => save(values, baseVersion),
    onSuccess: () => {
      setDraft(null);
      setConflict(false);
    },
    onError: async (e) => {
      if (e instanceof ApiError && e.status === 409) {
        setConflict(true);
        await onConflict();
      }
    },
  });

  const values = draft?.values ?? server;
  const stale = draft !== null && (conflict || version > draft.baseVersion);

  const change = (name: string, value: string) => {
    const base = draft ?? { values: { ...server }, baseVersion: version };
    setDraft({ ...base, values: { ...base.values, [name]: value } });
  };

  if (!editable) {
    return (
      <Stack gap="xs" data-testid={testId}>
        {fields.map((f) => (
          <div key={f.name}>
            <Text size="sm" c="dimmed">
              {f.label}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{server[f.name] || t('common.none')}</Text>
          </div>
        ))}
      </Stack>
    );
  }

  return (
    <Stack gap="xs" data-testid={testId}>
      {stale ? (
        <Alert color="orange" variant="light" role="alert" title={t('meetingMinutes.conflictTitle')}>
          <Stack gap="sm">
            <Text>{t('meetingMinutes.conflictText')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Stack gap={4}>
                <Text fw={700}>{t('meetingMinutes.mine')}</Text>
                {fields.map((f) => (
                  <Text key={f.name} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    <Text span fw={600} inherit>
                      {f.label}:
                    </Text>{' '}
                    {draft.values[f.name] ?? ''}
                  </Text>
                ))}
              </Stack>
              <Stack gap={4} data-testid="server-version">
                <Text fw={700}>{t('meetingMinutes.theirs')}</Text>
                {fields.map((f) => (
                  <Text key={f.name} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    <Text span fw={600} inherit>
                      {f.label}:
                    </Text>{' '}
                    {server[f.name] ?? ''}
                  </Text>
                ))}
              </Stack>
            </SimpleGrid>
            <Group gap="sm" wrap="wrap">
              <Button
                onClick={() => mutation.mutate({ values: draft.values, baseVersion: version })}
                loading={mutation.isPending}
              >
                {t('meetingMinutes.useMine')}
              </Button>
              <Button
                variant="outline"
                onClick={() => {
                  setDraft(null);
                  setConflict(false);
                }}
              >
                {t('meetingMinutes.useTheirs')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : null}
      {fields.map((f) => (
        <Textarea
          key={f.name}
          label={f.label}
          value={values[f.name] ?? ''}
          onChange={(e) => change(f.name, e.currentTarget.value)}
          autosize
          minRows={f.minRows ?? 3}
        />
      ))}
      {mutation.isError && !(mutation.error instanceof ApiError && mutation.error.status === 409) ? (
        <Text c="red.8" role="alert">
          {message(mutation.error)}
        </Text>
      ) : null}
      <Group gap="sm" justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          {draft ? t('meetingMinutes.unsaved') : t('meetingMinutes.savedVersion', { version })}
        </Text>
        {!stale ? (
          <Button
            variant={draft ? 'filled' : 'outline'}
            disabled={!draft}
            loading={mutation.isPending}
            onClick={() => draft && mutation.mutate(draft)}
          >
            {t('common.save')}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}
