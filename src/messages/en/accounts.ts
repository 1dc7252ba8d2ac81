// English messages of accounts.
import type { accounts as vi } from '../vi/accounts.ts';

export const accounts: Record<keyof typeof vi, string> = {
  'account.locked_for_minutes': 'Too many failed sign-ins. Try again in {minutes} minutes.',
  'account.session_not_found': 'Session not found',
  'account.wrong_current_password': 'The current password is wrong',
  'account.reset_forbidden':
    'Only an administrator or an officer of the Organisation Board may reset passwords',
};
