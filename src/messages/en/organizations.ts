// English messages of organizations.
import type { organizations as vi } from '../vi/organizations.ts';

export const organizations: Record<keyof typeof vi, string> = {};
