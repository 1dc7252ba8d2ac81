// English messages of members.
import type { members as vi } from '../vi/members.ts';

export const members: Record<keyof typeof vi, string> = {};
