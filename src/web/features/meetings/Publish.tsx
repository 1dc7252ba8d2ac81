// Publishing a meeting's notice: when it went out, and the rule set's warnings the server answered with.
import type { z } from 'zod';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WireMessage } from '../../../contracts/common.ts';
import type { meetingWarnings } from '../../../contracts/meetings.ts';
import { api } from '../../api/client.ts';
import { useMessage } from '../../components/message.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { can, type MeetingDetail, useMeetingWrite } from './queries.ts';
import { Section } from '../../components/Section.tsx';

export function Publish({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const msg = useMessage();
  const [warnings, setWarnings] = useState<WireMessage[] | null>(null);
  const publish = useMeetingWrite(
    detail.id,
    () => api.post<z.infer<typeof meetingWarnings>>(`/meetings/${detail.id}/publish`, {}),
    { done: t('meetingPrep.published'), onDone: (r) => setWarnings(r.warnings) },
  );
  if (!can(detail, 'publish_notice') && !warnings && !detail.noticePublishedAt) return null;
  return (
    <Section title={t('meetingPrep.notice')}>
      {detail.noticePublishedAt ? (
        <Text>{t('meetingPrep.publishedAt', { at: formatDateTime(detail.noticePublishedAt) })}</Text>
      ) : (
        <Text c="dimmed">{t('meetingPrep.notPublished')}</Text>
      )}
      {warnings && warnings.length > 0 ? (
        <Alert color="orange" variant="light" title={t('meetingPrep.warnings')} role="alert">
          <Stack gap={4}>
            {warnings.map((w) => (
              <Text key={w.code}>{msg(w)}</Text>
            ))}
          </Stack>
        </Alert>
      ) : null}
      {can(detail, 'publish_notice') ? (
        <Group>
          <Button onClick={() => publish.mutate(undefined)} loading={publish.isPending}>
            {t('meetingPrep.publish')}
          </Button>
        </Group>
      ) : null}
    </Section>
  );
}
