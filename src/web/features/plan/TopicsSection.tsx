// Thematic topics of the year by quarter: the cell registers them and submits them to the upper committee, which
// approves them or returns them with a comment.
import {
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { createdResponse, okResponse } from '../../../contracts/common.ts';
import { topicBody, type topicList, topicReviewBody } from '../../../contracts/plan.ts';
import { api } from '../../api/client.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormErrors, useFormWrite } from '../../components/forms.ts';
import { useErrorMessage } from '../../components/QueryState.tsx';
import { ToneBadge } from '../../components/ToneBadge.tsx';
import { topicStatusLabel, topicStatusTone } from './api.ts';

type Topics = z.infer<typeof topicList>;
type Topic = Topics['items'][number];
type Dialog = { kind: 'register'; quarter: number } | { kind: 'review'; topic: Topic } | null;

export function TopicsSection({
  organizationId,
  year,
  topics,
}: {
  organizationId: string;
  year: number;
  topics: Topics;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const submitTopic = useMutation({
    mutationFn: (id: string) => api.post<z.infer<typeof okResponse>>(`/thematic-topics/${id}/submit`, {}),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['thematic-topics'] });
      notifications.show({ color: 'green', message: t('planTopic.submitted') });
    },
    onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
  });
  return (
    <Stack gap="sm" component="section" aria-labelledby="topics-heading">
      <Title order={2} id="topics-heading">
        {t('planTopic.title', { year })}
      </Title>
      {topics.actions.includes('register') ? (
        <div>
          <Button variant="outline" onClick={() => setDialog({ kind: 'register', quarter: 0 })}>
            {t('planTopic.register')}
          </Button>
        </div>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {[1, 2, 3, 4].map((quarter) => {
          const items = topics.items.filter((tp) => tp.quarter === quarter);
          return (
            <Paper
              key={quarter}
              withBorder
              radius="md"
              p="sm"
              component="section"
              aria-labelledby={`quarter-${quarter}`}
            >
              <Stack gap="xs">
                <Title order={3} size="h4" id={`quarter-${quarter}`}>
                  {t('planTopic.quarter', { quarter })}
                </Title>
                {items.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('planTopic.none')}
                  </Text>
                ) : (
                  <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                    {items.map((tp) => (
                      <Paper key={tp.id} component="li" bg="gray.0" p="xs" radius="sm">
                        <Stack gap={4}>
                          <Group justify="space-between" gap={6} wrap="nowrap" align="flex-start">
                            <Text fw={600}>{tp.title}</Text>
                            <ToneBadge tone={topicStatusTone[tp.status]} style={{ flexShrink: 0 }}>
                              {topicStatusLabel(t, tp.status)}
                            </ToneBadge>
                          </Group>
                          <Text size="sm">{t('planTopic.presentersLabel', { names: tp.presenters })}</Text>
                          {tp.draft ? (
                            <Text size="sm" c="dimmed" lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>
                              {tp.draft}
                            </Text>
                          ) : null}
                          {tp.reviewComment ? (
                            <Text size="sm" c="orange.9">
                              {t('planTopic.reviewComment', { comment: tp.reviewComment })}
                            </Text>
                          ) : null}
                          <Group gap="xs">
                            {tp.actions.includes('submit') ? (
                              <Button
                                size="sm"
                                variant="light"
                                loading={submitTopic.isPending && submitTopic.variables === tp.id}
                                onClick={() => submitTopic.mutate(tp.id)}
                                aria-label={`${t('planTopic.submit')}: ${tp.title}`}
                              >
                                {t('planTopic.submit')}
                              </Button>
                            ) : null}
                            {tp.actions.includes('review') ? (
                              <Button
                                size="sm"
                                onClick={() => setDialog({ kind: 'review', topic: tp })}
                                aria-label={`${t('planTopic.review')}: ${tp.title}`}
                              >
                                {t('planTopic.review')}
                              </Button>
                            ) : null}
                          </Group>
                        </Stack>
                      </Paper>
                    ))}
                  </Stack>
                )}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
      {dialog?.kind === 'register' ? (
        <RegisterTopicForm organizationId={organizationId} year={year} onClose={close} />
      ) : null}
      {dialog?.kind === 'review' ? <ReviewTopicForm topic={dialog.topic} onClose={close} /> : null}
    </Stack>
  );
}

type TopicBody = z.input<typeof topicBody>;

function RegisterTopicForm({
  organizationId,
  year,
  onClose,
}: {
  organizationId: string;
  year: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const now = new Date();
  const [quarter, setQuarter] = useState(now.getFullYear() === year ? Math.floor(now.getMonth() / 3) + 1 : 1);
  const [title, setTitle] = useState('');
  const [presenters, setPresenters] = useState('');
  const [draft, setDraft] = useState('');
  const { errors, mutation, send } = useFormWrite({
    fields: ['quarter', 'title', 'presenters', 'draft'],
    write: (body: TopicBody) =>
      api.post<z.infer<typeof createdResponse>>(`/organizations/${organizationId}/thematic-topics`, body),
    refresh: [['thematic-topics']],
    done: t('planTopic.registered'),
    onDone: onClose,
  });
  const submit = () => {
    const body: TopicBody = { year, quarter, title, presenters, draft: draft.trim() || undefined };
    send(topicBody, body);
  };
  return (
    <FormModal
      title={t('planTopic.register')}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      submitLabel={t('planTopic.register')}
      pending={mutation.isPending}
      formRef={errors.formRef}
    >
      <NativeSelect
        label={t('planTopic.quarterField')}
        required
        value={String(quarter)}
        onChange={(e) => setQuarter(Number(e.currentTarget.value))}
        error={errors.fieldErrors.quarter}
        data={[1, 2, 3, 4].map((q) => ({ value: String(q), label: t('planTopic.quarter', { quarter: q }) }))}
      />
      <TextInput
        label={t('planTopic.topicTitle')}
        required
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={errors.fieldErrors.title}
      />
      <TextInput
        label={t('planTopic.presenters')}
        required
        value={presenters}
        onChange={(e) => setPresenters(e.currentTarget.value)}
        error={errors.fieldErrors.presenters}
      />
      <Textarea
        label={t('planTopic.draft')}
        autosize
        minRows={4}
        value={draft}
        onChange={(e) => setDraft(e.currentTarget.value)}
        error={errors.fieldErrors.draft}
      />
    </FormModal>
  );
}

type ReviewBody = z.input<typeof topicReviewBody>;

function ReviewTopicForm({ topic, onClose }: { topic: Topic; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const errors = useFormErrors(['comment']);
  const mutation = useMutation({
    mutationFn: (body: ReviewBody) =>
      api.post<z.infer<typeof okResponse>>(`/thematic-topics/${topic.id}/review`, body),
    onSuccess: async (_, body) => {
      await queryClient.invalidateQueries({ queryKey: ['thematic-topics'] });
      notifications.show({
        color: 'green',
        message: body.decision === 'approve' ? t('planTopic.approved') : t('planTopic.returned'),
      });
      onClose();
    },
    onError: (e) => errors.fromError(e),
  });
  const send = (decision: ReviewBody['decision']) => {
    const body: ReviewBody = { decision, comment: comment.trim() || undefined };
    const parsed = topicReviewBody.safeParse(body);
    if (!parsed.success) return errors.fromZod(parsed.error);
    errors.clear();
    mutation.mutate(parsed.data);
  };
  return (
    <FormModal
      title={t('planTopic.reviewTitle', { title: topic.title })}
      onClose={onClose}
      onSubmit={() => {
        send('approve');
      }}
      formError={errors.formError}
      formRef={errors.formRef}
      pending={mutation.isPending && mutation.variables.decision === 'approve'}
      submitLabel={t('planTopic.approve')}
      secondary={
        <Button
          variant="outline"
          color="orange.9"
          loading={mutation.isPending && mutation.variables.decision === 'return'}
          onClick={() => send('return')}
        >
          {t('planTopic.return')}
        </Button>
      }
    >
      <Text size="sm">{t('planTopic.presentersLabel', { names: topic.presenters })}</Text>
      {topic.draft ? (
        <Paper withBorder p="sm" radius="sm" mah={240} style={{ overflowY: 'auto' }}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {topic.draft}
          </Text>
        </Paper>
      ) : null}
      <Textarea
        label={t('planTopic.comment')}
        description={t('planTopic.commentHint')}
        autosize
        minRows={3}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        error={errors.fieldErrors.comment}
      />
    </FormModal>
  );
}
