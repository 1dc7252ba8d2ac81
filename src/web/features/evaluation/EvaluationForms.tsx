// The forms of the evaluation's steps (phone-friendly modal forms): the self-assessment with the facts beside it,
// the proposal, and the decision with the quota status and the reason needed to exceed it.
import { Alert, NativeSelect, NumberInput, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { decideBody, proposeBody, selfAssessBody, type stepResponse } from '../../../contracts/evaluation.ts';
import { api } from '../../api/client.ts';
import { useFormWrite } from '../../components/forms.ts';
import { FormModal } from '../../components/FormModal.tsx';
import {
  type EvaluationItem,
  type EvaluationList,
  levelLabel,
  type EvaluationLevel,
  evaluationLevels,
  type SubjectForm,
  subjectName,
} from './api.ts';
import { EvidenceView, QuotaStatus } from './EvidenceView.tsx';
import { useMessage } from '../../components/message.ts';

function useStep(item: EvaluationItem, path: string, onClose: () => void, fields: string[]) {
  const { t } = useTranslation();
  return useFormWrite({
    fields,
    write: (body: unknown) => api.post<z.infer<typeof stepResponse>>(`/evaluations/${item.id}/${path}`, body),
    refresh: [['evaluations'], ['four-good']],
    done: t('evaluation.saved'),
    onDone: onClose,
  });
}

function LevelSelect({
  value,
  onChange,
  error,
}: {
  value: EvaluationLevel;
  onChange: (l: EvaluationLevel) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('evaluation.levelField')}
      required
      value={value}
      onChange={(e) => onChange(e.currentTarget.value as EvaluationLevel)}
      error={error}
      data={evaluationLevels.map((l) => ({ value: l, label: levelLabel(t, l) }))}
    />
  );
}

export function SelfAssessForm({
  item,
  list,
  onClose,
}: {
  item: EvaluationItem;
  list: EvaluationList;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const scored = list.rules.scale === 'points_100';
  const [points, setPoints] = useState<number | string>(item.self?.points ?? '');
  const [level, setLevel] = useState<EvaluationLevel>(item.self?.level ?? item.evidence.highestAllowed.level);
  const [form, setForm] = useState<SubjectForm>(item.form);
  const [exceeding, setExceeding] = useState<number | string>(item.self?.tasksExceeding ?? 0);
  const [text, setText] = useState(item.self?.text ?? '');
  const { errors, mutation } = useStep(item, 'self-assessment', onClose, [
    'points',
    'level',
    'form',
    'tasksExceeding',
    'text',
  ]);
  const submit = () => {
    const body: z.input<typeof selfAssessBody> = {
      points: scored && points !== '' ? Number(points) : null,
      level,
      text,
      form: item.subjectKind === 'member' ? form : undefined,
      tasksExceeding: exceeding === '' ? 0 : Number(exceeding),
    };
    const parsed = selfAssessBody.safeParse(body);
    if (!parsed.success) return errors.fromZod(parsed.error);
    errors.clear();
    mutation.mutate(parsed.data);
  };
  return (
    <FormModal
      title={t('evaluation.selfTitle', { name: subjectName(t, item) })}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      submitLabel={t('evaluation.action_self_assess')}
      pending={mutation.isPending}
      formRef={errors.formRef}
    >
      <EvidenceView item={item} />
      {item.subjectKind === 'member' ? (
        <NativeSelect
          label={t('evaluation.formField')}
          value={form}
          onChange={(e) => setForm(e.currentTarget.value as SubjectForm)}
          error={errors.fieldErrors.form}
          data={(['leader', 'member', 'member_outside_system'] as const).map((f) => ({
            value: f,
            label: t(`evaluation.form_${f}`),
          }))}
        />
      ) : (
        <Text size="sm">{item.formTitle}</Text>
      )}
      {scored ? (
        <NumberInput
          label={t('evaluation.pointsField')}
          required
          min={0}
          max={100}
          decimalScale={1}
          value={points}
          onChange={setPoints}
          error={errors.fieldErrors.points}
          inputMode="decimal"
        />
      ) : null}
      <NumberInput
        label={t('evaluation.exceedingField')}
        min={0}
        value={exceeding}
        onChange={setExceeding}
        error={errors.fieldErrors.tasksExceeding}
        inputMode="numeric"
      />
      <LevelSelect value={level} onChange={setLevel} error={errors.fieldErrors.level} />
      <Textarea
        label={t('evaluation.textField')}
        required
        autosize
        minRows={4}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        error={errors.fieldErrors.text}
      />
    </FormModal>
  );
}

export function ProposeForm({ item, onClose }: { item: EvaluationItem; onClose: () => void }) {
  const { t } = useTranslation();
  const [level, setLevel] = useState<EvaluationLevel>(item.proposal?.level ?? item.self?.level ?? 'good');
  const [note, setNote] = useState(item.proposal?.note ?? '');
  const { errors, mutation } = useStep(item, 'proposal', onClose, ['level', 'note']);
  const submit = () => {
    const parsed = proposeBody.safeParse({ level, note: note.trim() || undefined });
    if (!parsed.success) return errors.fromZod(parsed.error);
    errors.clear();
    mutation.mutate(parsed.data);
  };
  return (
    <FormModal
      title={t('evaluation.proposeTitle', { name: subjectName(t, item) })}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      submitLabel={t('evaluation.action_propose')}
      pending={mutation.isPending}
      formRef={errors.formRef}
    >
      <EvidenceView item={item} />
      <LevelSelect value={level} onChange={setLevel} error={errors.fieldErrors.level} />
      <Textarea
        label={t('evaluation.noteField')}
        autosize
        minRows={2}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors.fieldErrors.note}
      />
    </FormModal>
  );
}

export function DecideForm({
  item,
  list,
  onClose,
}: {
  item: EvaluationItem;
  list: EvaluationList;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const msg = useMessage();
  const [level, setLevel] = useState<EvaluationLevel>(item.proposal?.level ?? 'good');
  const [document, setDocument] = useState('');
  const [note, setNote] = useState('');
  const [quotaReason, setQuotaReason] = useState('');
  const { errors, mutation } = useStep(item, 'decision', onClose, [
    'level',
    'document',
    'note',
    'quotaReason',
  ]);
  const submit = () => {
    const parsed = decideBody.safeParse({
      level,
      document: document.trim() || undefined,
      note: note.trim() || undefined,
      quotaReason: quotaReason.trim() || undefined,
    });
    if (!parsed.success) return errors.fromZod(parsed.error);
    errors.clear();
    mutation.mutate(parsed.data);
  };
  return (
    <FormModal
      title={t('evaluation.decideTitle', { name: subjectName(t, item) })}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      submitLabel={t('evaluation.action_decide')}
      pending={mutation.isPending}
      formRef={errors.formRef}
    >
      <EvidenceView item={item} />
      {item.subjectKind === 'member' ? <QuotaStatus list={list} /> : null}
      <LevelSelect value={level} onChange={setLevel} error={errors.fieldErrors.level} />
      <TextInput
        label={t('evaluation.documentField')}
        value={document}
        onChange={(e) => setDocument(e.currentTarget.value)}
        error={errors.fieldErrors.document}
      />
      <Textarea
        label={t('evaluation.noteField')}
        autosize
        minRows={2}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors.fieldErrors.note}
      />
      {level === 'excellent' ? (
        <>
          <Textarea
            label={t('evaluation.quotaReasonField')}
            description={t('evaluation.quotaReasonHint')}
            autosize
            minRows={2}
            value={quotaReason}
            onChange={(e) => setQuotaReason(e.currentTarget.value)}
            error={errors.fieldErrors.quotaReason}
          />
          {errors.fieldErrors.quotaReason ? null : list.quota.exceeded ? (
            <Alert color="orange" variant="light">
              {msg(list.quota.message)}
            </Alert>
          ) : null}
        </>
      ) : null}
    </FormModal>
  );
}
