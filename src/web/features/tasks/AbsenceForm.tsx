// A member asks to be excused from a meeting, with a reason: a modal form, its own chunk (loaded when opened from
// the home's meeting cards, ./MyMeetings.tsx).
import { Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rsvpBody } from '../../../contracts/meetings.ts';
import { useFormErrors } from '../../components/forms.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { meetingKindLabel } from '../../components/labels.ts';
import { formatDate } from '../../lib/dates.ts';
import type { Upcoming } from './MyMeetings.tsx';
import { useRsvp } from './rsvp.ts';

export default function AbsenceForm({ meeting, onClose }: { meeting: Upcoming; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const errors = useFormErrors(['reason']);
  const rsvp = useRsvp(meeting.id, () => {
    notifications.show({ color: 'green', message: t('myMeetings.absenceSent') });
    onClose();
  });
  const submit = () => {
    const parsed = rsvpBody.safeParse({ response: 'absence_requested', reason });
    if (!parsed.success) return errors.fromZod(parsed.error);
    errors.clear();
    rsvp.mutate(parsed.data, { onError: (e) => errors.fromError(e) });
  };
  return (
    <FormModal
      title={t('myMeetings.absenceTitle', {
        title: `${meetingKindLabel(t, meeting.kind)} ${formatDate(meeting.plannedDate)}`,
      })}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      submitLabel={t('myMeetings.absenceSend')}
      pending={rsvp.isPending}
      formRef={errors.formRef}
    >
      <Textarea
        label={t('myMeetings.absenceReason')}
        description={t('myMeetings.absenceHint')}
        required
        autosize
        minRows={3}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={errors.fieldErrors.reason}
      />
    </FormModal>
  );
}
