// English texts of signing in and the account page (password, sessions); the same keys as i18n.vi.ts (checked by the type).
import type { Translation } from '../../i18n/types.ts';
import type { authVi } from './i18n.vi.ts';

export const authEn: Translation<typeof authVi> = {
  login: {
    title: 'Chi bộ số',
    subtitle: 'Sign in to see your cell and its members',
    identifier: 'Username',
    identifierHint: 'Phone number, email or party card number',
    password: 'Password',
    showPassword: 'Show or hide the password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    forgot: 'Forgot your password? Ask your cell secretary or the organisation board to reset it.',
  },
  account: {
    title: 'Account',
    changePassword: 'Change password',
    currentPassword: 'Current password',
    newPassword: 'New password',
    newPasswordHint: 'At least 8 characters, with letters and digits',
    confirmPassword: 'New password again',
    mismatch: 'The two new passwords differ',
    submit: 'Change password',
    changed: 'Password changed. Your other devices have been signed out.',
    sessions: 'Signed-in sessions',
    sessionsHint: 'If you see a device you do not know, revoke it and change your password.',
    device: 'Device',
    signedInAt: 'Signed in at',
    lastSeen: 'Last active',
    ip: 'IP address',
    thisSession: 'This session',
    revoke: 'Revoke',
    revokeLabel: 'Revoke the session on {{device}}',
    revoked: 'Session revoked',
    unknownDevice: 'Unknown device',
    noSessions: 'No other sessions',
  },
};
