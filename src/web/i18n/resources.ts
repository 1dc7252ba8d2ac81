// The translations, assembled in one place: the app-wide texts and each feature's own (features/*/i18n.*.ts).
// Only what every page and a member's pages need is in the entry, in Vietnamese: English loads when it is chosen
// (./en.ts) and the committees' and officers' pages bring their texts with them (./officer.ts). Every group and
// key is typed: `en` must have every group and key of `vi` (checked where each is assembled).
import { authVi } from '../features/auth/i18n.vi.ts';
import { homeVi } from '../features/home/i18n.vi.ts';
import { meetingRoomVi } from '../features/meeting-room/i18n.vi.ts';
import { meetingsVi } from '../features/meetings/i18n.vi.ts';
import { planVi } from '../features/plan/i18n.vi.ts';
import { scoringVi } from '../features/scoring/i18n.vi.ts';
import { tasksVi } from '../features/tasks/i18n.vi.ts';
import { appVi } from './app.vi.ts';
import type { officerVi } from './officer.ts';

export const vi = {
  ...appVi,
  ...authVi,
  ...homeVi,
  ...meetingsVi,
  ...meetingRoomVi,
  ...tasksVi,
  ...scoringVi,
  // A meeting's status (planStatus) shows on a member's home.
  ...planVi,
};

/** Every text of the app, for the typed keys of t(). */
export type AllTexts = typeof vi & typeof officerVi;
