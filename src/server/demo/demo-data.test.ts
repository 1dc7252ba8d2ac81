// The demo generator: reproducible, consistent trees and histories, plausible members, working accounts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childPath, pathLabel } from '../../domain/tree.ts';
import type { Database } from '../platform/db.ts';
import { verifyPassword } from '../platform/password.ts';
import { createTestDatabase } from '../testing/test-db.ts';
import { createDemoData, type DemoSummary, demoAccounts, demoPassword, hasData } from './demo-data.ts';

const members = 400;
const seed = 20250701;
let db: Database;
let twin: Database;
let summary: DemoSummary;
let emptyBefore: boolean;

beforeAll(async () => {
  [db, twin] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  emptyBefore = !(await hasData(db));
  summary = await createDemoData(db, { seed, members });
  await createDemoData(twin, { seed, members });
});

afterAll(async () => {
  await db?.close();
  await twin?.close();
});

interface PeriodRow {
  organization_id: string;
  parent_id: string | null;
  name: string;
  path: string;
  depth: number;
  valid_from: string;
  valid_to: string | null;
}

/** Organisations hanging directly under `parentId` on `date`. */
async function childrenAt(parentId: string, date: string) {
  return db.query<{ organization_id: string; name: string }>(
    `SELECT organization_id, name FROM organization_period
      WHERE parent_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)`,
    [parentId, date],
  );
}

async function periodAt(organizationId: string, date: string) {
  const rows = await db.query<PeriodRow>(
    `SELECT organization_id, parent_id, name, path::text AS path, depth, valid_from, valid_to FROM organization_period
      WHERE organization_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)`,
    [organizationId, date],
  );
  return rows[0] ?? null;
}

describe('createDemoData', () => {
  it('seeds an empty database and reports it', async () => {
    expect(emptyBefore).toBe(true);
    expect(await hasData(db)).toBe(true);
    expect(summary.members).toBe(members);
    expect(summary.accounts).toBe(demoAccounts.length);
    expect(summary.organizations).toBeGreaterThan(40);
  });

  it('gives the same data for the same seed', async () => {
    const sql = `SELECT id, full_name, party_card_number, citizen_id, phone FROM member ORDER BY id`;
    const [a, b] = await Promise.all([db.query(sql), twin.query(sql)]);
    expect(a.length).toBe(members);
    expect(b).toEqual(a);
    const orgSql = `SELECT organization_id, name, path::text, valid_from, valid_to FROM organization_period ORDER BY id`;
    expect(await twin.query(orgSql)).toEqual(await db.query(orgSql));
    const posSql = `SELECT organization_id, member_id, kind, valid_from FROM position ORDER BY id`;
    expect(await twin.query(posSql)).toEqual(await db.query(posSql));
  });

  it('produces member counts and shares near the targets', async () => {
    const [row] = await db.query<{
      total: number;
      probationary: number;
      male: number;
      with_card: number;
      died: number;
      removed: number;
      exempt: number;
      temporary: number;
    }>(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE status = 'probationary')::int AS probationary,
              count(*) FILTER (WHERE gender = 'male')::int AS male,
              count(*) FILTER (WHERE party_card_number IS NOT NULL)::int AS with_card,
              count(*) FILTER (WHERE lifecycle = 'died')::int AS died,
              count(*) FILTER (WHERE lifecycle = 'removed')::int AS removed,
              (SELECT count(DISTINCT member_id)::int FROM exemption WHERE valid_to IS NULL) AS exempt,
              (SELECT count(DISTINCT member_id)::int FROM membership WHERE kind = 'temporary' AND valid_to IS NULL) AS temporary
         FROM member`,
    );
    const r = row!;
    expect(r.total).toBe(members);
    expect(r.probationary).toBeGreaterThan(0);
    expect(r.probationary / members).toBeLessThan(0.15);
    expect(r.exempt).toBeGreaterThan(0);
    expect(r.exempt / members).toBeLessThan(0.12);
    expect(r.temporary).toBeGreaterThan(0);
    expect(r.died).toBeGreaterThan(0);
    expect(r.removed).toBeGreaterThan(0);
    expect(r.male / members).toBeGreaterThan(0.45);
    expect(r.male / members).toBeLessThan(0.75);
    expect(r.with_card).toBeGreaterThan(members * 0.85);
    const [events] = await db.query<{ admitted: number; made_full: number; full: number; transfers: number }>(
      `SELECT count(*) FILTER (WHERE kind = 'admitted')::int AS admitted,
              count(*) FILTER (WHERE kind = 'made_full')::int AS made_full,
              (SELECT count(*)::int FROM member WHERE status = 'full') AS full,
              count(*) FILTER (WHERE kind = 'transferred_in')::int AS transfers
         FROM member_event`,
    );
    expect(events!.admitted).toBe(members);
    expect(events!.made_full).toBe(events!.full);
    expect(events!.transfers).toBeGreaterThan(0);
  });

  it('has every cell type and organisation kind the app knows about (central aside)', async () => {
    const kinds = await db.query<{ kind: string }>('SELECT DISTINCT kind FROM organization');
    expect(kinds.map((k) => k.kind).sort()).toEqual(
      [
        'bloc_committee',
        'cell',
        'district_committee',
        'grassroots_cell',
        'grassroots_committee',
        'party_group',
        'provincial_committee',
        'subcommittee',
      ].sort(),
    );
    const types = await db.query<{ cell_type: string }>(
      'SELECT DISTINCT cell_type FROM organization WHERE cell_type IS NOT NULL',
    );
    expect(types).toHaveLength(9);
  });

  it('keeps materialised paths consistent with parents, for current and past periods', async () => {
    const rows = await db.query<PeriodRow>(
      'SELECT organization_id, parent_id, name, path::text AS path, depth, valid_from, valid_to FROM organization_period',
    );
    const byOrg = new Map<string, PeriodRow[]>();
    for (const r of rows) byOrg.set(r.organization_id, [...(byOrg.get(r.organization_id) ?? []), r]);
    const [root] = await db.query<{ id: string; province_id: string }>(
      "SELECT id, province_id FROM organization WHERE kind = 'provincial_committee'",
    );
    expect(root!.province_id).toBe(root!.id);
    const foreign = await db.query('SELECT 1 FROM organization_period WHERE province_id <> $1', [root!.id]);
    expect(foreign).toHaveLength(0);
    for (const r of rows) {
      expect(r.depth).toBe(r.path.split('.').length - 1);
      if (r.parent_id === null) {
        expect(r.path).toBe(pathLabel(r.organization_id));
        continue;
      }
      // The parent's period covering this period's first day gives the prefix.
      const parent = (byOrg.get(r.parent_id) ?? []).find(
        (p) => p.valid_from <= r.valid_from && (p.valid_to === null || p.valid_to > r.valid_from),
      );
      expect(parent, `parent period of ${r.name} on ${r.valid_from}`).toBeDefined();
      expect(r.path).toBe(childPath(parent!.path, r.organization_id));
      if (r.valid_to === null) expect(parent!.valid_to).toBeNull();
    }
    const current = rows.filter((r) => r.valid_to === null);
    expect(new Set(current.map((r) => r.organization_id)).size).toBe(current.length);
  });

  it('shows the dissolved district with its communes before 1 July 2025 and without it afterwards', async () => {
    const [district] = await db.query<{ id: string; valid_to: string; end_reason: string }>(
      "SELECT id, valid_to, end_reason FROM organization WHERE kind = 'district_committee'",
    );
    expect(district).toMatchObject({ valid_to: '2025-07-01', end_reason: 'dissolved' });
    const [province] = await db.query<{ id: string }>(
      "SELECT id FROM organization WHERE kind = 'provincial_committee'",
    );

    expect(await periodAt(district!.id, '2025-06-30')).not.toBeNull();
    expect(await periodAt(district!.id, '2025-07-01')).toBeNull();
    const before = await childrenAt(district!.id, '2025-06-30');
    expect(before.length).toBeGreaterThanOrEqual(4);
    expect(await childrenAt(district!.id, '2025-07-01')).toHaveLength(0);

    // Communes that moved: the same organisation, now straight under the province, with a new path.
    let moved = 0;
    for (const c of before) {
      const after = await periodAt(c.organization_id, '2025-07-01');
      const old = await periodAt(c.organization_id, '2025-06-30');
      expect(old!.path.split('.')).toContain(pathLabel(district!.id));
      if (!after) continue;
      moved++;
      expect(after.parent_id).toBe(province!.id);
      expect(after.path).toBe(childPath(pathLabel(province!.id), c.organization_id));
      // Their cells (and everything below) follow with new paths too.
      const cells = await childrenAt(c.organization_id, '2025-07-01');
      expect(cells.length).toBeGreaterThan(0);
      for (const cell of cells) {
        const p = await periodAt(cell.organization_id, '2025-07-01');
        expect(p!.path.split('.')).not.toContain(pathLabel(district!.id));
      }
    }
    expect(moved).toBeGreaterThanOrEqual(2);

    // Communes merged into a new one formed that day; their cells carry on under it.
    const merged = await db.query<{ id: string; successor_id: string; valid_to: string }>(
      "SELECT id, successor_id, valid_to FROM organization WHERE kind = 'grassroots_committee' AND end_reason = 'merged'",
    );
    expect(merged).toHaveLength(2);
    const target = merged[0]!.successor_id;
    expect(merged.every((m) => m.successor_id === target && m.valid_to === '2025-07-01')).toBe(true);
    const [formed] = await db.query<{ valid_from: string }>(
      'SELECT valid_from FROM organization WHERE id = $1',
      [target],
    );
    expect(formed!.valid_from).toBe('2025-07-01');
    const oldCells = await childrenAt(merged[0]!.id, '2025-06-30');
    const carried = [];
    for (const c of oldCells) {
      const now = await periodAt(c.organization_id, '2025-07-01');
      if (now) carried.push(now);
    }
    expect(carried.length).toBeGreaterThan(0);
    expect(carried.every((p) => p.parent_id === target)).toBe(true);

    const reorgs = await db.query<{ kind: string }>(
      "SELECT kind FROM reorganization WHERE effective_date = '2025-07-01' AND document_ref IS NOT NULL",
    );
    const kinds = new Set(reorgs.map((r) => r.kind));
    expect([...kinds].sort()).toEqual(['dissolve', 'merge', 'move']);
  });

  it('gives every active member exactly one current official membership, and others none', async () => {
    const bad = await db.query(
      `SELECT m.id, m.lifecycle, count(ms.id) AS n
         FROM member m
         LEFT JOIN membership ms ON ms.member_id = m.id AND ms.kind = 'official' AND ms.valid_to IS NULL
        GROUP BY m.id, m.lifecycle
       HAVING count(ms.id) <> CASE WHEN m.lifecycle = 'active' THEN 1 ELSE 0 END`,
    );
    expect(bad).toEqual([]);
    // Memberships stay inside the life of their organisation, so history survives the reorganisation.
    const outside = await db.query(
      `SELECT ms.id FROM membership ms JOIN organization o ON o.id = ms.organization_id
        WHERE ms.valid_from < o.valid_from
           OR (o.valid_to IS NOT NULL AND (ms.valid_to IS NULL OR ms.valid_to > o.valid_to))`,
    );
    expect(outside).toEqual([]);
    // Every current official or temporary membership points at a live cell.
    const notCells = await db.query(
      `SELECT ms.id FROM membership ms JOIN organization o ON o.id = ms.organization_id
        WHERE ms.valid_to IS NULL AND ms.kind <> 'party_group'
          AND (o.kind NOT IN ('cell', 'grassroots_cell') OR o.valid_to IS NOT NULL)`,
    );
    expect(notCells).toEqual([]);
    // Party-group memberships point at a group inside the member's own cell, and every group has members.
    const strayGroups = await db.query(
      `SELECT g.id FROM membership g
         JOIN organization_period gp ON gp.organization_id = g.organization_id AND gp.valid_to IS NULL
         LEFT JOIN membership c ON c.member_id = g.member_id AND c.kind = 'official' AND c.valid_to IS NULL
        WHERE g.kind = 'party_group' AND g.valid_to IS NULL AND c.organization_id IS DISTINCT FROM gp.parent_id`,
    );
    expect(strayGroups).toEqual([]);
    const emptyGroups = await db.query(
      `SELECT o.id FROM organization o WHERE o.kind = 'party_group' AND o.valid_to IS NULL
          AND NOT EXISTS (SELECT 1 FROM membership ms WHERE ms.organization_id = o.id AND ms.valid_to IS NULL)`,
    );
    expect(emptyGroups).toEqual([]);
    // Every generated id passes the contracts' uuid rule (version and variant digits), or profiles fail to parse.
    const badIds = await db.query(
      `SELECT id::text FROM membership UNION ALL SELECT id::text FROM member UNION ALL SELECT id::text FROM organization`,
    );
    const shape = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(badIds.filter((r) => !shape.test((r as { id: string }).id))).toEqual([]);
  });

  it('gives positions only to full members attending the organisation or below it at the time', async () => {
    const bad = await db.query(
      `SELECT pos.id, o.kind, pos.kind AS position
         FROM position pos
         JOIN organization o ON o.id = pos.organization_id
         JOIN organization_period op ON op.organization_id = o.id
          AND op.valid_from <= pos.valid_from AND (op.valid_to IS NULL OR op.valid_to > pos.valid_from)
        WHERE NOT EXISTS (
          SELECT 1 FROM membership ms
            JOIN member m ON m.id = ms.member_id
            JOIN organization_period cp ON cp.organization_id = ms.organization_id
             AND cp.valid_from <= pos.valid_from AND (cp.valid_to IS NULL OR cp.valid_to > pos.valid_from)
           WHERE ms.member_id = pos.member_id AND ms.kind = 'official'
             AND ms.valid_from <= pos.valid_from AND (ms.valid_to IS NULL OR ms.valid_to > pos.valid_from)
             AND m.full_membership_date <= pos.valid_from
             AND (cp.path <@ op.path OR (o.kind = 'party_group' AND cp.organization_id = op.parent_id)))`,
    );
    expect(bad).toEqual([]);
    const secretaries = await db.query<{ organization_id: string; n: number }>(
      `SELECT organization_id, count(*)::int AS n FROM position
        WHERE kind = 'secretary' AND valid_to IS NULL GROUP BY organization_id HAVING count(*) > 1`,
    );
    expect(secretaries).toEqual([]);
    const closed = await db.query(
      "SELECT 1 FROM committee WHERE term_label = '2020–2025' AND term_end IS NOT NULL",
    );
    expect(closed.length).toBeGreaterThan(0);
  });

  it('creates the demo accounts with the shared password and the promised roles', async () => {
    for (const demo of demoAccounts) {
      const rows = await db.query<{
        id: string;
        password_hash: string;
        is_system_admin: boolean;
        member_id: string | null;
        display_name: string;
        full_name: string | null;
        status: string | null;
      }>(
        `SELECT a.id, a.password_hash, a.is_system_admin, a.member_id, a.display_name, m.full_name, m.status
           FROM account a LEFT JOIN member m ON m.id = a.member_id
          WHERE a.username = $1 OR m.phone = $1`,
        [demo.identifier],
      );
      expect(rows, demo.key).toHaveLength(1);
      const account = rows[0]!;
      expect(await verifyPassword(account.password_hash, demoPassword)).toBe(true);
      if (demo.key === 'admin') {
        expect(account.is_system_admin).toBe(true);
        expect(account.member_id).toBeNull();
        continue;
      }
      expect(account.display_name).toBe(account.full_name);
      const positions = await db.query<{ kind: string; name: string }>(
        `SELECT p.kind, op.name FROM position p
           JOIN organization_period op ON op.organization_id = p.organization_id AND op.valid_to IS NULL
          WHERE p.member_id = $1 AND p.valid_to IS NULL`,
        [account.member_id],
      );
      const roles = await db.query<{ role: string; name: string; kind: string }>(
        `SELECT r.role, op.name, o.kind FROM role_assignment r
           JOIN organization o ON o.id = r.organization_id
           JOIN organization_period op ON op.organization_id = r.organization_id AND op.valid_to IS NULL
          WHERE r.account_id = $1`,
        [account.id],
      );
      const [cell] = await db.query<{ name: string; cell_type: string }>(
        `SELECT op.name, o.cell_type FROM membership ms
           JOIN organization o ON o.id = ms.organization_id
           JOIN organization_period op ON op.organization_id = ms.organization_id AND op.valid_to IS NULL
          WHERE ms.member_id = $1 AND ms.kind = 'official' AND ms.valid_to IS NULL`,
        [account.member_id],
      );
      switch (demo.key) {
        case 'cellSecretary':
          expect(positions).toContainEqual({ kind: 'secretary', name: demo.organizationName });
          expect(cell).toEqual({ name: demo.organizationName, cell_type: 'village_residential' });
          break;
        case 'cellMember':
          expect(positions).toEqual([]);
          expect(account.status).toBe('full');
          expect(cell!.name).toBe(demo.organizationName);
          break;
        case 'probationary':
          expect(account.status).toBe('probationary');
          expect(cell!.name).toBe(demo.organizationName);
          break;
        case 'communeSecretary':
          expect(positions).toContainEqual({ kind: 'secretary', name: demo.organizationName });
          break;
        case 'boardOfficer':
          expect(roles).toEqual([
            { role: 'board_officer', name: demo.organizationName, kind: 'provincial_committee' },
          ]);
          break;
        case 'follower':
          expect(positions).toContainEqual({ kind: 'committee_member', name: demo.organizationName });
          expect(roles).toHaveLength(3);
          expect(roles.every((r) => r.role === 'follower' && r.kind === 'cell')).toBe(true);
          break;
        case 'deputySecretary':
          expect(positions).toContainEqual({ kind: 'deputy_secretary', name: demo.organizationName });
          expect(cell).toEqual({ name: demo.organizationName, cell_type: 'agency' });
          break;
        default:
          throw new Error(`untested demo account ${demo.key}`);
      }
    }
  });
});
