-- Foundation: organisation tree with history, members, committees, accounts, sessions, audit log.
-- Written for PostgreSQL 15 and PGlite alike. Every tenant row carries province_id, the distribution key.
CREATE EXTENSION IF NOT EXISTS ltree;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- An organisation's identity; what changes over time (name, parent, path) lives in organization_period.
CREATE TABLE organization (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('central','provincial_committee','bloc_committee','district_committee',
    'grassroots_committee','subcommittee','cell','grassroots_cell','party_group')),
  cell_type text CHECK (cell_type IN ('village_residential','agency','public_service_unit','state_enterprise',
    'private_enterprise','foreign_invested_enterprise','armed_forces','school','other')),
  symbol text,
  valid_from date NOT NULL,
  valid_to date,
  end_reason text CHECK (end_reason IN ('dissolved','merged','split')),
  successor_id uuid REFERENCES organization(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX organization_province_idx ON organization (province_id);

-- One row per stretch of time in which an organisation had one name, one parent and one path.
-- valid_to is exclusive. path is the ltree of ancestor ids (hyphens removed) ending with the node itself.
CREATE TABLE organization_period (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organization(id),
  province_id uuid NOT NULL,
  parent_id uuid REFERENCES organization(id),
  name text NOT NULL,
  search_name text NOT NULL,
  path ltree NOT NULL,
  depth int NOT NULL,
  valid_from date NOT NULL,
  valid_to date,
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE UNIQUE INDEX organization_period_current_uq ON organization_period (organization_id) WHERE valid_to IS NULL;
CREATE INDEX organization_period_org_idx ON organization_period (organization_id, valid_from);
CREATE INDEX organization_period_path_gist ON organization_period USING gist (path);
CREATE INDEX organization_period_parent_idx ON organization_period (parent_id, valid_from);
CREATE INDEX organization_period_name_trgm ON organization_period USING gin (search_name gin_trgm_ops);

-- Reorganisations as facts: what was done, effective when, by which document.
CREATE TABLE reorganization (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('create','move','merge','split','dissolve','rename')),
  effective_date date NOT NULL,
  document_ref text,
  details jsonb NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE member (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid NOT NULL,
  full_name text NOT NULL,
  birth_name text,
  search_name text NOT NULL,
  date_of_birth date,
  gender text CHECK (gender IN ('male','female')),
  ethnicity text,
  religion text,
  hometown text,
  education text,
  political_theory text,
  profession text,
  admission_date date,
  full_membership_date date,
  party_card_number text,
  citizen_id text,
  phone text,
  email text,
  status text NOT NULL CHECK (status IN ('probationary','full')),
  lifecycle text NOT NULL DEFAULT 'active'
    CHECK (lifecycle IN ('active','transferred_out','died','removed','expelled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (full_membership_date IS NULL OR admission_date IS NULL OR full_membership_date >= admission_date)
);
CREATE UNIQUE INDEX member_party_card_uq ON member (party_card_number) WHERE party_card_number IS NOT NULL;
CREATE UNIQUE INDEX member_citizen_id_uq ON member (citizen_id) WHERE citizen_id IS NOT NULL;
CREATE UNIQUE INDEX member_phone_uq ON member (phone) WHERE phone IS NOT NULL;
CREATE UNIQUE INDEX member_email_uq ON member (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX member_search_trgm ON member USING gin (search_name gin_trgm_ops);

-- Where a member attends (nơi sinh hoạt), from/to. kind 'temporary' = sinh hoạt tạm thời.
CREATE TABLE membership (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid NOT NULL,
  member_id uuid NOT NULL REFERENCES member(id),
  organization_id uuid NOT NULL REFERENCES organization(id),
  kind text NOT NULL CHECK (kind IN ('official','temporary')),
  valid_from date NOT NULL,
  valid_to date,
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX membership_org_idx ON membership (organization_id, valid_from);
CREATE INDEX membership_member_idx ON membership (member_id, valid_from);
CREATE UNIQUE INDEX membership_one_official_uq ON membership (member_id) WHERE valid_to IS NULL AND kind = 'official';

-- Miễn công tác và sinh hoạt đảng.
CREATE TABLE exemption (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid NOT NULL,
  member_id uuid NOT NULL REFERENCES member(id),
  reason text NOT NULL,
  valid_from date NOT NULL,
  valid_to date,
  document_ref text,
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX exemption_member_idx ON exemption (member_id);

-- Lifecycle events with the deciding document: admitted, made_full, transferred_out, transferred_in, died, removed, expelled.
CREATE TABLE member_event (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid NOT NULL,
  member_id uuid NOT NULL REFERENCES member(id),
  kind text NOT NULL CHECK (kind IN ('admitted','made_full','transferred_out','transferred_in',
    'temporary_out','temporary_return','died','removed','expelled')),
  event_date date NOT NULL,
  from_organization_id uuid REFERENCES organization(id),
  to_organization_id uuid REFERENCES organization(id),
  other_party text,
  document_ref text,
  note text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX member_event_member_idx ON member_event (member_id, event_date);

CREATE TABLE committee (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organization(id),
  term_label text NOT NULL,
  term_start date NOT NULL,
  term_end date,
  CHECK (term_end IS NULL OR term_end > term_start)
);
CREATE INDEX committee_org_idx ON committee (organization_id);

CREATE TABLE position (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organization(id),
  committee_id uuid REFERENCES committee(id),
  member_id uuid NOT NULL REFERENCES member(id),
  kind text NOT NULL CHECK (kind IN ('secretary','deputy_secretary','standing_member','committee_member',
    'group_leader','group_deputy')),
  valid_from date NOT NULL,
  valid_to date,
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX position_org_idx ON position (organization_id);
CREATE INDEX position_member_idx ON position (member_id);

CREATE TABLE account (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid,
  member_id uuid UNIQUE REFERENCES member(id),
  username text UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  is_system_admin boolean NOT NULL DEFAULT false,
  failed_logins int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  must_change_password boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (member_id IS NOT NULL OR username IS NOT NULL)
);

-- Roles that are not positions: an organisation-board officer over a subtree, a follower of a cell.
CREATE TABLE role_assignment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid NOT NULL,
  account_id uuid NOT NULL REFERENCES account(id),
  role text NOT NULL CHECK (role IN ('board_officer','follower')),
  organization_id uuid NOT NULL REFERENCES organization(id),
  valid_from date NOT NULL,
  valid_to date
);
CREATE INDEX role_assignment_account_idx ON role_assignment (account_id);

-- The session token is never stored; only its SHA-256.
CREATE TABLE session (
  token_hash text PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  user_agent text,
  ip text
);
CREATE INDEX session_account_idx ON session (account_id);

-- Failed login attempts per identifier, so back-off works even for identifiers with no account.
CREATE TABLE login_throttle (
  identifier text PRIMARY KEY,
  failures int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_failure_at timestamptz
);

-- Append-only, hash-chained per province (chain key '' for rows without a province).
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  chain text NOT NULL,
  seq bigint NOT NULL,
  at timestamptz NOT NULL,
  actor_account_id uuid,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb,
  ip text,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  UNIQUE (chain, seq)
);
CREATE TABLE audit_head (
  chain text PRIMARY KEY,
  seq bigint NOT NULL,
  hash text NOT NULL
);
CREATE FUNCTION audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_immutable();

-- Roster imports: parsed rows and problems kept until committed or discarded.
CREATE TABLE roster_import (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organization(id),
  account_id uuid NOT NULL REFERENCES account(id),
  file_name text NOT NULL,
  status text NOT NULL CHECK (status IN ('parsing','ready','invalid','committing','committed','failed')),
  total_rows int NOT NULL DEFAULT 0,
  processed_rows int NOT NULL DEFAULT 0,
  rows jsonb,
  problems jsonb NOT NULL DEFAULT '[]'::jsonb,
  summary jsonb,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
