// Vietnamese messages of domain.
export const domain = {} as const;
