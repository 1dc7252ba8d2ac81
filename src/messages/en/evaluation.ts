// English messages of evaluation.
import type { evaluation as vi } from '../vi/evaluation.ts';

export const evaluation: Record<keyof typeof vi, string> = {};
