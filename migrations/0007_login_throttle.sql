-- Login throttling per account and per client address (ADR 004). An attempt is reserved in one statement before
-- its password is checked, so parallel attempts cannot all pass the check of a counter read earlier. The old
-- per-identifier counters are transient and are not carried over.
DROP TABLE login_throttle;

CREATE TABLE login_throttle (
  -- 'account:<account id>', 'identifier:<normalised identifier>' (no account has it) or 'address:<client address>'
  key text PRIMARY KEY,
  -- failures counted so far, the attempt in flight included (a successful sign-in gives its attempt back)
  failures int NOT NULL,
  locked_until timestamptz,
  last_attempt_at timestamptz NOT NULL,
  -- whether the latest reservation was granted (read back by the reserving statement itself)
  granted boolean NOT NULL
);
