// The Vietnamese message catalogue: every message code the server and the domain can send, one part per area.
import { accounts } from './accounts.ts';
import { domain } from './domain.ts';
import { domainMeetings } from './domain-meetings.ts';
import { domainEvaluation } from './domain-evaluation.ts';
import { domainRoster } from './domain-roster.ts';
import { domainScoring } from './domain-scoring.ts';
import { errors } from './errors.ts';
import { evaluation } from './evaluation.ts';
import { forms } from './forms.ts';
import { meetings } from './meetings.ts';
import { members } from './members.ts';
import { organizations } from './organizations.ts';
import { roster } from './roster.ts';
import { plan } from './plan.ts';
import { committees } from './committees.ts';
import { roleAssignments } from './role-assignments.ts';
import { ruleSets } from './rule-sets.ts';
import { scoring } from './scoring.ts';
import { tasks } from './tasks.ts';

export const vi = {
  ...errors,
  ...domain,
  ...domainMeetings,
  ...domainScoring,
  ...domainEvaluation,
  ...domainRoster,
  ...accounts,
  ...organizations,
  ...members,
  ...roster,
  ...meetings,
  ...plan,
  ...tasks,
  ...scoring,
  ...evaluation,
  ...forms,
  ...ruleSets,
  ...committees,
  ...roleAssignments,
} as const;
