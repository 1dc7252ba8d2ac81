// The tabs of a meeting's page, named in its URL (?tab=): the router validates them without loading the page.
export const meetingTabs = ['prep', 'room', 'minutes', 'docs', 'score'] as const;
export type MeetingTab = (typeof meetingTabs)[number];
