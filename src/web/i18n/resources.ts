// The translations, assembled in one place: the app-wide texts and each feature's own (features/*/i18n.*.ts).
// English is complete by type: `en` must have every group and key of `vi`.
import { authEn } from '../features/auth/i18n.en.ts';
import { authVi } from '../features/auth/i18n.vi.ts';
import { evaluationEn } from '../features/evaluation/i18n.en.ts';
import { evaluationVi } from '../features/evaluation/i18n.vi.ts';
import { homeEn } from '../features/home/i18n.en.ts';
import { homeVi } from '../features/home/i18n.vi.ts';
import { meetingRoomEn } from '../features/meeting-room/i18n.en.ts';
import { meetingRoomVi } from '../features/meeting-room/i18n.vi.ts';
import { meetingsEn } from '../features/meetings/i18n.en.ts';
import { meetingsVi } from '../features/meetings/i18n.vi.ts';
import { membersEn } from '../features/members/i18n.en.ts';
import { membersVi } from '../features/members/i18n.vi.ts';
import { organizationsEn } from '../features/organizations/i18n.en.ts';
import { organizationsVi } from '../features/organizations/i18n.vi.ts';
import { planEn } from '../features/plan/i18n.en.ts';
import { planVi } from '../features/plan/i18n.vi.ts';
import { rosterImportEn } from '../features/roster-import/i18n.en.ts';
import { rosterImportVi } from '../features/roster-import/i18n.vi.ts';
import { scoringEn } from '../features/scoring/i18n.en.ts';
import { scoringVi } from '../features/scoring/i18n.vi.ts';
import { tasksEn } from '../features/tasks/i18n.en.ts';
import { tasksVi } from '../features/tasks/i18n.vi.ts';
import { appEn } from './app.en.ts';
import { appVi } from './app.vi.ts';
import type { Translation } from './types.ts';

export const vi = {
  ...appVi,
  ...membersVi,
  ...organizationsVi,
  ...authVi,
  ...homeVi,
  ...rosterImportVi,
  ...meetingsVi,
  ...meetingRoomVi,
  ...planVi,
  ...tasksVi,
  ...scoringVi,
  ...evaluationVi,
};

export const en: Translation<typeof vi> = {
  ...appEn,
  ...membersEn,
  ...organizationsEn,
  ...authEn,
  ...homeEn,
  ...rosterImportEn,
  ...meetingsEn,
  ...meetingRoomEn,
  ...planEn,
  ...tasksEn,
  ...scoringEn,
  ...evaluationEn,
};
