// English texts of the home page; the same keys as i18n.vi.ts (checked by the type).
import type { Translation } from '../../i18n/types.ts';
import type { homeVi } from './i18n.vi.ts';

export const homeEn: Translation<typeof homeVi> = {
  home: {
    title: 'Home',
    greeting: 'Hello, {{name}}',
    yourRoles: 'Your roles',
    yourCell: 'Your cell',
    yourProfile: 'My profile',
    openCell: 'Open the cell',
    memberList: 'Member list',
    importList: 'Import roster',
    openOrganization: 'Open the organisation',
    yourOrganizations: 'Organisations you look after',
    adminRoot: 'The whole system',
    openTree: 'Open the organisation tree',
    noRoles: 'This account has no role yet. Please contact the organisation board.',
    mustChangePassword: 'You are using a temporary password. Please choose a new one.',
    changePassword: 'Change password',
  },
};
