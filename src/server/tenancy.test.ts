// The province key (issue 10.6, migration 0013, docs/SCALE-OUT.md): every table either carries
// province_id uuid NOT NULL or is named, with its reason, in src/server/platform/tenancy.ts; rows get the key of
// their parent on the way in; nothing re-hangs an organisation into another province.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoData } from './demo/demo-data.ts';
import type { Database, Queryable } from './platform/db.ts';
import { recordAudit } from './platform/audit.ts';
import { systemProvinceKey, unkeyedTables } from './platform/tenancy.ts';
import {
  makeAccount,
  makeClient,
  makeMember,
  makeOrganization,
  makeProvince,
  makeRole,
  type OrgRef,
} from './testing/factories.ts';
import { createTestDatabase } from './testing/test-db.ts';

let db: Database;
let client: ReturnType<typeof makeClient>;
beforeAll(async () => {
  db = await createTestDatabase();
  client = makeClient(db);
});
afterAll(async () => db.close());

/** Tables of the app's schema that neither carry province_id uuid NOT NULL nor are listed as unkeyed. */
async function tablesWithoutProvinceKey(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ table_name: string; data_type: string | null; is_nullable: string | null }>(
    `SELECT t.table_name, c.data_type, c.is_nullable
       FROM information_schema.tables t
       LEFT JOIN information_schema.columns c
         ON c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'province_id'
      WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      ORDER BY t.table_name`,
  );
  return rows
    .filter((r) => !(r.table_name in unkeyedTables))
    .filter((r) => r.data_type !== 'uuid' || r.is_nullable !== 'NO')
    .map((r) => r.table_name);
}

describe('the province key in the catalogue', () => {
  it('is on every table not listed as unkeyed', async () => {
    expect(await tablesWithoutProvinceKey(db), 'tables missing province_id uuid NOT NULL').toEqual([]);
  });

  it('lists only tables that exist', async () => {
    const rows = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`,
    );
    const existing = new Set(rows.map((r) => r.table_name));
    expect(Object.keys(unkeyedTables).filter((t) => !existing.has(t))).toEqual([]);
  });

  it('names a new table without the key, and one whose key may be null', async () => {
    await db.transaction(async (tx) => {
      await tx.query('CREATE TABLE tenancy_probe_unkeyed (id int PRIMARY KEY)');
      await tx.query('CREATE TABLE tenancy_probe_nullable (id int PRIMARY KEY, province_id uuid)');
      await tx.query('CREATE TABLE tenancy_probe_keyed (id int PRIMARY KEY, province_id uuid NOT NULL)');
      expect(await tablesWithoutProvinceKey(tx)).toEqual(['tenancy_probe_nullable', 'tenancy_probe_unkeyed']);
      await tx.query('DROP TABLE tenancy_probe_unkeyed, tenancy_probe_nullable, tenancy_probe_keyed');
    });
  });
});

/** A meeting of a cell written without its province key, as a writer that does not know it would. */
async function meetingOf(cell: OrgRef): Promise<string> {
  const [m] = await db.query<{ id: string }>(
    `INSERT INTO meeting (organization_id, kind, for_month, planned_date, rule_set_id, rule_set_version)
     VALUES ($1, 'regular', '2026-03', '2026-03-03', 'hd12-2022', 1) RETURNING id`,
    [cell.id],
  );
  return m!.id;
}

describe('rows take their parent’s key', () => {
  it('fills the key of a meeting’s rows, a task’s reports, a scorecard’s entries and a notification', async () => {
    const { province, cellA } = await makeProvince(db);
    const member = await makeMember(db, cellA);
    const meeting = await meetingOf(cellA);
    const p = [meeting];
    await db.query(
      `INSERT INTO meeting_attendance (meeting_id, member_id, member_class) VALUES ($1, $2, 'full')`,
      [meeting, member.id],
    );
    const [item] = await db.query<{ id: string }>(
      `INSERT INTO meeting_agenda_item (meeting_id, position, section, key, title)
       VALUES ($1, 1, 'main', 'k', 'Nội dung') RETURNING id`,
      p,
    );
    await db.query(`INSERT INTO meeting_guest (meeting_id, name) VALUES ($1, 'Khách mời')`, p);
    await db.query(
      `INSERT INTO meeting_contribution (meeting_id, agenda_item_id, member_id, summary) VALUES ($1, $2, $3, 'Ý kiến')`,
      [meeting, item!.id, member.id],
    );
    const [vote] = await db.query<{ id: string }>(
      `INSERT INTO meeting_vote (meeting_id, subject, kind, method, voting_rules_id)
       VALUES ($1, 'Biểu quyết', 'decision', 'electronic', 'charter') RETURNING id`,
      p,
    );
    await db.query(`INSERT INTO meeting_ballot (vote_id, member_id, choice) VALUES ($1, $2, 'for')`, [
      vote!.id,
      member.id,
    ]);
    await db.query(`INSERT INTO meeting_addendum (meeting_id, text) VALUES ($1, 'Bổ sung')`, p);
    const [material] = await db.query<{ id: string }>(
      `INSERT INTO meeting_material (meeting_id, title) VALUES ($1, 'Tài liệu') RETURNING id`,
      p,
    );
    await db.query(
      `INSERT INTO meeting_material_version (material_id, version, file_name, mime_type, size_bytes, content)
       VALUES ($1, 1, 'a.txt', 'text/plain', 1, '\\x41')`,
      [material!.id],
    );
    await db.query(`INSERT INTO material_read (material_id, member_id) VALUES ($1, $2)`, [
      material!.id,
      member.id,
    ]);
    const [task] = await db.query<{ id: string }>(
      `INSERT INTO task (organization_id, title, assignee_member_id) VALUES ($1, 'Việc', $2) RETURNING id`,
      [cellA.id, member.id],
    );
    await db.query(`INSERT INTO task_report (task_id, member_id, note) VALUES ($1, $2, 'Đã làm')`, [
      task!.id,
      member.id,
    ]);
    const [card] = await db.query<{ id: string }>(
      `INSERT INTO scorecard (meeting_id, organization_id, scorer_kind, framework_id, framework_version, for_month)
       VALUES ($1, $2, 'self', 'hd42', 1, '2026-03') RETURNING id`,
      [meeting, cellA.id],
    );
    await db.query(`INSERT INTO scorecard_entry (scorecard_id, criterion_id, points) VALUES ($1, 'c1', 1)`, [
      card!.id,
    ]);
    await db.query(`INSERT INTO notification (member_id, kind, title) VALUES ($1, 'notice', 'Thông báo')`, [
      member.id,
    ]);

    const keyed = [
      'meeting',
      'meeting_attendance',
      'meeting_agenda_item',
      'meeting_guest',
      'meeting_contribution',
      'meeting_vote',
      'meeting_ballot',
      'meeting_addendum',
      'meeting_material',
      'meeting_material_version',
      'material_read',
      'task',
      'task_report',
      'scorecard',
      'scorecard_entry',
    ];
    for (const table of keyed) {
      const rows = await db.query<{ province_id: string }>(
        `SELECT DISTINCT province_id FROM ${table} t WHERE ${
          {
            meeting: 't.id = $1',
            meeting_ballot: 't.vote_id IN (SELECT id FROM meeting_vote WHERE meeting_id = $1)',
            meeting_material_version:
              't.material_id IN (SELECT id FROM meeting_material WHERE meeting_id = $1)',
            material_read: 't.material_id IN (SELECT id FROM meeting_material WHERE meeting_id = $1)',
            task: 't.organization_id = (SELECT organization_id FROM meeting WHERE id = $1)',
            task_report:
              't.task_id IN (SELECT id FROM task WHERE organization_id = (SELECT organization_id FROM meeting WHERE id = $1))',
            scorecard_entry: 't.scorecard_id IN (SELECT id FROM scorecard WHERE meeting_id = $1)',
          }[table] ?? 't.meeting_id = $1'
        }`,
        p,
      );
      expect(rows, table).toEqual([{ province_id: province.provinceId }]);
    }
    const notes = await db.query<{ province_id: string }>(
      'SELECT province_id FROM notification WHERE member_id = $1',
      [member.id],
    );
    expect(notes).toEqual([{ province_id: province.provinceId }]);
  });

  it('refuses a row whose given key differs from its parent’s', async () => {
    const one = await makeProvince(db);
    const other = await makeProvince(db);
    await expect(
      db.query(
        `INSERT INTO meeting (province_id, organization_id, kind, for_month, planned_date, rule_set_id, rule_set_version)
         VALUES ($1, $2, 'regular', '2026-03', '2026-03-03', 'hd12-2022', 1)`,
        [other.province.provinceId, one.cellA.id],
      ),
    ).rejects.toThrow(/differs from its parent/);
    const meeting = await meetingOf(one.cellA);
    const member = await makeMember(db, one.cellA);
    await expect(
      db.query(
        `INSERT INTO meeting_attendance (province_id, meeting_id, member_id, member_class) VALUES ($1, $2, $3, 'full')`,
        [other.province.provinceId, meeting, member.id],
      ),
    ).rejects.toThrow(/differs from its parent/);
  });

  it('keys the audit log by its chain, system-wide events by the nil uuid', async () => {
    const { province } = await makeProvince(db);
    for (const chain of [province.provinceId, '']) {
      await db.transaction((tx) =>
        recordAudit(tx, {
          chain,
          actorAccountId: null,
          action: 'tenancy.probe',
          entity: 'probe',
          entityId: chain,
        }),
      );
    }
    const rows = await db.query<{ entity_id: string; province_id: string }>(
      `SELECT entity_id, province_id FROM audit_log WHERE action = 'tenancy.probe' ORDER BY id`,
    );
    expect(rows).toEqual([
      { entity_id: province.provinceId, province_id: province.provinceId },
      { entity_id: '', province_id: systemProvinceKey },
    ]);
  });
});

describe('provinces and the centre', () => {
  /** The centre, two provinces under it, and an officer of the centre who may change both. */
  async function nation() {
    const centre = await makeOrganization(db, { name: 'Trung ương', kind: 'central' });
    const tinhA = await makeOrganization(db, {
      name: 'Đảng bộ tỉnh A',
      kind: 'provincial_committee',
      parent: centre,
    });
    const tinhB = await makeOrganization(db, {
      name: 'Đảng bộ tỉnh B',
      kind: 'provincial_committee',
      parent: centre,
    });
    const xaA = await makeOrganization(db, {
      name: 'Đảng bộ xã A',
      kind: 'grassroots_committee',
      parent: tinhA,
    });
    const xaB = await makeOrganization(db, {
      name: 'Đảng bộ xã B',
      kind: 'grassroots_committee',
      parent: tinhB,
    });
    const cellA = await makeOrganization(db, { name: 'Chi bộ thôn A', kind: 'cell', parent: xaA });
    const cellB = await makeOrganization(db, { name: 'Chi bộ thôn B', kind: 'cell', parent: xaB });
    const officer = await makeMember(db, cellA);
    const account = await makeAccount(db, officer);
    await makeRole(db, account.id, centre, 'board_officer');
    return { centre, tinhA, tinhB, xaA, xaB, cellA, cellB, req: await client.signIn(account.identifier) };
  }

  it('makes the centre’s direct children provinces of their own, whatever key their writer gave', async () => {
    const { centre, tinhA, cellA } = await nation();
    const rows = await db.query<{ id: string; province_id: string }>(
      'SELECT id, province_id FROM organization WHERE id = ANY($1)',
      [[centre.id, tinhA.id, cellA.id]],
    );
    const key = Object.fromEntries(rows.map((r) => [r.id, r.province_id]));
    expect(key[centre.id]).toBe(centre.id);
    expect(key[tinhA.id]).toBe(tinhA.id);
    expect(key[cellA.id]).toBe(tinhA.id);
    // A writer handing the centre's key to a child of the centre (as the API's create does) gets its own.
    const [made] = await db.query<{ id: string; province_id: string }>(
      `INSERT INTO organization (province_id, kind, valid_from) VALUES ($1, 'bloc_committee', '2025-07-01')
       RETURNING id, province_id`,
      [centre.id],
    );
    expect(made!.province_id).toBe(made!.id);
  });

  it('refuses to move a commune into another province, with a reason, and changes nothing', async () => {
    const { xaA, tinhB, req } = await nation();
    const res = await req('/api/reorganizations', {
      json: { kind: 'move', organizationId: xaA.id, newParentId: tinhB.id, effectiveDate: '2025-07-01' },
    });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_tree_change');
    expect(body.error.message).toContain('tỉnh, thành phố khác');
    expect(body.error.issues[0].path).toBe('newParentId');
    const periods = await db.query('SELECT 1 FROM organization_period WHERE organization_id = $1', [xaA.id]);
    expect(periods).toHaveLength(1);
  });

  it('refuses to merge cells of two provinces when the merge would carry a child across', async () => {
    const { cellA, cellB, req } = await nation();
    await makeOrganization(db, { name: 'Tổ đảng 1', kind: 'party_group', parent: cellA });
    const res = await req('/api/reorganizations', {
      json: { kind: 'merge', sourceIds: [cellA.id], targetId: cellB.id, effectiveDate: '2025-07-01' },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toContain('tỉnh, thành phố khác');
  });

  it('still moves a commune within its province', async () => {
    const { xaA, tinhA, req } = await nation();
    const district = await makeOrganization(db, {
      name: 'Đảng bộ huyện A',
      kind: 'district_committee',
      parent: tinhA,
    });
    const res = await req('/api/reorganizations', {
      json: { kind: 'move', organizationId: xaA.id, newParentId: district.id, effectiveDate: '2025-07-01' },
    });
    expect(res.status).toBe(201);
  });

  it('refuses, in the schema itself, a period that hangs an organisation in another province', async () => {
    const { xaA, tinhB } = await nation();
    await expect(
      db.query(
        `INSERT INTO organization_period (organization_id, parent_id, name, search_name, path, depth, valid_from)
         VALUES ($1, $2, 'x', 'x', $3::ltree, 2, '2025-07-01')`,
        [xaA.id, tinhB.id, `${tinhB.path}.${xaA.id.replace(/-/g, '')}`],
      ),
    ).rejects.toThrow(/cannot hang under/);
  });

  it('moves a member’s record and account to the receiving province on an official transfer', async () => {
    const { cellA, cellB, tinhB, req } = await nation();
    const member = await makeMember(db, cellA);
    const account = await makeAccount(db, member);
    const res = await req(`/api/members/${member.id}/transfers`, {
      json: {
        kind: 'official',
        toOrganizationId: cellB.id,
        effectiveDate: '2025-07-01',
        documentRef: '5-QĐ/TU',
      },
    });
    expect(res.status).toBe(200);
    const [m] = await db.query<{ province_id: string }>('SELECT province_id FROM member WHERE id = $1', [
      member.id,
    ]);
    const [a] = await db.query<{ province_id: string }>('SELECT province_id FROM account WHERE id = $1', [
      account.id,
    ]);
    expect([m!.province_id, a!.province_id]).toEqual([tinhB.id, tinhB.id]);
    // Facts stay with the province where they happened: the old membership and the event of leaving.
    const kept = await db.query<{ kind: string; province_id: string }>(
      `SELECT kind, province_id FROM member_event WHERE member_id = $1 ORDER BY kind`,
      [member.id],
    );
    expect(kept).toEqual([
      { kind: 'transferred_in', province_id: tinhB.id },
      { kind: 'transferred_out', province_id: cellA.provinceId },
    ]);
  });
});

describe('the demo province, written with triggers skipped where it can', () => {
  // Each table whose key comes from a parent row: [table, reference column, parent table].
  const derived: Array<[string, string, string]> = [
    ['organization_period', 'organization_id', 'organization'],
    ...[
      'membership',
      'committee',
      'position',
      'role_assignment',
      'roster_import',
      'rule_set_assignment',
      'scoring_framework_assignment',
      'work_programme',
      'thematic_topic',
      'meeting',
      'decision',
      'task',
      'scorecard',
      'evaluation',
      'four_good_entry',
    ].map((t): [string, string, string] => [t, 'organization_id', 'organization']),
    ...[
      'meeting_agenda_item',
      'meeting_attendance',
      'meeting_guest',
      'meeting_contribution',
      'meeting_vote',
      'meeting_addendum',
      'meeting_material',
    ].map((t): [string, string, string] => [t, 'meeting_id', 'meeting']),
    ['meeting_ballot', 'vote_id', 'meeting_vote'],
    ['meeting_material_version', 'material_id', 'meeting_material'],
    ['material_read', 'material_id', 'meeting_material'],
    ['task_report', 'task_id', 'task'],
    ['scorecard_entry', 'scorecard_id', 'scorecard'],
    ['exemption', 'member_id', 'member'],
    ['notification', 'member_id', 'member'],
  ];

  it('gives every row its parent’s key', async () => {
    const demo = await createTestDatabase();
    try {
      await createDemoData(demo, { seed: 7, members: 200, today: '2026-12-01' });
      const wrong: string[] = [];
      let rows = 0;
      for (const [table, column, parent] of derived) {
        const [r] = await demo.query<{ all: number; bad: number }>(
          `SELECT count(*)::int AS all, count(*) FILTER (WHERE c.province_id <> p.province_id)::int AS bad
             FROM ${table} c JOIN ${parent} p ON p.id = c.${column}`,
        );
        rows += r!.all;
        if (r!.bad > 0) wrong.push(`${table}: ${r!.bad} of ${r!.all}`);
      }
      expect(wrong).toEqual([]);
      expect(rows).toBeGreaterThan(10_000);
    } finally {
      await demo.close();
    }
  });
});
