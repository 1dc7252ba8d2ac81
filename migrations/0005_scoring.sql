-- Meeting-quality scoring: frameworks put in force for subtrees, custom frameworks loaded as JSON, scorecards per
-- meeting by the cell itself, the attending follower and supervision teams, one entry per criterion.

-- Frameworks loaded by administrators (the built-in ones live in code); validated against the schema on load.
CREATE TABLE scoring_framework (
  id text NOT NULL,
  version int NOT NULL,
  definition jsonb NOT NULL,
  created_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version)
);

-- An upper committee chooses the framework for its subtree from a date.
CREATE TABLE scoring_framework_assignment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organization(id),
  framework_id text NOT NULL,
  effective_from date NOT NULL,
  document_ref text,
  created_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, effective_from)
);

CREATE TABLE scorecard (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid NOT NULL,
  meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organization(id),
  scorer_kind text NOT NULL CHECK (scorer_kind IN ('self','follower','supervision')),
  scorer_account_id uuid REFERENCES account(id),
  scorer_name text NOT NULL DEFAULT '',
  framework_id text NOT NULL,
  framework_version int NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted')),
  total numeric NOT NULL DEFAULT 0,
  applicable_max numeric NOT NULL DEFAULT 0,
  percent numeric NOT NULL DEFAULT 0,
  rating text CHECK (rating IN ('good','fair','average','poor')),
  rating_reason text,
  for_month text NOT NULL,
  submitted_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- One self-score per meeting; one per follower or supervision scorer.
CREATE UNIQUE INDEX scorecard_self_uq ON scorecard (meeting_id) WHERE scorer_kind = 'self';
CREATE UNIQUE INDEX scorecard_scorer_uq ON scorecard (meeting_id, scorer_kind, scorer_account_id)
  WHERE scorer_kind <> 'self';
CREATE INDEX scorecard_org_month_idx ON scorecard (organization_id, for_month);
CREATE INDEX scorecard_province_month_idx ON scorecard (province_id, for_month);

CREATE TABLE scorecard_entry (
  scorecard_id uuid NOT NULL REFERENCES scorecard(id) ON DELETE CASCADE,
  criterion_id text NOT NULL,
  points numeric,
  auto_points numeric,
  evidence text,
  override_reason text,
  PRIMARY KEY (scorecard_id, criterion_id)
);
