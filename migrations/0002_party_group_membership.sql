-- A member of a large cell also belongs to one of its party groups (tổ đảng): membership kind 'party_group'.
ALTER TABLE membership DROP CONSTRAINT membership_kind_check;
ALTER TABLE membership ADD CONSTRAINT membership_kind_check CHECK (kind IN ('official', 'temporary', 'party_group'));
CREATE UNIQUE INDEX membership_one_group_uq ON membership (member_id) WHERE valid_to IS NULL AND kind = 'party_group';
