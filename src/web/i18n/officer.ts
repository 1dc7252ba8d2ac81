// Texts of the committees' and officers' pages (tree, organisation, evaluation, members, import; the plan's are in
// the entry, for the meeting statuses a member's home shows),
// in both languages. The router loads this module with those pages (src/web/router.tsx), so a member's phone
// never downloads them; importing it adds them to i18next.
import { evaluationEn } from '../features/evaluation/i18n.en.ts';
import { evaluationVi } from '../features/evaluation/i18n.vi.ts';
import { membersEn } from '../features/members/i18n.en.ts';
import { membersVi } from '../features/members/i18n.vi.ts';
import { organizationsEn } from '../features/organizations/i18n.en.ts';
import { organizationsVi } from '../features/organizations/i18n.vi.ts';
import { rosterImportEn } from '../features/roster-import/i18n.en.ts';
import { rosterImportVi } from '../features/roster-import/i18n.vi.ts';
import i18n from './index.ts';
import type { Translation } from './types.ts';

export const officerVi = {
  ...membersVi,
  ...organizationsVi,
  ...rosterImportVi,
  ...evaluationVi,
};

const officerEn: Translation<typeof officerVi> = {
  ...membersEn,
  ...organizationsEn,
  ...rosterImportEn,
  ...evaluationEn,
};

i18n.addResourceBundle('vi', 'translation', officerVi, true, true);
i18n.addResourceBundle('en', 'translation', officerEn, true, true);
