-- The meeting cycle: year plan, thematic topics, meetings with preparation, attendance, contributions, votes,
-- minutes, materials with versions, decisions numbered per issuer/type/term, tasks with reports, notifications.

-- A cell's annual work programme (chương trình công tác năm).
CREATE TABLE work_programme (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organization(id),
  year int NOT NULL,
  content text NOT NULL,
  updated_by uuid REFERENCES account(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, year)
);

-- Thematic topics registered per quarter and reviewed by the upper committee.
CREATE TABLE thematic_topic (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organization(id),
  year int NOT NULL,
  quarter int NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  title text NOT NULL,
  presenters text NOT NULL,
  draft text,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','approved','returned')),
  review_comment text,
  reviewed_by uuid REFERENCES account(id),
  reviewed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX thematic_topic_org_idx ON thematic_topic (organization_id, year);

CREATE TABLE meeting (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organization(id),
  kind text NOT NULL CHECK (kind IN ('regular','thematic','regular_thematic','committee','general_assembly','extraordinary')),
  for_month text NOT NULL,               -- 'YYYY-MM' the meeting is for
  planned_date date NOT NULL,
  date_reason text,                      -- why not on the rule's own day
  planned_time text NOT NULL DEFAULT '07:30',
  location text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'planned'
    CHECK (status IN ('planned','notified','in_session','held','adopted','cancelled')),
  rule_set_id text NOT NULL,
  rule_set_version int NOT NULL,
  thematic_topic_id uuid REFERENCES thematic_topic(id),
  combined_with_other boolean NOT NULL DEFAULT false,
  preparer_member_id uuid REFERENCES member(id),
  chair_member_id uuid REFERENCES member(id),
  minute_taker_member_id uuid REFERENCES member(id),
  preparatory_held_on date,
  preparatory_minutes text,
  notice_content text,
  notice_published_at timestamptz,
  draft_resolution text,
  started_at timestamptz,
  ended_at timestamptz,
  checkin_code text,
  current_item_id uuid,
  minutes_general text NOT NULL DEFAULT '',
  minutes_general_version int NOT NULL DEFAULT 1,
  adopted_at timestamptz,
  chair_signed_at timestamptz,
  minute_taker_signed_at timestamptz,
  cancel_reason text,
  created_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1
);
CREATE INDEX meeting_org_idx ON meeting (organization_id, planned_date);
CREATE INDEX meeting_province_month_idx ON meeting (province_id, for_month);
CREATE UNIQUE INDEX meeting_checkin_code_uq ON meeting (checkin_code) WHERE checkin_code IS NOT NULL;

CREATE TABLE meeting_agenda_item (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  position int NOT NULL,
  section text NOT NULL CHECK (section IN ('opening','main','closing')),
  key text NOT NULL,
  title text NOT NULL,
  notes text NOT NULL DEFAULT '',          -- minutes text of the item
  notes_version int NOT NULL DEFAULT 1,
  conclusion text,
  done_at timestamptz
);
CREATE INDEX meeting_agenda_item_meeting_idx ON meeting_agenda_item (meeting_id, position);

-- The attendance roll: snapshotted from memberships when the notice is published or the meeting starts.
CREATE TABLE meeting_attendance (
  meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  member_id uuid NOT NULL REFERENCES member(id),
  member_class text NOT NULL CHECK (member_class IN ('full','probationary')),
  temporary boolean NOT NULL DEFAULT false,
  exempt boolean NOT NULL DEFAULT false,
  status text CHECK (status IN ('present','absent_excused','absent_unexcused','exempt')),
  reason text,
  rsvp text CHECK (rsvp IN ('confirmed','absence_requested')),
  rsvp_reason text,
  rsvp_at timestamptz,
  checked_in_at timestamptz,
  check_in_method text CHECK (check_in_method IN ('tap','code')),
  PRIMARY KEY (meeting_id, member_id)
);
CREATE INDEX meeting_attendance_member_idx ON meeting_attendance (member_id);

CREATE TABLE meeting_guest (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  name text NOT NULL,
  title text NOT NULL DEFAULT ''
);

CREATE TABLE meeting_contribution (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  agenda_item_id uuid NOT NULL REFERENCES meeting_agenda_item(id) ON DELETE CASCADE,
  member_id uuid REFERENCES member(id),
  guest_name text,
  summary text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (member_id IS NOT NULL OR guest_name IS NOT NULL)
);
CREATE INDEX meeting_contribution_meeting_idx ON meeting_contribution (meeting_id);

CREATE TABLE meeting_vote (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  agenda_item_id uuid REFERENCES meeting_agenda_item(id) ON DELETE SET NULL,
  subject text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('decision','admission','other')),
  method text NOT NULL CHECK (method IN ('show_of_hands','electronic')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
  for_count int,
  against_count int,
  abstain_count int,
  vote_base int,
  eligible_present int,
  passed boolean,
  line text,
  voting_rules_id text NOT NULL,
  opened_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);
CREATE INDEX meeting_vote_meeting_idx ON meeting_vote (meeting_id);

CREATE TABLE meeting_ballot (
  vote_id uuid NOT NULL REFERENCES meeting_vote(id) ON DELETE CASCADE,
  member_id uuid NOT NULL REFERENCES member(id),
  choice text NOT NULL CHECK (choice IN ('for','against','abstain')),
  cast_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (vote_id, member_id)
);

-- Dated addenda to adopted (locked) minutes.
CREATE TABLE meeting_addendum (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  text text NOT NULL,
  created_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE meeting_material (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  title text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE meeting_material_version (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  material_id uuid NOT NULL REFERENCES meeting_material(id) ON DELETE CASCADE,
  version int NOT NULL,
  file_name text NOT NULL,
  mime_type text NOT NULL,
  size_bytes int NOT NULL,
  content bytea NOT NULL,
  uploaded_by uuid REFERENCES account(id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (material_id, version)
);
CREATE TABLE material_read (
  material_id uuid NOT NULL REFERENCES meeting_material(id) ON DELETE CASCADE,
  member_id uuid NOT NULL REFERENCES member(id),
  read_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (material_id, member_id)
);

-- Resolutions and conclusions, numbered per issuer, type and numbering period (committee term or year).
CREATE TABLE decision (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organization(id),
  meeting_id uuid NOT NULL UNIQUE REFERENCES meeting(id),
  type text NOT NULL CHECK (type IN ('NQ','KL')),
  period_key text NOT NULL,
  seq int NOT NULL,
  number text NOT NULL,
  title text NOT NULL,
  body jsonb NOT NULL DEFAULT '{}'::jsonb,
  issued_on date NOT NULL,
  finalised_at timestamptz,
  UNIQUE (organization_id, type, period_key, seq)
);

CREATE TABLE task (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  province_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organization(id),
  meeting_id uuid REFERENCES meeting(id),
  title text NOT NULL,
  expected_result text,
  deadline date,
  assignee_member_id uuid REFERENCES member(id),
  assignee_group_id uuid REFERENCES organization(id),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','not_done','cancelled')),
  result_note text,
  completed_on date,
  reviewed_in_meeting_id uuid REFERENCES meeting(id),
  created_by_member_id uuid REFERENCES member(id),
  created_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (assignee_member_id IS NOT NULL OR assignee_group_id IS NOT NULL)
);
CREATE INDEX task_org_idx ON task (organization_id, status);
CREATE INDEX task_meeting_idx ON task (meeting_id);
CREATE INDEX task_assignee_idx ON task (assignee_member_id);

CREATE TABLE task_report (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_id uuid NOT NULL REFERENCES task(id) ON DELETE CASCADE,
  member_id uuid REFERENCES member(id),
  note text NOT NULL,
  progress int CHECK (progress BETWEEN 0 AND 100),
  file_name text,
  mime_type text,
  content bytea,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- In-app notifications (notice published, task reminders), one row per recipient member.
CREATE TABLE notification (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  member_id uuid NOT NULL REFERENCES member(id),
  kind text NOT NULL,
  title text NOT NULL,
  link text,
  dedupe_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX notification_member_idx ON notification (member_id, created_at DESC);
CREATE UNIQUE INDEX notification_dedupe_uq ON notification (member_id, dedupe_key) WHERE dedupe_key IS NOT NULL;

-- Personal calendar feed tokens (iCal URLs cannot carry a session cookie).
ALTER TABLE account ADD COLUMN calendar_token text UNIQUE;
