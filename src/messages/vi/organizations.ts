// Vietnamese messages of organizations.
export const organizations = {} as const;
