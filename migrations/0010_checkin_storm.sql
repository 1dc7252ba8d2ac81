-- The ngày 03 check-in storm (issue 10.1).
--
-- 1. Every process keeps sessions and actors' scopes in memory (src/server/features/auth/auth-cache.ts). Any write
--    to what they are read from tells every process, inside the write's own transaction (so on commit only), on the
--    channel 'chibo_auth': triggers rather than calls at each write site, so that no write path (services, imports,
--    restores, an operator's SQL) can forget it. Payloads: 'session:<token hash>', 'account:<account id>',
--    'member:<member id>', or '*' (drop everything: organisations changed, or a table was emptied).
CREATE FUNCTION chibo_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF TG_LEVEL = 'STATEMENT' THEN
    PERFORM pg_notify('chibo_auth', '*');
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  IF TG_TABLE_NAME = 'session' THEN
    PERFORM pg_notify('chibo_auth', 'session:' || r.token_hash);
  ELSIF TG_TABLE_NAME = 'account' THEN
    PERFORM pg_notify('chibo_auth', 'account:' || r.id);
  ELSIF TG_TABLE_NAME = 'role_assignment' THEN
    PERFORM pg_notify('chibo_auth', 'account:' || r.account_id);
    IF TG_OP = 'UPDATE' AND OLD.account_id <> NEW.account_id THEN
      PERFORM pg_notify('chibo_auth', 'account:' || OLD.account_id);
    END IF;
  ELSE -- membership, position
    PERFORM pg_notify('chibo_auth', 'member:' || r.member_id);
    IF TG_OP = 'UPDATE' AND OLD.member_id <> NEW.member_id THEN
      PERFORM pg_notify('chibo_auth', 'member:' || OLD.member_id);
    END IF;
  END IF;
  RETURN NULL;
END $$;

-- A session is cached until revoked or gone (sliding its expiry on use changes nothing cached).
CREATE TRIGGER session_auth_changed AFTER UPDATE OF revoked_at, account_id ON session
  FOR EACH ROW WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.account_id <> NEW.account_id)
  EXECUTE FUNCTION chibo_auth_changed();
CREATE TRIGGER session_auth_deleted AFTER DELETE ON session FOR EACH ROW EXECUTE FUNCTION chibo_auth_changed();
-- The account's member, its administrator flag and its password (a new password ends the other sessions).
CREATE TRIGGER account_auth_changed AFTER UPDATE OF member_id, is_system_admin, password_hash ON account
  FOR EACH ROW EXECUTE FUNCTION chibo_auth_changed();
CREATE TRIGGER account_auth_deleted AFTER DELETE ON account FOR EACH ROW EXECUTE FUNCTION chibo_auth_changed();
CREATE TRIGGER role_assignment_auth_changed AFTER INSERT OR UPDATE OR DELETE ON role_assignment
  FOR EACH ROW EXECUTE FUNCTION chibo_auth_changed();
CREATE TRIGGER membership_auth_changed AFTER INSERT OR UPDATE OR DELETE ON membership
  FOR EACH ROW EXECUTE FUNCTION chibo_auth_changed();
CREATE TRIGGER position_auth_changed AFTER INSERT OR UPDATE OR DELETE ON position
  FOR EACH ROW EXECUTE FUNCTION chibo_auth_changed();
-- Scopes carry the organisation's kind and exist only while its current period is open.
CREATE TRIGGER organization_auth_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organization
  FOR EACH STATEMENT EXECUTE FUNCTION chibo_auth_changed();
CREATE TRIGGER organization_period_auth_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organization_period
  FOR EACH STATEMENT EXECUTE FUNCTION chibo_auth_changed();
CREATE TRIGGER session_auth_truncated AFTER TRUNCATE ON session
  FOR EACH STATEMENT EXECUTE FUNCTION chibo_auth_changed();
CREATE TRIGGER account_auth_truncated AFTER TRUNCATE ON account
  FOR EACH STATEMENT EXECUTE FUNCTION chibo_auth_changed();
CREATE TRIGGER role_assignment_auth_truncated AFTER TRUNCATE ON role_assignment
  FOR EACH STATEMENT EXECUTE FUNCTION chibo_auth_changed();
CREATE TRIGGER membership_auth_truncated AFTER TRUNCATE ON membership
  FOR EACH STATEMENT EXECUTE FUNCTION chibo_auth_changed();
CREATE TRIGGER position_auth_truncated AFTER TRUNCATE ON position
  FOR EACH STATEMENT EXECUTE FUNCTION chibo_auth_changed();

-- 2. A self check-in updates only the member's own roll row: no lock on the meeting row, no bump of its version.
--    The room's version (what screens use to drop stale states) becomes the meeting's version plus the check-ins of
--    its roll, both only ever growing.
ALTER TABLE meeting_attendance ADD COLUMN self_checkins int NOT NULL DEFAULT 0;
