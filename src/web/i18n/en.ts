// English texts of the entry's groups (./resources.ts), loaded only when English is chosen.
import { authEn } from '../features/auth/i18n.en.ts';
import { homeEn } from '../features/home/i18n.en.ts';
import { meetingRoomEn } from '../features/meeting-room/i18n.en.ts';
import { meetingsEn } from '../features/meetings/i18n.en.ts';
import { planEn } from '../features/plan/i18n.en.ts';
import { scoringEn } from '../features/scoring/i18n.en.ts';
import { tasksEn } from '../features/tasks/i18n.en.ts';
import { en as enMessages } from '../../messages/en/index.ts';
import { appEn } from './app.en.ts';
import { addEnglishCatalog } from './catalogs.ts';
import type { vi } from './resources.ts';
import type { Translation } from './types.ts';

export const en: Translation<typeof vi> = {
  ...appEn,
  ...authEn,
  ...homeEn,
  ...meetingsEn,
  ...meetingRoomEn,
  ...tasksEn,
  ...scoringEn,
  ...planEn,
};

// The server's message codes in English too (./catalogs.ts).
addEnglishCatalog(enMessages);
