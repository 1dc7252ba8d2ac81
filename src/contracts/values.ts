// Value lists of the contracts that the web also reads without zod (the router's search params): one list each,
// used by the contracts' enums (./members.ts, ./meetings.ts, ./organizations.ts) and by the web's first load
// (src/web/router.tsx's search params, src/web/components/labels.ts).
export const memberStatuses = ['probationary', 'full'] as const;
export const memberLifecycles = ['active', 'transferred_out', 'died', 'removed', 'expelled'] as const;
export const genders = ['male', 'female'] as const;
export const memberScopes = ['direct', 'subtree'] as const;
export const yesNo = ['yes', 'no'] as const;
export const taskFilters = ['mine', 'created', 'open', 'overdue', 'done'] as const;
export const positionKinds = [
  'secretary',
  'deputy_secretary',
  'standing_member',
  'committee_member',
  'group_leader',
  'group_deputy',
] as const;
