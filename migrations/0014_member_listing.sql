-- Members and organisations at province scale (issue 10.3). Two summaries kept current by the member writes, in
-- the write's transaction (src/server/features/summaries/member-summaries.service.ts), rebuilt at start-up when
-- never built and checked against a recomputation by src/server/cli/summaries-check.ts.

-- member_listing: the member list's rows, one per organisation on the path of the organisation a member attends
-- (its label in `ancestor`, ADR 003), so any subtree's list is one index range in the list's order
-- (given name, folded full name, id) and a page after a cursor reads only that page. An active member has a row
-- per membership (official, temporary, party group; past and future ones too: the list filters by today, so time
-- passing needs no write); a former member (transferred out, died, removed, expelled) a row for their last
-- official membership. The path is the organisation's current one (its last one when it no longer exists).
CREATE TABLE member_listing (
  province_id uuid NOT NULL,
  ancestor text NOT NULL,
  member_id uuid NOT NULL REFERENCES member(id),
  -- No foreign key: a reorganisation may delete a membership begun that day; the refresh that follows in the same
  -- transaction still finds (and takes back the counts of) the rows it had.
  membership_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organization(id),
  -- The row's ancestor is the organisation itself (the list's "direct" scope).
  direct boolean NOT NULL,
  kind text NOT NULL,
  valid_from date NOT NULL,
  valid_to date,
  lifecycle text NOT NULL,
  status text NOT NULL,
  -- The given name (last word of the folded name): the list's order, as the register is read.
  -- In the C collation: the same order on every server, as the cursor compares and the app merges.
  sort_key text COLLATE "C" NOT NULL,
  search_name text COLLATE "C" NOT NULL,
  PRIMARY KEY (ancestor, member_id, membership_id)
);
CREATE INDEX member_listing_order_idx ON member_listing (ancestor, lifecycle, sort_key, search_name, member_id);
CREATE INDEX member_listing_direct_idx ON member_listing (organization_id, lifecycle, sort_key, search_name, member_id)
  WHERE direct;
CREATE INDEX member_listing_member_idx ON member_listing (member_id);
-- Search as the user types: a prefix of the given name (the order index above) or of the full name, then any
-- part of the name.
CREATE INDEX member_listing_name_prefix_idx ON member_listing (ancestor, lifecycle, search_name);
CREATE INDEX member_listing_name_trgm_idx ON member_listing USING gin (ancestor, search_name gin_trgm_ops);
CREATE TRIGGER member_listing_province BEFORE INSERT OR UPDATE OF organization_id, province_id ON member_listing
  FOR EACH ROW EXECUTE FUNCTION tenancy_province_from_organization();

-- member_count: how many members a subtree (direct = false) or an organisation itself (direct = true) has, as
-- dated changes: n members more from `day` on (−n: fewer). The count on a date is the sum of the rows up to it,
-- a few rows per day on which memberships began or ended, never a scan of the members. Kinds: 'listed' (the
-- member list: any membership, a member once), 'official' and 'temporary' (the list's filters), 'counted' (the
-- tree's and the organisation page's count: official memberships, and a party group's own members), and for
-- former members their lifecycle ('transferred_out', 'died', 'removed', 'expelled', dated -infinity). province_id
-- is the province of the membership that opened the stretch (a centre-level count sums over provinces).
CREATE TABLE member_count (
  province_id uuid NOT NULL,
  ancestor text NOT NULL,
  direct boolean NOT NULL,
  kind text NOT NULL,
  status text NOT NULL,
  day date NOT NULL,
  n int NOT NULL,
  PRIMARY KEY (ancestor, direct, kind, status, day, province_id)
);
