// One scorecard, phone-first: criterion groups with their running subtotal; each criterion with its maximum, the
// automatic value and its evidence, and its allowed values (Đạt/Không đạt, levels, bands, or a number); a changed
// automatic value asks for "Lý do điều chỉnh". A bar at the bottom keeps the total, percentage and rating live.
import {
  Alert,
  Box,
  Button,
  Card,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScoringFramework } from '../../../domain/scoring-schema.ts';
import { ApiError, api } from '../../api/client.ts';
import { ToneBadge } from '../../components/ToneBadge.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { meetingKey } from '../meetings/queries.ts';
import {
  type AutoValues,
  type CriterionView,
  formatNumber,
  isOverride,
  liveScorecard,
  type MeetingScores,
  ratingLabel,
  ratingTone,
  type ScorerKind,
  scoresKey,
  scorecardEntries,
  type ScorecardFormState,
  stateOf,
} from './api.ts';
import { useMessage } from '../../components/message.ts';
import type { WireMessage } from '../../../contracts/common.ts';

interface Props {
  meetingId: string;
  kind: ScorerKind;
  scores: MeetingScores;
  framework: ScoringFramework;
  auto: AutoValues;
  thematic: boolean;
}

interface SaveResult {
  id: string;
  total: number;
  percent: number;
  rating: string;
  complete: boolean;
}

export function ScorecardForm({ meetingId, kind, scores, framework, auto, thematic }: Props) {
  const { t, i18n } = useTranslation();
  const msg = useMessage();
  const queryClient = useQueryClient();
  const existing = scores.scorecards.find((c) => c.kind === kind && (c.mine || kind === 'self'));
  // What the viewer may do with the card travels with it; a kind the viewer may score and no card yet: both.
  const editable = !existing || existing.actions.includes('edit');
  const submittable = !existing || existing.actions.includes('submit');
  const [state, setState] = useState<ScorecardFormState>(() =>
    stateOf(editable ? existing : undefined, auto),
  );
  const [tried, setTried] = useState(false);
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const scorecard = useMemo(
    () => liveScorecard(framework, auto, state, thematic),
    [framework, auto, state, thematic],
  );
  const missingReasons = scorecard.criteria
    .filter((c) => c.applicable && isOverride(auto, state, c.id) && !state.reasons[c.id]?.trim())
    .map((c) => c.id);

  useEffect(() => {
    if (serverError) errorRef.current?.scrollIntoView({ block: 'center' });
  }, [serverError]);

  const mutation = useMutation({
    mutationFn: (submit: boolean) =>
      api.put<SaveResult>(`/meetings/${meetingId}/scores/${kind}`, {
        entries: scorecardEntries(framework, auto, state, thematic),
        submit,
      }),
    onSuccess: async (_result, submit) => {
      setServerError(null);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: scoresKey(meetingId) }),
        queryClient.invalidateQueries({ queryKey: meetingKey(meetingId) }),
        queryClient.invalidateQueries({ queryKey: ['ratings'] }),
      ]);
      notifications.show({
        color: 'green',
        message: submit ? t('scoring.submitted') : t('scoring.draftSaved'),
      });
    },
    onError: (e) => {
      setServerError(e instanceof ApiError ? e : new ApiError(0, 'internal', t('errors.generic')));
    },
  });

  if (existing && !editable) {
    return (
      <Alert color="green" variant="light" role="status">
        {t('scoring.alreadySubmitted', {
          name: existing.scorer,
          at: existing.submittedAt ? formatDateTime(existing.submittedAt) : '',
          total: formatNumber(existing.total),
          max: formatNumber(existing.applicableMax),
          rating: existing.rating ? ratingLabel(t, existing.rating) : '—',
        })}
      </Alert>
    );
  }

  const save = (submit: boolean) => {
    setTried(true);
    if (missingReasons.length > 0) {
      setServerError(null);
      const first = formRef.current?.querySelector<HTMLInputElement>(
        `[data-criterion="${missingReasons[0]}"] input[data-reason]`,
      );
      first?.scrollIntoView({ block: 'center' });
      first?.focus({ preventScroll: true });
      return;
    }
    if (submit && !window.confirm(t('scoring.submitConfirm'))) return;
    mutation.mutate(submit);
  };

  const setValue = (id: string, v: number | null) =>
    setState((s) => ({ ...s, values: { ...s.values, [id]: v } }));
  const setReason = (id: string, r: string) =>
    setState((s) => ({ ...s, reasons: { ...s.reasons, [id]: r } }));

  return (
    <Stack gap="md" ref={formRef}>
      {existing ? (
        <Text size="sm" c="dimmed">
          {t('scoring.draftLoaded')}
        </Text>
      ) : null}
      {scores.framework.groups.map((g) => {
        const sg = scorecard.groups.find((x) => x.id === g.id);
        return (
          <Card key={g.id} withBorder radius="md" padding="sm" component="section" aria-label={g.title}>
            <Stack gap="sm">
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <Title order={3} size="h5">
                  {g.title}
                </Title>
                <Text size="sm" fw={700} style={{ whiteSpace: 'nowrap' }}>
                  {sg ? `${formatNumber(sg.points)}/${formatNumber(sg.max)}` : ''}
                </Text>
              </Group>
              {g.criteria.map((c) => {
                const scored = scorecard.criteria.find((x) => x.id === c.id);
                return (
                  <CriterionField
                    key={c.id}
                    criterion={c}
                    applicable={scored?.applicable ?? true}
                    auto={auto.get(c.id) ?? null}
                    value={state.values[c.id] ?? null}
                    reason={state.reasons[c.id] ?? ''}
                    override={isOverride(auto, state, c.id)}
                    reasonMissing={tried && missingReasons.includes(c.id)}
                    unscored={tried && scorecard.missing.includes(c.id)}
                    onValue={(v) => setValue(c.id, v)}
                    onReason={(r) => setReason(c.id, r)}
                  />
                );
              })}
            </Stack>
          </Card>
        );
      })}

      {serverError ? (
        <Alert
          ref={errorRef}
          color="red"
          variant="light"
          role="alert"
          title={serverError.messageFor(i18n.language)}
        >
          {serverError.issues.length > 1 ? (
            <Stack gap={2} component="ul" m={0} pl="md">
              {serverError.issues.map((i) => (
                <Text component="li" size="sm" key={i.message}>
                  {i.message}
                </Text>
              ))}
            </Stack>
          ) : null}
        </Alert>
      ) : tried && missingReasons.length > 0 ? (
        <Alert color="red" variant="light" role="alert">
          {t('scoring.reasonsMissing', { count: missingReasons.length })}
        </Alert>
      ) : null}

      <Paper
        withBorder
        shadow="md"
        p="sm"
        radius="md"
        pos="sticky"
        // Above the phone's bottom navigation (AppShell's footer offset; 0 on wider screens).
        bottom="var(--app-shell-footer-offset, 0px)"
        style={{ zIndex: 3 }}
        component="section"
        aria-label={t('scoring.result')}
      >
        <Stack gap={4}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text fw={800} size="lg" data-testid="live-total">
              {t('scoring.totalOf', {
                total: formatNumber(scorecard.total),
                max: formatNumber(scorecard.applicableMax),
              })}
            </Text>
            <Group gap={6} wrap="nowrap">
              <Text fw={600} data-testid="live-percent">
                {formatNumber(scorecard.percent)}%
              </Text>
              <ToneBadge tone={ratingTone[scorecard.rating]} size="lg" data-testid="live-rating">
                {ratingLabel(t, scorecard.rating)}
              </ToneBadge>
            </Group>
          </Group>
          <Text size="xs" data-testid="live-reason">
            {scorecard.complete
              ? msg(scorecard.ratingReason)
              : t('scoring.incomplete', {
                  count: scorecard.missing.length,
                  reason: msg(scorecard.ratingReason),
                })}
          </Text>
          <Group grow gap="xs">
            <Button variant="default" px={6} fz="sm" onClick={() => save(false)} loading={mutation.isPending}>
              {t('scoring.saveDraft')}
            </Button>
            {submittable ? (
              <Button px={6} fz="sm" onClick={() => save(true)} loading={mutation.isPending}>
                {t('scoring.submit')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

function CriterionField({
  criterion: c,
  applicable,
  auto,
  value,
  reason,
  override,
  reasonMissing,
  unscored,
  onValue,
  onReason,
}: {
  criterion: CriterionView;
  applicable: boolean;
  auto: { points: number; evidence: WireMessage } | null;
  value: number | null;
  reason: string;
  override: boolean;
  reasonMissing: boolean;
  unscored: boolean;
  onValue: (v: number | null) => void;
  onReason: (r: string) => void;
}) {
  const { t } = useTranslation();
  const msg = useMessage();
  const titleId = useId();
  return (
    <Box
      role="group"
      aria-labelledby={titleId}
      data-criterion={c.id}
      pt="xs"
      style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Text fw={600} id={titleId} c={applicable ? undefined : 'dimmed'}>
            {c.title}
          </Text>
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {t('scoring.max', { points: formatNumber(c.max) })}
          </Text>
        </Group>
        {c.bonus ? (
          <div>
            <ToneBadge tone="blue" size="sm">
              {t('scoring.bonus')}
            </ToneBadge>
          </div>
        ) : null}
        {!applicable ? (
          <Text size="sm" c="dimmed" fs="italic">
            {t('scoring.notApplicable')}
          </Text>
        ) : (
          <>
            {auto ? (
              <Text size="sm" bg="gray.0" p={6} style={{ borderRadius: 4 }} data-testid="auto-evidence">
                {t('scoring.auto', { points: formatNumber(auto.points), evidence: msg(auto.evidence) })}
              </Text>
            ) : null}
            <Options criterion={c} value={value} onChange={onValue} labelledBy={titleId} />
            {unscored && value === null ? (
              <Text size="sm" c="red.8" role="alert">
                {t('scoring.unscored')}
              </Text>
            ) : null}
            {override ? (
              <TextInput
                label={t('scoring.reason')}
                required
                value={reason}
                onChange={(e) => onReason(e.currentTarget.value)}
                error={reasonMissing ? t('scoring.reasonRequired') : undefined}
                description={
                  auto ? t('scoring.reasonHint', { points: formatNumber(auto.points) }) : undefined
                }
                data-reason
              />
            ) : null}
          </>
        )}
      </Stack>
    </Box>
  );
}

/** The allowed values: toggle as Đạt/Không đạt, up to seven levels or bands as segments, more as a list. */
function Options({
  criterion: c,
  value,
  onChange,
  labelledBy,
}: {
  criterion: CriterionView;
  value: number | null;
  onChange: (v: number | null) => void;
  labelledBy: string;
}) {
  const { t } = useTranslation();
  const msg = useMessage();
  if (c.type === 'computed') {
    return (
      <NumberInput
        aria-labelledby={labelledBy}
        min={0}
        max={c.max}
        step={0.5}
        decimalSeparator=","
        value={value ?? ''}
        onChange={(v) => onChange(typeof v === 'number' ? v : v === '' ? null : Number(v))}
      />
    );
  }
  // The server words each option (Đạt / Không đạt, a level, a band); below the lowest band scores 0.
  const worded = c.options.map((o) => ({ points: o.points, label: msg(o.label) }));
  const options =
    c.type === 'ratio_bands' && !c.options.some((o) => o.points === 0)
      ? [...worded, { points: 0, label: t('scoring.belowBands') }]
      : worded;
  const current = options.find((o) => value !== null && Math.abs(o.points - value) < 1e-9);
  if (c.type === 'toggle') {
    return (
      <SegmentedControl
        aria-labelledby={labelledBy}
        fullWidth
        value={current ? String(current.points) : ''}
        onChange={(v) => onChange(Number(v))}
        data={options.map((o) => ({
          value: String(o.points),
          label: t('scoring.optionShort', { label: o.label, points: formatNumber(o.points) }),
        }))}
      />
    );
  }
  if (options.length <= 7) {
    return (
      <Stack gap={4}>
        <SegmentedControl
          aria-labelledby={labelledBy}
          fullWidth
          value={current ? String(current.points) : ''}
          onChange={(v) => onChange(Number(v))}
          data={options.map((o) => ({ value: String(o.points), label: formatNumber(o.points) }))}
        />
        <Text size="xs" c="dimmed" mih={18}>
          {current ? current.label : t('scoring.choose')}
        </Text>
      </Stack>
    );
  }
  return (
    <Select
      aria-labelledby={labelledBy}
      placeholder={t('scoring.choose')}
      value={current ? String(current.points) : null}
      onChange={(v) => onChange(v === null ? null : Number(v))}
      data={options.map((o) => ({
        value: String(o.points),
        label: t('scoring.option', { label: o.label, points: formatNumber(o.points) }),
      }))}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
