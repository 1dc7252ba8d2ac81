// The meeting rule set governing an organisation (its document and parameters), and for upper committees and the
// organisation board the form that puts a rule set in force for the subtree from a date.
import { Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { createdResponse } from '../../../contracts/common.ts';
import { assignRuleSetBody } from '../../../contracts/rule-sets.ts';
import { api } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { useFormWrite } from '../../components/forms.ts';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { ToneBadge } from '../../components/ToneBadge.tsx';
import { formatDate, todayIso } from '../../lib/dates.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { Field } from '../../components/Field.tsx';
import { useMessage } from '../../components/message.ts';
import { governingRuleSetQuery, ruleSetsQuery } from './api.ts';

/** The day whose rule set matters for a year: today in the current year, else the year's last or first day. */
export function ruleDateFor(year: number): string {
  const today = todayIso();
  const current = Number(today.slice(0, 4));
  if (year === current) return today;
  return year < current ? `${year}-12-31` : `${year}-01-01`;
}

export function RuleSetSection({
  organizationId,
  organizationName,
  year,
  canAssign,
}: {
  organizationId: string;
  organizationName: string;
  year: number;
  canAssign: boolean;
}) {
  const { t } = useTranslation();
  const msg = useMessage();
  const query = useQuery(governingRuleSetQuery(organizationId, ruleDateFor(year)));
  const [assigning, setAssigning] = useState(false);
  const rs = query.data?.ruleSet ?? null;
  const minutes = (n: number | null) => (n === null ? t('plan.notSet') : t('plan.minutes', { count: n }));
  const days = (n: number | null) => (n === null ? t('plan.notSet') : t('plan.days', { count: n }));
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="ruleset-heading">
      <Stack gap="sm">
        <Title order={2} id="ruleset-heading">
          {t('plan.ruleSet')}
        </Title>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
        ) : !rs ? (
          <Text c="dimmed">{t('plan.ruleSetNone')}</Text>
        ) : (
          <>
            <div>
              <Text fw={700} size="lg">
                {rs.title}
              </Text>
              <Group gap="xs" mt={4}>
                <ToneBadge tone="red">{rs.document}</ToneBadge>
                <Text size="sm" c="dimmed">
                  {query.data.assignedBy
                    ? t('plan.ruleSetAssignedBy', {
                        name: query.data.assignedBy.organizationName,
                        date: formatDate(query.data.assignedBy.effectiveFrom),
                      })
                    : `${t('plan.ruleSetNational')} · ${t('plan.ruleSetEffective', { date: formatDate(rs.effectiveFrom) })}`}
                </Text>
              </Group>
            </div>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
              <Field label={t('plan.meetingDay')}>{msg(rs.meetingDay)}</Field>
              <Field label={t('plan.minDuration')}>{minutes(rs.minDurationMinutes)}</Field>
              <Field label={t('plan.minCombinedDuration')}>{minutes(rs.minCombinedDurationMinutes)}</Field>
              <Field label={t('plan.materialsLead')}>{days(rs.materialsLeadDays)}</Field>
              <Field label={t('plan.finaliseWithin')}>{days(rs.finaliseWithinDays)}</Field>
            </SimpleGrid>
            {rs.sources.length > 0 ? (
              <div>
                <Text size="sm" c="dimmed">
                  {t('plan.ruleSetSources')}
                </Text>
                <Stack gap={2} component="ul" m={0} pl="lg">
                  {rs.sources.map((s) => (
                    <Text component="li" size="sm" key={s}>
                      {s}
                    </Text>
                  ))}
                </Stack>
              </div>
            ) : null}
          </>
        )}
        {canAssign ? (
          <div>
            <Button variant="outline" onClick={() => setAssigning(true)}>
              {t('plan.assignRuleSet')}
            </Button>
          </div>
        ) : null}
      </Stack>
      {assigning ? (
        <AssignRuleSetForm
          organizationId={organizationId}
          organizationName={organizationName}
          defaultDate={`${year}-01-01` > todayIso() ? `${year}-01-01` : todayIso()}
          onClose={() => setAssigning(false)}
        />
      ) : null}
    </Card>
  );
}

type AssignBody = z.input<typeof assignRuleSetBody>;

function AssignRuleSetForm({
  organizationId,
  organizationName,
  defaultDate,
  onClose,
}: {
  organizationId: string;
  organizationName: string;
  defaultDate: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const sets = useQuery(ruleSetsQuery);
  const [ruleSetId, setRuleSetId] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(defaultDate);
  const [documentRef, setDocumentRef] = useState('');
  const { errors, mutation, send } = useFormWrite({
    fields: ['ruleSetId', 'effectiveFrom', 'documentRef'],
    write: (body: AssignBody) =>
      api.post<z.infer<typeof createdResponse>>(`/organizations/${organizationId}/rule-sets`, body),
    refresh: [['rule-set'], ['meeting-year']],
    done: t('plan.assigned'),
    onDone: onClose,
  });
  const submit = () => {
    const body: AssignBody = { ruleSetId, effectiveFrom, documentRef: documentRef.trim() || undefined };
    send(assignRuleSetBody, body);
  };
  return (
    <FormModal
      title={t('plan.assignRuleSet')}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      submitLabel={t('plan.assign')}
      pending={mutation.isPending}
      formRef={errors.formRef}
    >
      <Text>{t('plan.assignRuleSetHint', { name: organizationName })}</Text>
      {sets.isError ? <ErrorNotice error={sets.error} onRetry={() => void sets.refetch()} /> : null}
      <NativeSelect
        label={t('plan.ruleSetField')}
        required
        value={ruleSetId}
        onChange={(e) => setRuleSetId(e.currentTarget.value)}
        error={errors.fieldErrors.ruleSetId}
        data={[
          { value: '', label: t('plan.chooseRuleSet') },
          ...(sets.data?.items ?? []).map((s) => ({
            value: s.id,
            label: `${s.title} (${s.document}, ${formatDate(s.effectiveFrom)})`,
          })),
        ]}
      />
      <DateField
        label={t('plan.effectiveFrom')}
        required
        value={effectiveFrom}
        onChange={setEffectiveFrom}
        error={errors.fieldErrors.effectiveFrom}
      />
      <TextInput
        label={t('plan.documentRef')}
        description={t('plan.documentRefHint')}
        value={documentRef}
        onChange={(e) => setDocumentRef(e.currentTarget.value)}
        error={errors.fieldErrors.documentRef}
      />
    </FormModal>
  );
}
