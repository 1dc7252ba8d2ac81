// "Bốn tốt" of the cells and grassroots organisations of a subtree, a page at a time by name: the four criteria of
// each (derived from the facts or entered with evidence), the subtree's share against the 90% target and its
// counts by criterion, the 6-month review and the year-end list (the filter on those that reach it); upper
// committees enter the criteria the app has no facts for.
import type { z } from 'zod';
import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { okResponse } from '../../../contracts/common.ts';
import { fourGoodEntryBody } from '../../../contracts/evaluation.ts';
import { api } from '../../api/client.ts';
import { useFormWrite } from '../../components/forms.ts';
import { QueryBoundary } from '../../components/QueryState.tsx';
import { ToneBadge } from '../../components/ToneBadge.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { KeysetPager, useKeysetPages } from '../../components/KeysetPager.tsx';
import { type FourGood, type FourGoodFilter, fourGoodQuery } from './api.ts';
import { useMessage } from '../../components/message.ts';

const criteria = ['political_task', 'meeting_quality', 'unity_discipline', 'cadres_members'] as const;
type Criterion = (typeof criteria)[number];

export function FourGoodSection({ organizationId, year }: { organizationId: string; year: number }) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<'midyear' | 'year'>('year');
  const [result, setResult] = useState<FourGoodFilter>('all');
  const pages = useKeysetPages();
  const query = useQuery(fourGoodQuery(organizationId, year, period, result, pages.cursor));
  return (
    <Stack gap="sm" component="section" aria-labelledby="four-good-heading">
      <Title order={2} id="four-good-heading">
        {t('fourGood.title')}
      </Title>
      <SegmentedControl
        aria-label={t('fourGood.period')}
        value={period}
        onChange={(v) => {
          setPeriod(v as 'midyear' | 'year');
          pages.reset();
        }}
        data={[
          { value: 'midyear', label: t('fourGood.midyear') },
          { value: 'year', label: t('fourGood.year') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <SegmentedControl
        aria-label={t('fourGood.show')}
        value={result}
        onChange={(v) => {
          setResult(v as FourGoodFilter);
          pages.reset();
        }}
        data={[
          { value: 'all', label: t('fourGood.showAll') },
          { value: 'met', label: t('fourGood.list') },
          { value: 'not_met', label: t('fourGood.showNotMet') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <QueryBoundary query={query}>
        {(data) => (
          <Stack gap="sm">
            <FourGoodTable data={data} filtered={result !== 'all'} />
            <KeysetPager
              pages={pages}
              shown={data.items.length}
              total={data.listed}
              nextCursor={data.nextCursor}
              label={t('fourGood.pages')}
            />
          </Stack>
        )}
      </QueryBoundary>
    </Stack>
  );
}

function FourGoodTable({ data, filtered }: { data: FourGood; filtered: boolean }) {
  const { t } = useTranslation();
  const msg = useMessage();
  const [entering, setEntering] = useState(false);
  const s = data.share;
  const pct = s.share === null ? 0 : Math.round(s.share * 100);
  if (data.items.length === 0 && !filtered) return <Text c="dimmed">{t('fourGood.empty')}</Text>;
  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Text fw={600}>
          {t('fourGood.share', {
            met: s.met,
            total: s.total,
            share: pct,
            target: Math.round(s.target * 100),
          })}
        </Text>
        <ToneBadge tone={s.targetMet ? 'green' : 'red'}>
          {s.targetMet ? t('fourGood.targetMet') : t('fourGood.targetMissed')}
        </ToneBadge>
        {data.actions.includes('enter') ? (
          <Button size="sm" variant="outline" onClick={() => setEntering(true)}>
            {t('fourGood.enter')}
          </Button>
        ) : null}
      </Group>
      <Table.ScrollContainer minWidth={720}>
        <Table striped withTableBorder verticalSpacing="xs" aria-label={t('fourGood.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fourGood.organization')}</Table.Th>
              {criteria.map((c) => (
                <Table.Th key={c}>{t(`fourGood.criterion_${c}`)}</Table.Th>
              ))}
              <Table.Th>{t('fourGood.result')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={criteria.length + 2}>
                  <Text c="dimmed" size="sm">
                    {t('fourGood.emptyFiltered')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
            {data.items.map((item) => (
              <Table.Tr key={item.organization.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {item.organization.name}
                  </Text>
                </Table.Td>
                {item.criteria.map((c) => (
                  <Table.Td key={c.criterion}>
                    <Stack gap={2}>
                      <ToneBadge tone={c.met === null ? 'gray' : c.met ? 'green' : 'red'}>
                        {c.met === null
                          ? t('fourGood.unknown')
                          : c.met
                            ? t('fourGood.met')
                            : t('fourGood.notMet')}
                      </ToneBadge>
                      <Text size="xs">{msg(c.evidence)}</Text>
                      <Text size="xs" c="dimmed">
                        {c.derived ? t('fourGood.derived') : c.met === null ? '' : t('fourGood.entered')}
                      </Text>
                    </Stack>
                  </Table.Td>
                ))}
                <Table.Td>
                  <ToneBadge tone={item.met ? 'green' : 'red'}>
                    {item.met ? t('fourGood.met') : t('fourGood.notMet')}
                  </ToneBadge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th>{t('fourGood.totals')}</Table.Th>
              {data.criteria.map((c) => (
                <Table.Td key={c.criterion}>
                  <Text size="xs">
                    {t('fourGood.criterionCounts', { met: c.met, notMet: c.notMet, unknown: c.unknown })}
                  </Text>
                </Table.Td>
              ))}
              <Table.Td>
                <Text size="xs">{`${s.met}/${s.total}`}</Text>
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
      {entering ? <EntryForm data={data} onClose={() => setEntering(false)} /> : null}
    </Stack>
  );
}

function EntryForm({ data, onClose }: { data: FourGood; onClose: () => void }) {
  const { t } = useTranslation();
  const [organizationId, setOrganizationId] = useState(data.items[0]?.organization.id ?? '');
  const [criterion, setCriterion] = useState<Criterion>('meeting_quality');
  const [met, setMet] = useState(true);
  const [evidence, setEvidence] = useState('');
  const { errors, mutation, send } = useFormWrite({
    fields: ['criterion', 'met', 'evidence'],
    write: (body: unknown) =>
      api.post<z.infer<typeof okResponse>>(`/organizations/${organizationId}/four-good`, body),
    refresh: [['four-good']],
    done: t('fourGood.savedEntry'),
    onDone: onClose,
  });
  const submit = () => {
    send(fourGoodEntryBody, { year: data.year, criterion, met, evidence });
  };
  return (
    <FormModal
      title={t('fourGood.enterTitle')}
      onClose={onClose}
      onSubmit={submit}
      formError={errors.formError}
      submitLabel={t('common.save')}
      pending={mutation.isPending}
      formRef={errors.formRef}
    >
      <NativeSelect
        label={t('fourGood.organizationField')}
        value={organizationId}
        onChange={(e) => setOrganizationId(e.currentTarget.value)}
        data={data.items.map((i) => ({ value: i.organization.id, label: i.organization.name }))}
      />
      <NativeSelect
        label={t('fourGood.criterionField')}
        value={criterion}
        onChange={(e) => setCriterion(e.currentTarget.value as Criterion)}
        error={errors.fieldErrors.criterion}
        data={criteria.map((c) => ({ value: c, label: t(`fourGood.criterion_${c}`) }))}
      />
      <Checkbox
        label={t('fourGood.metField')}
        checked={met}
        onChange={(e) => setMet(e.currentTarget.checked)}
      />
      <Textarea
        label={t('fourGood.evidenceField')}
        required
        autosize
        minRows={3}
        value={evidence}
        onChange={(e) => setEvidence(e.currentTarget.value)}
        error={errors.fieldErrors.evidence}
      />
    </FormModal>
  );
}
