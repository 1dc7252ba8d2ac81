// Vietnamese messages of accounts.
export const accounts = {} as const;
