// English messages of accounts.
import type { accounts as vi } from '../vi/accounts.ts';

export const accounts: Record<keyof typeof vi, string> = {};
