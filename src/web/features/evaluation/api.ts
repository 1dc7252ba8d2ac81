// Reads of the annual evaluation and "bốn tốt", typed by the contracts; the labels of their enums.
import { queryOptions } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type {
  evaluationAction,
  evaluationList,
  evaluationStep,
  fourGoodResponse,
  evaluationLevel,
  subjectForm,
} from '../../../contracts/evaluation.ts';
import { api, withQuery } from '../../api/client.ts';
import type { Tone } from '../../components/ToneBadge.tsx';

export type EvaluationList = z.infer<typeof evaluationList>;
export type EvaluationItem = EvaluationList['items'][number];
export type EvaluationLevel = z.infer<typeof evaluationLevel>;
export type EvaluationStep = z.infer<typeof evaluationStep>;
export type EvaluationAction = z.infer<typeof evaluationAction>;
export type SubjectForm = z.infer<typeof subjectForm>;
export type FourGood = z.infer<typeof fourGoodResponse>;

export const evaluationLevels: EvaluationLevel[] = ['excellent', 'good', 'completed', 'not_completed'];

export const evaluationsQuery = (organizationId: string, year: number) =>
  queryOptions({
    queryKey: ['evaluations', organizationId, year],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof evaluationList>>(
        withQuery(`/organizations/${organizationId}/evaluations`, { year }),
        signal,
      ),
  });

export type FourGoodFilter = 'all' | 'met' | 'not_met';

export const fourGoodQuery = (
  organizationId: string,
  year: number,
  period: 'midyear' | 'year',
  result: FourGoodFilter = 'all',
  cursor: string | null = null,
) =>
  queryOptions({
    queryKey: ['four-good', organizationId, year, period, result, cursor],
    queryFn: ({ signal }) =>
      api.get<z.infer<typeof fourGoodResponse>>(
        withQuery(`/organizations/${organizationId}/four-good`, {
          year,
          period,
          result,
          cursor: cursor ?? undefined,
        }),
        signal,
      ),
  });

export const levelLabel = (t: TFunction, level: EvaluationLevel) => t(`evaluation.level_${level}`);
export const stepLabel = (t: TFunction, step: EvaluationStep | null) =>
  t(`evaluation.step_${step ?? 'none'}`);

export const levelTone: Record<EvaluationLevel, Tone> = {
  excellent: 'green',
  good: 'blue',
  completed: 'orange',
  not_completed: 'red',
};

export const subjectName = (t: TFunction, item: EvaluationItem) =>
  item.member?.fullName ??
  (item.form === 'collective'
    ? `${t('evaluation.collective')}: ${item.organization.name}`
    : item.organization.name);
