// The tables that carry no province key, and why (issue 10.6, docs/SCALE-OUT.md). Every other table holds one
// province's data and carries `province_id uuid NOT NULL`, the key a distribution by province (Citus) needs; the
// tenancy test reads the catalogue and fails, naming the table, on any table that is in neither group.
//
// 'reference': small, read by every province, rarely written: copied to every node (a Citus reference table).
// 'coordinator': found by something other than a province before any province is known (a token, a sign-in
// identifier, a client address); stays on the coordinator (a Citus local table), in front of the shards.

export type Placement = 'reference' | 'coordinator';

export const unkeyedTables: Record<string, { placement: Placement; reason: string }> = {
  scoring_framework: {
    placement: 'reference',
    reason: 'versioned rule data (scoring frameworks) that any province may put in force; not one province’s',
  },
  account: {
    placement: 'reference',
    reason:
      'sign-in finds an account by username, phone or e-mail, unique in the nation, before any province is known; ' +
      'system administrators belong to no province (province_id stays nullable: it names the audit chain only)',
  },
  session: {
    placement: 'coordinator',
    reason:
      'found by the SHA-256 of a cookie on every request, before the actor and their province are known',
  },
  login_throttle: {
    placement: 'coordinator',
    reason: 'counts failed sign-ins per account, identifier and client address, across the nation',
  },
  schema_migration: {
    placement: 'coordinator',
    reason: 'the ledger of applied migrations, one per database',
  },
  scheduled_job: {
    placement: 'coordinator',
    reason:
      'claims of nation-wide periodic jobs (task reminders per hour) so each runs once across processes',
  },
  summary_rebuild: {
    placement: 'coordinator',
    reason:
      'one row: when the read summaries were last rebuilt from scratch (at first start after an upgrade)',
  },
};

/** The province key of system-wide rows (audit chain ''): the nil uuid, the key of no province. */
export const systemProvinceKey = '00000000-0000-0000-0000-000000000000';
