-- An upper committee puts a (local) rule set in force for its subtree from a date; organisations inherit it.
CREATE TABLE rule_set_assignment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organization(id),
  rule_set_id text NOT NULL,
  effective_from date NOT NULL,
  document_ref text,
  created_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, effective_from)
);
CREATE INDEX rule_set_assignment_org_idx ON rule_set_assignment (organization_id);
