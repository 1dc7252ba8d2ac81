// Vietnamese messages of members.
export const members = {} as const;
