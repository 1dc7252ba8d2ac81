// The facts attached to an evaluation (attendance, meetings, tasks, monthly ratings, discipline, members'
// levels, the highest level they allow) and the quota status of the grassroots organisation.
import { Alert, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type EvaluationItem, type EvaluationList, levelLabel } from './api.ts';
import { useMessage } from '../../components/message.ts';

export function EvidenceView({ item }: { item: EvaluationItem }) {
  const { t } = useTranslation();
  const msg = useMessage();
  const e = item.evidence;
  const ratings = e.ratings
    .map((r) => `${r.month.slice(5)}: ${t(`evaluation.rating_${r.rating}`)}`)
    .join(', ');
  const discipline = e.discipline
    .map(
      (d) =>
        `${d.memberName ? `${d.memberName} – ` : ''}${t(`evaluation.discipline_${d.form}`)} ${d.decidedOn}` +
        (d.documentRef ? ` (${d.documentRef})` : ''),
    )
    .join('; ');
  return (
    <Stack gap={4} aria-label={t('evaluation.evidence')} component="section">
      <Text size="sm" fw={600}>
        {t('evaluation.evidence')}
      </Text>
      <List size="sm" spacing={2}>
        {e.attendance ? <List.Item>{t('evaluation.attendance', e.attendance)}</List.Item> : null}
        {e.meetings ? (
          <List.Item>
            {t('evaluation.meetings', {
              held: e.meetings.monthsHeld,
              missing: e.meetings.missingMonths.map((m) => m.slice(5)).join(', ') || '0',
              quarters: e.meetings.quartersWithoutThematic,
            })}
          </List.Item>
        ) : null}
        <List.Item>{t('evaluation.tasks', e.tasks)}</List.Item>
        <List.Item>
          {ratings ? t('evaluation.ratings', { list: ratings }) : t('evaluation.noRatings')}
        </List.Item>
        <List.Item>
          {discipline ? t('evaluation.discipline', { list: discipline }) : t('evaluation.noDiscipline')}
        </List.Item>
        {e.memberLevels ? <List.Item>{t('evaluation.memberLevels', e.memberLevels)}</List.Item> : null}
      </List>
      <Text size="sm" fw={600}>
        {t('evaluation.highestAllowed', { level: levelLabel(t, e.highestAllowed.level) })}
      </Text>
      {e.highestAllowed.reasons.length > 0 ? (
        <List size="xs" c="dimmed" spacing={2}>
          {e.highestAllowed.reasons.map((r, i) => (
            <List.Item key={i}>{msg(r)}</List.Item>
          ))}
        </List>
      ) : null}
    </Stack>
  );
}

export function QuotaStatus({ list }: { list: EvaluationList }) {
  const { t } = useTranslation();
  const msg = useMessage();
  const q = list.quota;
  return (
    <Alert color={q.exceeded ? 'orange' : 'blue'} variant="light" role="status">
      <Text size="sm">
        {t('evaluation.quota', {
          excellent: q.excellent,
          allowed: q.allowedExcellent,
          share: Math.round(q.maxShare * 100),
          base: q.base,
          holder: list.holder.name,
        })}
      </Text>
      {q.exceeded ? (
        <Text size="sm" fw={600}>
          {t('evaluation.quotaExceeded')}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed">
        {msg(q.source)}
      </Text>
    </Alert>
  );
}
