// The annual evaluation of an organisation (/organizations/$id/evaluation?year=): for a cell, its members and
// itself with their self-rating, proposal, decision and step, the evidence from the facts, the forms of each step
// and the quota status; above the cells, the cells' own evaluations; for everyone the "bốn tốt" of the subtree.
import type { z } from 'zod';
import { Alert, Button, Group, List, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { stepResponse } from '../../../contracts/evaluation.ts';
import { api } from '../../api/client.ts';
import { AnchorLink } from '../../components/links.tsx';
import { Page } from '../../components/Page.tsx';
import { QueryBoundary, useErrorMessage } from '../../components/QueryState.tsx';
import { ToneBadge } from '../../components/ToneBadge.tsx';
import { todayIso } from '../../lib/dates.ts';
import {
  type EvaluationAction,
  type EvaluationItem,
  type EvaluationList,
  evaluationsQuery,
  levelLabel,
  levelTone,
  stepLabel,
  subjectName,
} from './api.ts';
import { DecideForm, ProposeForm, SelfAssessForm } from './EvaluationForms.tsx';
import { EvidenceView, QuotaStatus } from './EvidenceView.tsx';
import { FourGoodSection } from './FourGoodSection.tsx';
import { useMessage } from '../../components/message.ts';

const currentYear = () => Number(todayIso().slice(0, 4));

type Dialog = { action: Exclude<EvaluationAction, 'announce'>; item: EvaluationItem } | null;

function YearSelect({ id, year }: { id: string; year: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const years = Array.from({ length: currentYear() - 2018 + 1 }, (_, i) => currentYear() - i);
  return (
    <NativeSelect
      aria-label={t('evaluation.year')}
      value={String(year)}
      onChange={(e) =>
        void navigate({
          to: '/organizations/$id/evaluation',
          params: { id },
          search: { year: Number(e.currentTarget.value) },
        })
      }
      data={years.map(String)}
      w={112}
    />
  );
}

function LevelCell({
  level,
  extra,
}: {
  level: EvaluationItem['evidence']['highestAllowed']['level'] | null;
  extra?: string;
}) {
  const { t } = useTranslation();
  if (!level) return <Text c="dimmed">—</Text>;
  return (
    <Stack gap={2}>
      <ToneBadge tone={levelTone[level]} style={{ whiteSpace: 'normal', height: 'auto' }}>
        {levelLabel(t, level)}
      </ToneBadge>
      {extra ? <Text size="xs">{extra}</Text> : null}
    </Stack>
  );
}

function EvaluationView({ list }: { list: EvaluationList }) {
  const { t } = useTranslation();
  const msg = useMessage();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const id = list.organization.id;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const close = () => setDialog(null);
  const start = useMutation({
    mutationFn: () =>
      api.post(`/organizations/${id}/evaluations`, { year: list.year }) as Promise<{
        created: number;
      }>,
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: ['evaluations'] });
      notifications.show({ color: 'green', message: t('evaluation.started', { count: r.created }) });
    },
    onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
  });
  const announce = useMutation({
    mutationFn: (itemId: string) =>
      api.post<z.infer<typeof stepResponse>>(`/evaluations/${itemId}/announce`, {}),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['evaluations'] });
      notifications.show({ color: 'green', message: t('evaluation.announced') });
    },
    onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
  });
  const toggle = (itemId: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(itemId)) next.delete(itemId);
      else next.add(itemId);
      return next;
    });
  return (
    <Page
      title={t('evaluation.title')}
      above={
        <AnchorLink to="/organizations/$id" params={{ id }} fw={600}>
          {list.organization.name}
        </AnchorLink>
      }
      actions={
        <>
          <YearSelect id={id} year={list.year} />
          {list.actions.includes('start') ? (
            <Button variant="outline" loading={start.isPending} onClick={() => start.mutate()}>
              {t('evaluation.start', { year: list.year })}
            </Button>
          ) : null}
        </>
      }
    >
      <Stack gap={4} component="section" aria-label={t('evaluation.rules')}>
        <Text fw={600}>
          {t('evaluation.rules')}: {list.rules.title}
        </Text>
        <List size="sm" spacing={2}>
          {list.rules.levels.map((l) => (
            <List.Item key={l.level}>
              {levelLabel(t, l.level)}: {msg(l.conditions)}
            </List.Item>
          ))}
        </List>
      </Stack>
      {list.isCell ? <QuotaStatus list={list} /> : null}
      <Stack gap="sm" component="section" aria-labelledby="evaluation-heading">
        <Title order={2} id="evaluation-heading">
          {list.isCell ? t('evaluation.members') : t('evaluation.organizations')}
        </Title>
        {list.items.length === 0 ? (
          <Alert variant="light" color="gray">
            {list.actions.includes('start') ? t('evaluation.none') : t('evaluation.noneForMember')}
          </Alert>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table withTableBorder verticalSpacing="xs" aria-labelledby="evaluation-heading">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('evaluation.subject')}</Table.Th>
                  <Table.Th>{t('evaluation.step')}</Table.Th>
                  <Table.Th>{t('evaluation.self')}</Table.Th>
                  <Table.Th>{t('evaluation.proposal')}</Table.Th>
                  <Table.Th>{t('evaluation.decision')}</Table.Th>
                  <Table.Th>{t('evaluation.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((item) => {
                  const name = subjectName(t, item);
                  const expanded = open.has(item.id);
                  return (
                    <Fragment key={item.id}>
                      <Table.Tr data-testid={`evaluation-${item.member?.id ?? item.organization.id}`}>
                        <Table.Td>
                          <Stack gap={2}>
                            <Text size="sm" fw={600}>
                              {name}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {t(`evaluation.form_${item.form}`)}
                            </Text>
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              onClick={() => toggle(item.id)}
                              aria-expanded={expanded}
                              aria-label={t(
                                expanded ? 'evaluation.hideEvidence' : 'evaluation.showEvidence',
                                {
                                  name,
                                },
                              )}
                              style={{ alignSelf: 'flex-start' }}
                            >
                              {t('evaluation.evidence')}
                            </Button>
                          </Stack>
                        </Table.Td>
                        <Table.Td>
                          <ToneBadge tone={item.step === 'announced' ? 'green' : 'gray'}>
                            {stepLabel(t, item.step)}
                          </ToneBadge>
                        </Table.Td>
                        <Table.Td>
                          <LevelCell
                            level={item.self?.level ?? null}
                            extra={
                              item.self?.points != null
                                ? `${t('evaluation.points')}: ${item.self.points}`
                                : undefined
                            }
                          />
                        </Table.Td>
                        <Table.Td>
                          <LevelCell
                            level={item.proposal?.level ?? null}
                            extra={item.proposal?.note ?? undefined}
                          />
                        </Table.Td>
                        <Table.Td>
                          <LevelCell
                            level={item.decision?.level ?? null}
                            extra={item.decision?.document ?? undefined}
                          />
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            {item.actions.map((a) =>
                              a === 'announce' ? (
                                <Button
                                  key={a}
                                  size="compact-sm"
                                  variant="light"
                                  loading={announce.isPending && announce.variables === item.id}
                                  onClick={() => announce.mutate(item.id)}
                                  aria-label={`${t('evaluation.action_announce')}: ${name}`}
                                >
                                  {t('evaluation.action_announce')}
                                </Button>
                              ) : (
                                <Button
                                  key={a}
                                  size="compact-sm"
                                  onClick={() => setDialog({ action: a, item })}
                                  aria-label={`${t(`evaluation.action_${a}`)}: ${name}`}
                                >
                                  {t(`evaluation.action_${a}`)}
                                </Button>
                              ),
                            )}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                      {expanded ? (
                        <Table.Tr>
                          <Table.Td colSpan={6} bg="gray.0">
                            <EvidenceView item={item} />
                          </Table.Td>
                        </Table.Tr>
                      ) : null}
                    </Fragment>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <FourGoodSection organizationId={id} year={list.year} />
      {dialog?.action === 'self_assess' ? (
        <SelfAssessForm item={dialog.item} list={list} onClose={close} />
      ) : null}
      {dialog?.action === 'propose' ? <ProposeForm item={dialog.item} onClose={close} /> : null}
      {dialog?.action === 'decide' ? <DecideForm item={dialog.item} list={list} onClose={close} /> : null}
    </Page>
  );
}

export function EvaluationPage() {
  const { id } = useParams({ from: '/app/organizations/$id/evaluation' });
  const { year } = useSearch({ from: '/app/organizations/$id/evaluation' });
  const query = useQuery(evaluationsQuery(id, year ?? currentYear()));
  return (
    <Stack gap={0}>
      <QueryBoundary query={query}>{(list) => <EvaluationView list={list} />}</QueryBoundary>
    </Stack>
  );
}
