// English messages of meetings.
import type { meetings as vi } from '../vi/meetings.ts';

export const meetings: Record<keyof typeof vi, string> = {};
