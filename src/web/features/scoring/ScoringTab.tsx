// The meeting's "Chấm điểm" tab: the governing framework, the viewer's scorecard (pre-filled from the records
// with their evidence, scored live by the same engine as the server, changed automatic values only with a reason,
// saved as a draft or submitted), then every scorecard side by side with the gap between self and outside scores.
import { Alert, Anchor, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { Loading, useErrorMessage } from '../../components/QueryState.tsx';
import type { MeetingDetail } from '../meetings/queries.ts';
import {
  engineFramework,
  kindLabel,
  kindsToScore,
  type MeetingScores,
  meetingScoresQuery,
  type ScorerKind,
} from './api.ts';
import { Comparison } from './Comparison.tsx';
import { ScorecardForm } from './ScorecardForm.tsx';

export default function ScoringTab({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const query = useQuery(meetingScoresQuery(detail.id));
  if (query.isPending) return <Loading />;
  if (query.isError) {
    const noFramework = query.error instanceof ApiError && query.error.status === 422;
    return (
      <Alert
        color={noFramework ? 'gray' : 'red'}
        variant="light"
        role="alert"
        title={t('scoring.unavailable')}
      >
        <Text>{message(query.error)}</Text>
        {noFramework ? null : (
          <Anchor component="button" type="button" onClick={() => void query.refetch()}>
            {t('common.retry')}
          </Anchor>
        )}
      </Alert>
    );
  }
  return <ScoringView detail={detail} scores={query.data} />;
}

function ScoringView({ detail, scores }: { detail: MeetingDetail; scores: MeetingScores }) {
  const { t } = useTranslation();
  const thematic = detail.kind === 'thematic' || detail.kind === 'regular_thematic';
  const framework = useMemo(() => engineFramework(scores.framework), [scores.framework]);
  const auto = useMemo(
    () => new Map(scores.automatic.map((a) => [a.id, { points: a.points, evidence: a.evidence }])),
    [scores.automatic],
  );
  const [chosen, setChosen] = useState<ScorerKind | null>(null);
  const kinds = kindsToScore(scores);
  const kind = chosen && kinds.includes(chosen) ? chosen : (kinds[0] ?? null);
  const held = scores.meetingStatus === 'held' || scores.meetingStatus === 'adopted';

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('scoring.framework', { title: scores.framework.title })}
        {scores.framework.document && !scores.framework.title.includes(scores.framework.document)
          ? ` (${scores.framework.document})`
          : ''}
      </Text>
      {!held ? (
        <Alert color="gray" variant="light" role="note">
          {t('scoring.notHeld')}
        </Alert>
      ) : null}
      {kind ? (
        // Not a Card: the result bar sticks to the bottom of the screen, which overflow: hidden would stop.
        <Stack gap="sm" component="section" aria-labelledby="scorecard-heading">
          <Title order={2} size="h3" id="scorecard-heading">
            {t('scoring.scorecardTitle', { kind: kindLabel(t, kind) })}
          </Title>
          {kinds.length > 1 ? (
            <SegmentedControl
              aria-label={t('scoring.chooseKind')}
              value={kind}
              onChange={(v) => setChosen(v as ScorerKind)}
              data={kinds.map((k) => ({ value: k, label: kindLabel(t, k) }))}
              fullWidth
            />
          ) : null}
          <ScorecardForm
            key={kind}
            meetingId={detail.id}
            kind={kind}
            scores={scores}
            framework={framework}
            auto={auto}
            thematic={thematic}
          />
        </Stack>
      ) : null}
      <Comparison scores={scores} thematic={thematic} />
    </Stack>
  );
}
