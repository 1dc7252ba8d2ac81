-- Check-in that cannot usefully be forwarded (issue 9.10, ADR 005): the room's one code for the whole meeting gives
-- way to a per-meeting secret from which the server derives a code every 30 seconds and each member's personal pass
-- (src/domain/checkin-codes.ts). The secret exists only while the meeting is in session and never leaves the server
-- except as codes.
ALTER TABLE meeting ADD COLUMN checkin_secret bytea;
-- A meeting in session during the upgrade gets its secret now (gen_random_uuid draws from a strong random source).
UPDATE meeting SET checkin_secret = decode(
    replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), 'hex')
  WHERE status = 'in_session';
ALTER TABLE meeting DROP COLUMN checkin_code;

-- How a member came to be present: tapped by the secretary, their own room code, or their personal pass scanned.
ALTER TABLE meeting_attendance DROP CONSTRAINT IF EXISTS meeting_attendance_check_in_method_check;
ALTER TABLE meeting_attendance ADD CONSTRAINT meeting_attendance_check_in_method_check
  CHECK (check_in_method IN ('tap','code','pass'));
-- Wrong room codes typed by the member in this meeting; self check-in closes at the domain's limit.
ALTER TABLE meeting_attendance ADD COLUMN checkin_failures int NOT NULL DEFAULT 0;
