// The annual work programme (chương trình công tác năm): read by everyone on the page, edited by those who manage.
import type { z } from 'zod';
import { Alert, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { okResponse } from '../../../contracts/common.ts';
import { workProgrammeBody } from '../../../contracts/plan.ts';
import { useFormErrors } from '../../components/forms.ts';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { workProgrammeQuery } from './api.ts';
import { api } from '../../api/client.ts';

export function WorkProgramme({
  organizationId,
  year,
  canEdit,
}: {
  organizationId: string;
  year: number;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery(workProgrammeQuery(organizationId, year));
  const [draft, setDraft] = useState<string | null>(null);
  const errors = useFormErrors(['content']);
  const save = useMutation({
    mutationFn: (content: string) =>
      api.put<z.infer<typeof okResponse>>(`/organizations/${organizationId}/work-programme?year=${year}`, {
        content,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['work-programme', organizationId, year] });
      notifications.show({ color: 'green', message: t('plan.workProgrammeSaved') });
      setDraft(null);
    },
    onError: (e) => errors.fromError(e),
  });
  const submit = () => {
    const parsed = workProgrammeBody.safeParse({ content: draft ?? '' });
    if (!parsed.success) return errors.fromZod(parsed.error);
    errors.clear();
    save.mutate(parsed.data.content);
  };
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="programme-heading">
      <Stack gap="sm">
        <Group justify="space-between" gap="sm">
          <Title order={2} id="programme-heading">
            {t('plan.workProgramme', { year })}
          </Title>
          {canEdit && draft === null && query.data ? (
            <Button variant="outline" onClick={() => setDraft(query.data.content ?? '')}>
              {t('plan.edit')}
            </Button>
          ) : null}
        </Group>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
        ) : draft !== null ? (
          <form
            ref={errors.formRef}
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <Stack gap="sm">
              <Textarea
                label={t('plan.workProgramme', { year })}
                description={t('plan.workProgrammeHint')}
                required
                autosize
                minRows={8}
                maxRows={30}
                value={draft}
                onChange={(e) => setDraft(e.currentTarget.value)}
                error={errors.fieldErrors.content}
              />
              {errors.formError ? (
                <Alert color="red" variant="light" role="alert">
                  {errors.formError}
                </Alert>
              ) : null}
              <Group justify="flex-end" gap="sm">
                <Button
                  variant="default"
                  onClick={() => {
                    errors.clear();
                    setDraft(null);
                  }}
                >
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={save.isPending}>
                  {t('common.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : query.data.content ? (
          <>
            <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{query.data.content}</Text>
            {query.data.updatedAt ? (
              <Text size="sm" c="dimmed">
                {t('plan.workProgrammeUpdated', { at: formatDateTime(query.data.updatedAt) })}
              </Text>
            ) : null}
          </>
        ) : (
          <Text c="dimmed">{t('plan.workProgrammeEmpty')}</Text>
        )}
      </Stack>
    </Card>
  );
}
