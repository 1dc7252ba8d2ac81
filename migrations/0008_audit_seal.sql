-- Tamper-evident audit log (ADR 009): a write appends its event PENDING (seq, prev_hash, hash NULL) without
-- touching the chain head; the sealer alone gives pending events their place in the chain, keyed with
-- HMAC-SHA-256 (key_id names the key; NULL marks rows sealed with the unkeyed SHA-256 before this migration).
ALTER TABLE audit_log
  ALTER COLUMN seq DROP NOT NULL,
  ALTER COLUMN prev_hash DROP NOT NULL,
  ALTER COLUMN hash DROP NOT NULL,
  ADD COLUMN key_id text,
  ADD CONSTRAINT audit_log_sealed_whole CHECK (
    (seq IS NULL) = (hash IS NULL) AND (seq IS NULL) = (prev_hash IS NULL) AND (seq IS NOT NULL OR key_id IS NULL)
  );

-- The sealer's work list: pending events in id order.
CREATE INDEX audit_log_pending_idx ON audit_log (id) WHERE seq IS NULL;

-- Still append-only: the one update allowed is sealing a pending row, which sets the chain columns and
-- nothing else. Deleting stays refused.
CREATE OR REPLACE FUNCTION audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
     AND ROW(NEW.id, NEW.chain, NEW.at, NEW.actor_account_id, NEW.action, NEW.entity, NEW.entity_id, NEW.before,
             NEW.after, NEW.ip)
         IS NOT DISTINCT FROM
         ROW(OLD.id, OLD.chain, OLD.at, OLD.actor_account_id, OLD.action, OLD.entity, OLD.entity_id, OLD.before,
             OLD.after, OLD.ip) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
