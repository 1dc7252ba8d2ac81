// English messages of domain.
import type { domain as vi } from '../vi/domain.ts';

export const domain: Record<keyof typeof vi, string> = {};
