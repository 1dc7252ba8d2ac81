// Putting a member of the cell into one of its party groups (tổ đảng), from a date; they leave any previous group.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { joinPartyGroupBody, type memberProfile } from '../../../contracts/members.ts';
import type { OrganizationDetail } from '../../../contracts/organizations.ts';
import { api } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { MemberSelect, type PickedMember } from '../../components/MemberSelect.tsx';
import { todayIso } from '../../lib/dates.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useCommitteeWrite } from './CommitteeForms.tsx';

type JoinBody = z.input<typeof joinPartyGroupBody>;

export function JoinPartyGroupForm({ detail, onClose }: { detail: OrganizationDetail; onClose: () => void }) {
  const { t } = useTranslation();
  // A party group sits inside its cell; the cell's own members may join it.
  const cell = detail.ancestry.at(-1);
  const [member, setMember] = useState<PickedMember | null>(null);
  const [validFrom, setValidFrom] = useState(todayIso());
  const { errors, mutation } = useCommitteeWrite<JoinBody>(
    (body) => api.post<z.infer<typeof memberProfile>>(`/organizations/${detail.id}/group-members`, body),
    t('group.done', { name: member?.fullName ?? '' }),
    onClose,
    ['memberId', 'validFrom'],
  );

  const submit = () => {
    errors.clear();
    if (!member) return errors.setField('memberId', t('committee.chooseMember'));
    const body: JoinBody = { memberId: member.id, validFrom };
    const parsed = joinPartyGroupBody.safeParse(body);
    if (!parsed.success) return errors.fromZod(parsed.error);
    mutation.mutate(body);
  };

  return (
    <FormModal
      title={t('group.title', { name: detail.name })}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      formRef={errors.formRef}
      submitLabel={t('group.addMember')}
      pending={mutation.isPending}
    >
      <MemberSelect
        label={t('group.member')}
        description={t('group.memberHint', { cell: cell?.name ?? '' })}
        organizationId={cell?.id ?? detail.id}
        filters={{ scope: 'direct' }}
        value={member}
        onChange={setMember}
        error={errors.fieldErrors.memberId}
        required
      />
      <DateField
        name="validFrom"
        label={t('group.validFrom')}
        value={validFrom}
        onChange={setValidFrom}
        error={errors.fieldErrors.validFrom}
        required
      />
    </FormModal>
  );
}
