// The member's own answer to a meeting's notice: confirm attendance, or ask to be excused with a reason.
import { Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { rsvpBody } from '../../../contracts/meetings.ts';
import { api } from '../../api/client.ts';
import { lazyContract, parseForm, useFormErrors } from '../../components/forms.ts';
import { can, type MeetingDetail, myRow, useMeetingWrite } from './queries.ts';

const rsvpContract = lazyContract(() => import('../../../contracts/meetings.ts').then((m) => m.rsvpBody));

export function Rsvp({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const me = myRow(detail);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const errors = useFormErrors(['reason']);
  const send = useMeetingWrite(
    detail.id,
    (body: z.input<typeof rsvpBody>) => api.post(`/meetings/${detail.id}/rsvp`, body),
    {
      done: t('meetingPrep.rsvpSaved'),
      onDone: () => {
        setAsking(false);
        errors.clear();
      },
      onError: (e) => errors.fromError(e),
    },
  );
  if (!me || !can(detail, 'rsvp')) return null;
  const submitAbsence = async () => {
    const body = await parseForm(rsvpContract, { response: 'absence_requested', reason }, errors);
    if (body) send.mutate(body);
  };
  return (
    <Card withBorder padding="md" component="section" aria-label={t('meetingPrep.rsvp')}>
      <Stack gap="sm">
        <Title order={3}>{t('meetingPrep.rsvp')}</Title>
        <Text>
          {me.rsvp === 'confirmed'
            ? t('meetingPrep.rsvpConfirmed')
            : me.rsvp === 'absence_requested'
              ? t('meetingPrep.rsvpAbsent', { reason: me.rsvpReason ?? '' })
              : t('meetingPrep.rsvpNone')}
        </Text>
        <Group gap="sm" wrap="wrap">
          <Button
            variant={me.rsvp === 'confirmed' ? 'filled' : 'outline'}
            onClick={() => send.mutate({ response: 'confirmed' })}
            loading={send.isPending && !asking}
          >
            {t('meetingPrep.confirm')}
          </Button>
          <Button variant="outline" color="dark" onClick={() => setAsking(true)}>
            {t('meetingPrep.askAbsence')}
          </Button>
        </Group>
        {asking ? (
          <form
            ref={errors.formRef}
            noValidate
            onFocus={rsvpContract.warm}
            onSubmit={(e) => {
              e.preventDefault();
              void submitAbsence();
            }}
          >
            <Stack gap="sm">
              <Textarea
                label={t('meetingPrep.absenceReason')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                autosize
                minRows={2}
                required
                error={errors.fieldErrors.reason}
              />
              <Group gap="sm">
                <Button type="submit" loading={send.isPending}>
                  {t('meetingPrep.sendAbsence')}
                </Button>
                <Button variant="default" onClick={() => setAsking(false)}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Card>
  );
}
