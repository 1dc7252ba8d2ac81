// The charts of the ratings page: how many cells got each rating month by month (stacked bars) and the mean gap
// between self-scores and outside scores (line, with the flagging margin). Loaded on demand with the charts library.
import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  formatNumber,
  monthNumber,
  ratingColor,
  ratingLabel,
  ratingOrder,
  type RatingsOverview,
} from './api.ts';

export default function Charts({ data }: { data: RatingsOverview }) {
  const { t } = useTranslation();
  const label = (m: string) => t('ratings.month', { month: monthNumber(m) });
  const any = data.distribution.some((d) => d.good + d.fair + d.average + d.poor > 0);
  const distribution = data.distribution.map((d) => ({ ...d, month: label(d.month) }));
  const gaps = data.gapByMonth.map((g) => ({ month: label(g.month), gap: g.meanGap }));
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="ratings-charts">
      <Stack gap="md">
        <Title order={2} size="h3" id="ratings-charts">
          {t('ratings.distribution')}
        </Title>
        {!any ? (
          <Text c="dimmed">{t('ratings.noData')}</Text>
        ) : (
          <>
            <BarChart
              h={240}
              data={distribution}
              dataKey="month"
              type="stacked"
              withLegend
              legendProps={{ verticalAlign: 'bottom' }}
              series={ratingOrder.map((r) => ({ name: r, label: ratingLabel(t, r), color: ratingColor[r] }))}
              role="img"
              aria-label={t('ratings.distribution')}
            />
            <Title order={3} size="h4">
              {t('ratings.gapChart')}
            </Title>
            <LineChart
              h={200}
              data={gaps}
              dataKey="month"
              connectNulls
              series={[{ name: 'gap', label: t('ratings.gapSeries'), color: 'partyRed.7' }]}
              referenceLines={[{ y: data.margin, label: `${formatNumber(data.margin)}`, color: 'orange.6' }]}
              valueFormatter={(v) => formatNumber(v)}
              role="img"
              aria-label={t('ratings.gapChart')}
            />
          </>
        )}
      </Stack>
    </Card>
  );
}
