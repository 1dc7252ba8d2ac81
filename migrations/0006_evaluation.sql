-- Annual review and quality classification (kiểm điểm, đánh giá, xếp loại chất lượng) of members and
-- organisations, a minimal discipline register, and "bốn tốt" criteria entered where the app has no facts.

-- One evaluation per year and subject. For a member, organization_id is the cell they are evaluated in; for an
-- organisation, the organisation itself. holder_id is the grassroots organisation whose quota the level counts in
-- (the nearest ancestor of kind grassroots_committee / grassroots_cell, or the cell's parent).
CREATE TABLE evaluation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid NOT NULL,
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  subject_kind text NOT NULL CHECK (subject_kind IN ('member','organization')),
  member_id uuid REFERENCES member(id),
  organization_id uuid NOT NULL REFERENCES organization(id),
  holder_id uuid NOT NULL REFERENCES organization(id),
  rules_id text NOT NULL,
  rules_version int NOT NULL,
  -- The self-review form: collective, leader, member, member outside the political system.
  subject_form text NOT NULL CHECK (subject_form IN ('collective','leader','member','member_outside_system')),
  -- NULL until the self-assessment is made; then the last step reached.
  step text CHECK (step IN ('self_assessment','proposal','decision','announced')),
  self_points numeric CHECK (self_points IS NULL OR self_points BETWEEN 0 AND 100),
  self_level text CHECK (self_level IN ('excellent','good','completed','not_completed')),
  self_text text,
  self_tasks_exceeding int NOT NULL DEFAULT 0 CHECK (self_tasks_exceeding >= 0),
  self_by uuid REFERENCES account(id),
  self_at timestamptz,
  proposed_level text CHECK (proposed_level IN ('excellent','good','completed','not_completed')),
  proposal_note text,
  proposed_by uuid REFERENCES account(id),
  proposed_at timestamptz,
  decided_level text CHECK (decided_level IN ('excellent','good','completed','not_completed')),
  decision_note text,
  decision_document text,
  quota_reason text,
  decided_by uuid REFERENCES account(id),
  decided_at timestamptz,
  announced_at timestamptz,
  announced_by uuid REFERENCES account(id),
  evidence jsonb,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((subject_kind = 'member') = (member_id IS NOT NULL))
);
CREATE UNIQUE INDEX evaluation_member_year_uq ON evaluation (year, member_id) WHERE subject_kind = 'member';
CREATE UNIQUE INDEX evaluation_org_year_uq ON evaluation (year, organization_id) WHERE subject_kind = 'organization';
CREATE INDEX evaluation_org_idx ON evaluation (organization_id, year);
CREATE INDEX evaluation_holder_idx ON evaluation (holder_id, year);

-- Discipline decisions (kỷ luật) on a member or an organisation: facts the evaluation and "bốn tốt" read.
CREATE TABLE discipline (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid NOT NULL,
  member_id uuid REFERENCES member(id),
  organization_id uuid REFERENCES organization(id),
  form text NOT NULL CHECK (form IN ('reprimand','warning','dismissal','expulsion','dissolution')),
  decided_on date NOT NULL,
  document_ref text,
  reason text NOT NULL,
  created_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((member_id IS NULL) <> (organization_id IS NULL))
);
CREATE INDEX discipline_member_idx ON discipline (member_id, decided_on);
CREATE INDEX discipline_org_idx ON discipline (organization_id, decided_on);

-- A "bốn tốt" criterion entered with evidence for an organisation and year (the latest entry counts).
CREATE TABLE four_good_entry (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organization(id),
  year int NOT NULL,
  criterion text NOT NULL
    CHECK (criterion IN ('political_task','meeting_quality','unity_discipline','cadres_members')),
  met boolean NOT NULL,
  evidence text NOT NULL,
  entered_by uuid REFERENCES account(id),
  entered_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, year, criterion)
);
