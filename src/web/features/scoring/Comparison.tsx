// Every scorecard of the meeting side by side: criterion × (Chi bộ tự chấm / Cấp ủy viên theo dõi / Đoàn giám sát),
// with totals and ratings; a value that set the automatic one aside is marked and carries its reason; the gap
// between the self-score and the outside scores is said in words, highlighted from 10 points.
import { Alert, Stack, Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { ToneBadge } from '../../components/ToneBadge.tsx';
import { Section } from '../../components/Section.tsx';
import { formatNumber, kindLabel, type MeetingScores, ratingLabel, ratingTone, scorerKinds } from './api.ts';
import { useMessage } from '../../components/message.ts';

const gapThreshold = 10;

export function Comparison({ scores, thematic }: { scores: MeetingScores; thematic: boolean }) {
  const { t } = useTranslation();
  const msg = useMessage();
  const cards = [...scores.scorecards].sort(
    (a, b) => scorerKinds.indexOf(a.kind) - scorerKinds.indexOf(b.kind),
  );
  const gap = scores.gap;
  return (
    <Section title={t('scoring.comparison')}>
      {cards.length === 0 ? (
        <Text c="dimmed">{t('scoring.noScorecards')}</Text>
      ) : (
        <Stack gap="sm">
          {gap ? <Gap difference={gap.difference} self={gap.self} outside={gap.outside} /> : null}
          <Table.ScrollContainer minWidth={140 + cards.length * 80}>
            <Table
              striped
              withTableBorder
              withColumnBorders
              verticalSpacing={6}
              horizontalSpacing={6}
              fz="sm"
              aria-label={t('scoring.comparison')}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('scoring.criterion')}</Table.Th>
                  {cards.map((c) => (
                    <Table.Th key={c.id} ta="center" data-testid={`column-${c.kind}`}>
                      <Text fw={700} size="sm">
                        {kindLabel(t, c.kind)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {c.scorer}
                      </Text>
                      {c.status === 'draft' ? (
                        <ToneBadge tone="gray" size="xs">
                          {t('scoring.draft')}
                        </ToneBadge>
                      ) : null}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {scores.framework.groups.map((g) => (
                  <Fragment key={g.id}>
                    <Table.Tr bg="gray.1">
                      <Table.Th colSpan={cards.length + 1} scope="colgroup">
                        {g.title} ({t('scoring.max', { points: formatNumber(g.max) })})
                      </Table.Th>
                    </Table.Tr>
                    {g.criteria.map((cr) => (
                      <Table.Tr key={cr.id}>
                        <Table.Th scope="row" fw={400}>
                          {cr.title}{' '}
                          <Text span size="xs" c="dimmed">
                            /{formatNumber(cr.max)}
                          </Text>
                        </Table.Th>
                        {cards.map((c) => {
                          const x = c.criteria.find((e) => e.id === cr.id);
                          const notApplicable = x
                            ? !x.applicable
                            : cr.appliesWhen === 'thematic' && !thematic;
                          return (
                            <Table.Td key={c.id} ta="center">
                              {notApplicable ? (
                                <Text size="xs" c="dimmed">
                                  {t('scoring.notApplicableShort')}
                                </Text>
                              ) : x?.points === null || x === undefined ? (
                                '—'
                              ) : (
                                <>
                                  <Text
                                    size="sm"
                                    fw={x.overridden ? 700 : 400}
                                    c={x.overridden ? 'orange.9' : undefined}
                                  >
                                    {formatNumber(x.points)}
                                    {x.overridden ? ' *' : ''}
                                  </Text>
                                  {x.overridden ? (
                                    <Text size="xs" c="orange.9" ta="left">
                                      {t('scoring.overriddenFrom', {
                                        points: x.auto ? formatNumber(x.auto.points) : '—',
                                        reason: x.overrideReason ?? '',
                                      })}
                                    </Text>
                                  ) : null}
                                </>
                              )}
                            </Table.Td>
                          );
                        })}
                      </Table.Tr>
                    ))}
                  </Fragment>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th>{t('scoring.total')}</Table.Th>
                  {cards.map((c) => (
                    <Table.Td key={c.id} ta="center" fw={800} data-testid={`total-${c.kind}`}>
                      {formatNumber(c.total)}/{formatNumber(c.applicableMax)}
                      <Text size="xs">{formatNumber(c.percent)}%</Text>
                    </Table.Td>
                  ))}
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>{t('scoring.ratingColumn')}</Table.Th>
                  {cards.map((c) => (
                    <Table.Td key={c.id} ta="center">
                      {c.rating ? (
                        <ToneBadge tone={ratingTone[c.rating]}>{ratingLabel(t, c.rating)}</ToneBadge>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  ))}
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
          <Text size="xs" c="dimmed">
            {t('scoring.overrideLegend')}
          </Text>
          <Stack gap={4} component="ul" m={0} pl="md">
            {cards
              .filter((c) => c.ratingReason)
              .map((c) => (
                <Text component="li" size="sm" key={c.id}>
                  <b>{kindLabel(t, c.kind)}:</b> {msg(c.ratingReason)}
                </Text>
              ))}
          </Stack>
        </Stack>
      )}
    </Section>
  );
}

function Gap({ difference, self, outside }: { difference: number; self: number; outside: number }) {
  const { t } = useTranslation();
  const points = formatNumber(Math.abs(difference));
  const text =
    difference > 0
      ? t('scoring.gapHigher', { points })
      : difference < 0
        ? t('scoring.gapLower', { points })
        : t('scoring.gapEqual');
  const high = difference >= gapThreshold;
  return (
    <Alert
      color={high ? 'red' : 'gray'}
      variant="light"
      role={high ? 'alert' : 'note'}
      data-testid="score-gap"
      title={text}
    >
      {t('scoring.gapDetail', { self: formatNumber(self), outside: formatNumber(outside) })}
    </Alert>
  );
}
