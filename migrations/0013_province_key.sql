-- The province key on every tenant row (issue 10.6, docs/SCALE-OUT.md): province_id is the id of the row's
-- province-level organisation (a provincial or city committee is its own province; the centre and the
-- organisations directly under it carry the centre's id, so the centre is one more tenant). It is the
-- distribution column should the data ever be spread over Citus workers by province.
--
-- Tables that already carried the column keep it, now checked against the row's organisation (or member) on the
-- way in. Tables that only reached their province through a parent row (a meeting's agenda, roll, votes,
-- materials; a task's reports; a scorecard's entries; a member's notifications) get the column here, filled for
-- existing rows and, on every insert, by a BEFORE trigger from the parent row, so the repositories need no
-- change. A value given by the writer must agree with the parent's, or the row is refused.
--
-- Tables that hold no one province's data (the rule data, the accounts and their sessions, the sign-in throttle,
-- the migration ledger) are listed, with their reasons, in src/server/tenancy.ts; the tenancy test fails on any
-- other table without province_id NOT NULL.

-- ---- the check every trigger below shares -----------------------------------------------------------------

-- The province a row must carry: its parent's. A different value given by the writer is a bug that would put
-- the row on another shard than its parent, so it is refused. With no parent found, the given value stands (the
-- foreign key, checked after this trigger, then refuses the row).
CREATE FUNCTION tenancy_checked_province(given uuid, derived uuid, tbl text) RETURNS uuid
  LANGUAGE plpgsql AS $$
BEGIN
  IF given IS NOT NULL AND derived IS NOT NULL AND given <> derived THEN
    RAISE EXCEPTION 'province_id % of a % row differs from its parent''s %', given, tbl, derived
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN COALESCE(derived, given);
END $$;

-- One trigger function per parent (static statements, so each plan is cached per session).
CREATE FUNCTION tenancy_province_from_organization() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.province_id := tenancy_checked_province(NEW.province_id,
    (SELECT province_id FROM organization WHERE id = NEW.organization_id), TG_TABLE_NAME);
  RETURN NEW;
END $$;

CREATE FUNCTION tenancy_province_from_meeting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.province_id := tenancy_checked_province(NEW.province_id,
    (SELECT province_id FROM meeting WHERE id = NEW.meeting_id), TG_TABLE_NAME);
  RETURN NEW;
END $$;

CREATE FUNCTION tenancy_province_from_vote() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.province_id := tenancy_checked_province(NEW.province_id,
    (SELECT province_id FROM meeting_vote WHERE id = NEW.vote_id), TG_TABLE_NAME);
  RETURN NEW;
END $$;

CREATE FUNCTION tenancy_province_from_material() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.province_id := tenancy_checked_province(NEW.province_id,
    (SELECT province_id FROM meeting_material WHERE id = NEW.material_id), TG_TABLE_NAME);
  RETURN NEW;
END $$;

CREATE FUNCTION tenancy_province_from_task() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.province_id := tenancy_checked_province(NEW.province_id,
    (SELECT province_id FROM task WHERE id = NEW.task_id), TG_TABLE_NAME);
  RETURN NEW;
END $$;

CREATE FUNCTION tenancy_province_from_scorecard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.province_id := tenancy_checked_province(NEW.province_id,
    (SELECT province_id FROM scorecard WHERE id = NEW.scorecard_id), TG_TABLE_NAME);
  RETURN NEW;
END $$;

CREATE FUNCTION tenancy_province_from_member() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.province_id := tenancy_checked_province(NEW.province_id,
    (SELECT province_id FROM member WHERE id = NEW.member_id), TG_TABLE_NAME);
  RETURN NEW;
END $$;

-- ---- tables that reached their province through a parent: the column, filled, then required --------------

ALTER TABLE meeting_agenda_item ADD COLUMN province_id uuid;
ALTER TABLE meeting_attendance ADD COLUMN province_id uuid;
ALTER TABLE meeting_guest ADD COLUMN province_id uuid;
ALTER TABLE meeting_contribution ADD COLUMN province_id uuid;
ALTER TABLE meeting_vote ADD COLUMN province_id uuid;
ALTER TABLE meeting_addendum ADD COLUMN province_id uuid;
ALTER TABLE meeting_material ADD COLUMN province_id uuid;
ALTER TABLE meeting_ballot ADD COLUMN province_id uuid;
ALTER TABLE meeting_material_version ADD COLUMN province_id uuid;
ALTER TABLE material_read ADD COLUMN province_id uuid;
ALTER TABLE task_report ADD COLUMN province_id uuid;
ALTER TABLE scorecard_entry ADD COLUMN province_id uuid;
ALTER TABLE notification ADD COLUMN province_id uuid;

UPDATE meeting_agenda_item c SET province_id = m.province_id FROM meeting m WHERE m.id = c.meeting_id;
UPDATE meeting_attendance c SET province_id = m.province_id FROM meeting m WHERE m.id = c.meeting_id;
UPDATE meeting_guest c SET province_id = m.province_id FROM meeting m WHERE m.id = c.meeting_id;
UPDATE meeting_contribution c SET province_id = m.province_id FROM meeting m WHERE m.id = c.meeting_id;
UPDATE meeting_vote c SET province_id = m.province_id FROM meeting m WHERE m.id = c.meeting_id;
UPDATE meeting_addendum c SET province_id = m.province_id FROM meeting m WHERE m.id = c.meeting_id;
UPDATE meeting_material c SET province_id = m.province_id FROM meeting m WHERE m.id = c.meeting_id;
UPDATE meeting_ballot c SET province_id = v.province_id FROM meeting_vote v WHERE v.id = c.vote_id;
UPDATE meeting_material_version c SET province_id = x.province_id FROM meeting_material x WHERE x.id = c.material_id;
UPDATE material_read c SET province_id = x.province_id FROM meeting_material x WHERE x.id = c.material_id;
UPDATE task_report c SET province_id = t.province_id FROM task t WHERE t.id = c.task_id;
UPDATE scorecard_entry c SET province_id = s.province_id FROM scorecard s WHERE s.id = c.scorecard_id;
UPDATE notification c SET province_id = p.province_id FROM member p WHERE p.id = c.member_id;

ALTER TABLE meeting_agenda_item ALTER COLUMN province_id SET NOT NULL;
ALTER TABLE meeting_attendance ALTER COLUMN province_id SET NOT NULL;
ALTER TABLE meeting_guest ALTER COLUMN province_id SET NOT NULL;
ALTER TABLE meeting_contribution ALTER COLUMN province_id SET NOT NULL;
ALTER TABLE meeting_vote ALTER COLUMN province_id SET NOT NULL;
ALTER TABLE meeting_addendum ALTER COLUMN province_id SET NOT NULL;
ALTER TABLE meeting_material ALTER COLUMN province_id SET NOT NULL;
ALTER TABLE meeting_ballot ALTER COLUMN province_id SET NOT NULL;
ALTER TABLE meeting_material_version ALTER COLUMN province_id SET NOT NULL;
ALTER TABLE material_read ALTER COLUMN province_id SET NOT NULL;
ALTER TABLE task_report ALTER COLUMN province_id SET NOT NULL;
ALTER TABLE scorecard_entry ALTER COLUMN province_id SET NOT NULL;
ALTER TABLE notification ALTER COLUMN province_id SET NOT NULL;

-- The triggers fire on insert and when the parent reference or the key itself is written; an update of other
-- columns (a check-in, a ballot, minutes text) does not fire them and costs nothing more.
CREATE TRIGGER meeting_agenda_item_province BEFORE INSERT OR UPDATE OF meeting_id, province_id ON meeting_agenda_item
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_meeting();
CREATE TRIGGER meeting_attendance_province BEFORE INSERT OR UPDATE OF meeting_id, province_id ON meeting_attendance
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_meeting();
CREATE TRIGGER meeting_guest_province BEFORE INSERT OR UPDATE OF meeting_id, province_id ON meeting_guest
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_meeting();
CREATE TRIGGER meeting_contribution_province BEFORE INSERT OR UPDATE OF meeting_id, province_id
  ON meeting_contribution FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_meeting();
CREATE TRIGGER meeting_vote_province BEFORE INSERT OR UPDATE OF meeting_id, province_id ON meeting_vote
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_meeting();
CREATE TRIGGER meeting_addendum_province BEFORE INSERT OR UPDATE OF meeting_id, province_id ON meeting_addendum
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_meeting();
CREATE TRIGGER meeting_material_province BEFORE INSERT OR UPDATE OF meeting_id, province_id ON meeting_material
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_meeting();
CREATE TRIGGER meeting_ballot_province BEFORE INSERT OR UPDATE OF vote_id, province_id ON meeting_ballot
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_vote();
CREATE TRIGGER meeting_material_version_province BEFORE INSERT OR UPDATE OF material_id, province_id
  ON meeting_material_version FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_material();
CREATE TRIGGER material_read_province BEFORE INSERT OR UPDATE OF material_id, province_id ON material_read
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_material();
CREATE TRIGGER task_report_province BEFORE INSERT OR UPDATE OF task_id, province_id ON task_report
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_task();
CREATE TRIGGER scorecard_entry_province BEFORE INSERT OR UPDATE OF scorecard_id, province_id ON scorecard_entry
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_scorecard();
-- A notification is the recipient's: it lives in the province that holds the member's record.
CREATE TRIGGER notification_province BEFORE INSERT OR UPDATE OF member_id, province_id ON notification
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_member();

-- ---- tables that carried the key already: filled when left out, checked when given -------------------------

CREATE TRIGGER membership_province BEFORE INSERT OR UPDATE OF organization_id, province_id ON membership
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_organization();
CREATE TRIGGER committee_province BEFORE INSERT OR UPDATE OF organization_id, province_id ON committee
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_organization();
CREATE TRIGGER position_province BEFORE INSERT OR UPDATE OF organization_id, province_id ON position
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_organization();
CREATE TRIGGER role_assignment_province BEFORE INSERT OR UPDATE OF organization_id, province_id ON role_assignment
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_organization();
CREATE TRIGGER roster_import_province BEFORE INSERT OR UPDATE OF organization_id, province_id ON roster_import
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_organization();
CREATE TRIGGER rule_set_assignment_province BEFORE INSERT OR UPDATE OF organization_id, province_id
  ON rule_set_assignment FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_organization();
CREATE TRIGGER scoring_framework_assignment_province BEFORE INSERT OR UPDATE OF organization_id, province_id
  ON scoring_framework_assignment FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_organization();
CREATE TRIGGER work_programme_province BEFORE INSERT OR UPDATE OF organization_id, province_id ON work_programme
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_organization();
CREATE TRIGGER thematic_topic_province BEFORE INSERT OR UPDATE OF organization_id, province_id ON thematic_topic
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_organization();
CREATE TRIGGER meeting_province BEFORE INSERT OR UPDATE OF organization_id, province_id ON meeting
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_organization();
CREATE TRIGGER decision_province BEFORE INSERT OR UPDATE OF organization_id, province_id ON decision
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_organization();
CREATE TRIGGER task_province BEFORE INSERT OR UPDATE OF organization_id, province_id ON task
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_organization();
CREATE TRIGGER scorecard_province BEFORE INSERT OR UPDATE OF organization_id, province_id ON scorecard
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_organization();
CREATE TRIGGER evaluation_province BEFORE INSERT OR UPDATE OF organization_id, province_id ON evaluation
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_organization();
CREATE TRIGGER four_good_entry_province BEFORE INSERT OR UPDATE OF organization_id, province_id ON four_good_entry
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_organization();
CREATE TRIGGER exemption_province BEFORE INSERT OR UPDATE OF member_id, province_id ON exemption
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_member();
-- Not derived, on purpose: member_event (a transfer's 'transferred_in' is the receiving province's fact, its
-- 'transferred_out' the sending one's), discipline (a member's or an organisation's), reorganization (written
-- by the service with the province it changes) and organization itself (a provincial committee is its own
-- province; anything else takes its parent's, checked through organization_period below).

-- ---- which organisations are provinces ------------------------------------------------------------------

-- The tenants are the centre's direct children (đảng bộ trực thuộc Trung ương: the provinces and cities, and
-- the party committees of the central agencies, army and police) and the centre itself. An organisation
-- created under the centre is given the centre's key by its writer; it is its own province instead. Everything
-- below keeps its parent's key.
CREATE FUNCTION tenancy_organization_province() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind = 'central' OR NEW.province_id IS NULL
     OR EXISTS (SELECT 1 FROM organization WHERE id = NEW.province_id AND kind = 'central') THEN
    NEW.province_id := NEW.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER organization_province BEFORE INSERT ON organization
  FOR EACH ROW EXECUTE FUNCTION tenancy_organization_province();

-- ---- the tree: a period's province is its organisation's, and a parent never lies in another province ------

-- A move, merge or split that re-hangs an organisation under a parent in another province is refused: the
-- province key of everything the organisation ever recorded (meetings, rolls, scorecards, evaluations, the audit
-- chain they were written to) would have to change with it, which is a data migration (docs/SCALE-OUT.md,
-- "Moving between provinces"), not a reorganisation a committee submits. The service refuses it with a message
-- first; this is the schema's own guarantee. For the same reason a province-level organisation hangs only under
-- the centre, and nothing else is moved to hang there directly.
CREATE FUNCTION tenancy_period_province() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent_kind text;
  parent_province uuid;
  expected uuid;
BEGIN
  NEW.province_id := tenancy_checked_province(NEW.province_id,
    (SELECT province_id FROM organization WHERE id = NEW.organization_id), TG_TABLE_NAME);
  IF NEW.parent_id IS NOT NULL THEN
    SELECT kind, province_id INTO parent_kind, parent_province FROM organization WHERE id = NEW.parent_id;
    -- Under the centre an organisation is its own province; anywhere else it is its parent's.
    expected := CASE WHEN parent_kind = 'central' THEN NEW.organization_id ELSE parent_province END;
    IF expected IS DISTINCT FROM NEW.province_id THEN
      RAISE EXCEPTION 'organisation % of province % cannot hang under % (province %)',
        NEW.organization_id, NEW.province_id, NEW.parent_id, parent_province
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER organization_period_province BEFORE INSERT OR UPDATE OF organization_id, parent_id, province_id
  ON organization_period FOR EACH ROW EXECUTE FUNCTION tenancy_period_province();

-- ---- a member's record lives where their official cell is --------------------------------------------------

-- An official membership in another province (a transfer between provinces) moves the member's record, and
-- their account's audit chain, to the receiving province; the facts already recorded stay keyed to the province
-- where they happened (docs/SCALE-OUT.md, "What crosses provinces").
CREATE FUNCTION tenancy_member_follows_official_cell() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE member SET province_id = NEW.province_id
    WHERE id = NEW.member_id AND province_id <> NEW.province_id;
  UPDATE account SET province_id = NEW.province_id
    WHERE member_id = NEW.member_id AND province_id IS DISTINCT FROM NEW.province_id;
  RETURN NULL;
END $$;
CREATE TRIGGER membership_official_moves_member AFTER INSERT ON membership
  FOR EACH ROW WHEN (NEW.kind = 'official') EXECUTE FUNCTION tenancy_member_follows_official_cell();

-- ---- the audit log: its chain already is the province ------------------------------------------------------

-- Each province's events form their own chain, named by the province's id; system-wide events (chain '') carry
-- the nil uuid, the key of no province. Computed from chain, so no writer and no hash changes.
ALTER TABLE audit_log ADD COLUMN province_id uuid NOT NULL
  GENERATED ALWAYS AS (COALESCE(NULLIF(chain, '')::uuid, '00000000-0000-0000-0000-000000000000'::uuid)) STORED;
ALTER TABLE audit_head ADD COLUMN province_id uuid NOT NULL
  GENERATED ALWAYS AS (COALESCE(NULLIF(chain, '')::uuid, '00000000-0000-0000-0000-000000000000'::uuid)) STORED;

-- ---- indexes the distribution needs ------------------------------------------------------------------------

-- A province's members found without a scan of the nation (moving a province between nodes, a province's
-- export, the key check in the tenancy test). Every other tenant table reaches its province through an index it
-- already had (organisation, meeting, scorecard, audit chain); at the Citus step each primary key becomes
-- (province_id, id) and carries the key itself (docs/SCALE-OUT.md).
CREATE INDEX member_province_idx ON member (province_id);
