// The Vietnamese message catalogue: every message code the server and the domain can send, one part per area.
import { accounts } from './accounts.ts';
import { domain } from './domain.ts';
import { errors } from './errors.ts';
import { evaluation } from './evaluation.ts';
import { meetings } from './meetings.ts';
import { members } from './members.ts';
import { organizations } from './organizations.ts';
import { committees } from './committees.ts';
import { roleAssignments } from './role-assignments.ts';
import { ruleSets } from './rule-sets.ts';
import { scoring } from './scoring.ts';

export const vi = {
  ...errors,
  ...domain,
  ...accounts,
  ...organizations,
  ...members,
  ...meetings,
  ...scoring,
  ...evaluation,
  ...ruleSets,
  ...committees,
  ...roleAssignments,
} as const;
