// "Thêm tổ chức trực thuộc": creates an organisation under this one, offering only the kinds it may hold.
import { NativeSelect, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { createdResponse } from '../../../contracts/common.ts';
import {
  type CellType,
  cellTypes,
  createOrganizationBody,
  type OrganizationDetail,
  type OrganizationKind,
  organizationKinds,
} from '../../../contracts/organizations.ts';
import { canHoldChild, isCellKind } from '../../../domain/tree.ts';
import { api } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormErrors } from '../../components/forms.ts';
import { cellTypeLabel, kindLabel } from '../../components/labels.ts';
import { todayIso } from '../../lib/dates.ts';

type Body = z.input<typeof createOrganizationBody>;

const fields = ['name', 'kind', 'cellType', 'symbol', 'validFrom', 'parentId'] as const;

/** The kinds an organisation of this kind may hold, in the order of the tree (committees before cells). */
export function childKinds(parent: OrganizationKind): OrganizationKind[] {
  return organizationKinds.filter((k) => canHoldChild(parent, k));
}

export function AddOrganizationForm({
  detail,
  onClose,
}: {
  detail: OrganizationDetail;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const kinds = childKinds(detail.kind);
  const [kind, setKind] = useState<OrganizationKind | ''>(kinds.length === 1 ? kinds[0]! : '');
  const [name, setName] = useState('');
  const [cellType, setCellType] = useState<CellType | ''>('');
  const [symbol, setSymbol] = useState('');
  const [validFrom, setValidFrom] = useState(todayIso());
  const errors = useFormErrors(fields);

  const save = useMutation({
    mutationFn: (body: Body) => api.post<z.infer<typeof createdResponse>>('/organizations', body),
    onSuccess: async ({ id }, body) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['organization'] }),
        queryClient.invalidateQueries({ queryKey: ['tree'] }),
      ]);
      notifications.show({ color: 'green', message: t('addOrg.done', { name: body.name.trim() }) });
      onClose();
      // An organisation set up from a later date does not exist yet today: open it as of that date.
      await navigate({
        to: '/organizations/$id',
        params: { id },
        search: body.validFrom > todayIso() ? { asOf: body.validFrom } : {},
      });
    },
    onError: (e) => errors.fromError(e),
  });

  const submit = () => {
    errors.clear();
    if (kind === '') return errors.setField('kind', t('addOrg.chooseKind'));
    if (isCellKind(kind) && cellType === '') return errors.setField('cellType', t('addOrg.chooseCellType'));
    const body: Body = {
      parentId: detail.id,
      name,
      kind,
      cellType: isCellKind(kind) && cellType !== '' ? cellType : undefined,
      symbol: symbol.trim() || undefined,
      validFrom,
    };
    const parsed = createOrganizationBody.safeParse(body);
    if (!parsed.success) return errors.fromZod(parsed.error);
    save.mutate(body);
  };

  return (
    <FormModal
      title={t('addOrg.title', { name: detail.name })}
      onClose={onClose}
      onSubmit={submit}
      formRef={errors.formRef}
      formError={errors.formError}
      pending={save.isPending}
      submitLabel={t('addOrg.submit')}
    >
      <NativeSelect
        name="kind"
        label={t('addOrg.kind')}
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value as OrganizationKind | '')}
        error={errors.fieldErrors.kind}
        required
        data={[
          ...(kinds.length === 1 ? [] : [{ value: '', label: t('addOrg.chooseKind'), disabled: true }]),
          ...kinds.map((k) => ({ value: k, label: kindLabel(t, k) })),
        ]}
      />
      {kind !== '' && isCellKind(kind) ? (
        <NativeSelect
          name="cellType"
          label={t('org.cellType')}
          value={cellType}
          onChange={(e) => setCellType(e.currentTarget.value as CellType | '')}
          error={errors.fieldErrors.cellType}
          required
          data={[
            { value: '', label: t('addOrg.chooseCellType'), disabled: true },
            ...cellTypes.map((c) => ({ value: c, label: cellTypeLabel(t, c) })),
          ]}
        />
      ) : null}
      <TextInput
        name="name"
        label={t('addOrg.name')}
        description={t('addOrg.nameHint')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={errors.fieldErrors.name}
        required
      />
      <DateField
        name="validFrom"
        label={t('addOrg.validFrom')}
        value={validFrom}
        onChange={setValidFrom}
        error={errors.fieldErrors.validFrom}
        required
      />
      <TextInput
        name="symbol"
        label={t('addOrg.symbol')}
        description={t('addOrg.symbolHint')}
        value={symbol}
        onChange={(e) => setSymbol(e.currentTarget.value)}
        error={errors.fieldErrors.symbol}
        maxLength={20}
      />
    </FormModal>
  );
}
