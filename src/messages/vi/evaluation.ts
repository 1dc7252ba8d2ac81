// Vietnamese messages of evaluation.
export const evaluation = {} as const;
