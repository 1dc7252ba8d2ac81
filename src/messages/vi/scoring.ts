// Vietnamese messages of scoring.
export const scoring = {} as const;
