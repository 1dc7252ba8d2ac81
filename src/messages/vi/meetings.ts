// Vietnamese messages of meetings.
export const meetings = {} as const;
