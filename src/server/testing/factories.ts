// Test factories: each test builds its own small subtree, members and accounts, so tests need no cleanup.
import { randomUUID } from 'node:crypto';
import type { OrganizationKind, PositionKind } from '../../contracts/organizations.ts';
import { foldVietnamese } from '../../domain/text.ts';
import { childPath } from '../../domain/tree.ts';
import { createApp } from '../app.ts';
import { loadConfig } from '../platform/config.ts';
import type { Database } from '../platform/db.ts';
import { hashPassword } from '../platform/password.ts';
import { refreshMembers } from '../features/summaries/member-summaries.service.ts';
import { refreshCell } from '../features/summaries/summaries.service.ts';
import { refreshFourGood } from '../features/evaluation/four-good-summary.ts';

export interface OrgRef {
  id: string;
  provinceId: string;
  path: string;
  kind: OrganizationKind;
  name: string;
}

let counter = 0;
const unique = () => `${Date.now().toString().slice(-6)}${(counter++).toString().padStart(4, '0')}`;

export async function makeOrganization(
  db: Database,
  opts: {
    name?: string;
    kind: OrganizationKind;
    parent?: OrgRef | null;
    validFrom?: string;
    cellType?: string;
  },
): Promise<OrgRef> {
  const id = randomUUID();
  // The centre's direct children are provinces of their own (migration 0013); below them, the parent's.
  const provinceId = opts.parent && opts.parent.kind !== 'central' ? opts.parent.provinceId : id;
  const name = opts.name ?? `Tổ chức ${unique()}`;
  const validFrom = opts.validFrom ?? '2015-01-01';
  const path = childPath(opts.parent?.path ?? null, id);
  const isCell = opts.kind === 'cell' || opts.kind === 'grassroots_cell';
  await db.query(
    `INSERT INTO organization (id, province_id, kind, cell_type, valid_from) VALUES ($1,$2,$3,$4,$5)`,
    [id, provinceId, opts.kind, isCell ? (opts.cellType ?? 'village_residential') : null, validFrom],
  );
  await db.query(
    `INSERT INTO organization_period (organization_id, province_id, parent_id, name, search_name, path, depth, valid_from)
     VALUES ($1,$2,$3,$4,$5,$6::ltree, nlevel($6::ltree) - 1, $7)`,
    [id, provinceId, opts.parent?.id ?? null, name, foldVietnamese(name), path, validFrom],
  );
  // As creating one through the service does: a cell's read summaries (its months to be judged).
  if (isCell) await refreshCell(db, id);
  await refreshFourGood(db, [id]);
  return { id, provinceId, path, kind: opts.kind, name };
}

/** A province with one commune committee holding two cells. */
export async function makeProvince(db: Database) {
  const province = await makeOrganization(db, {
    name: `Đảng bộ tỉnh ${unique()}`,
    kind: 'provincial_committee',
  });
  const commune = await makeOrganization(db, {
    name: `Đảng bộ xã ${unique()}`,
    kind: 'grassroots_committee',
    parent: province,
  });
  const cellA = await makeOrganization(db, {
    name: `Chi bộ thôn Đông ${unique()}`,
    kind: 'cell',
    parent: commune,
  });
  const cellB = await makeOrganization(db, {
    name: `Chi bộ thôn Tây ${unique()}`,
    kind: 'cell',
    parent: commune,
  });
  return { province, commune, cellA, cellB };
}

export interface MemberRef {
  id: string;
  fullName: string;
  phone: string;
}

export async function makeMember(
  db: Database,
  org: OrgRef,
  opts: {
    fullName?: string;
    status?: 'probationary' | 'full';
    kind?: 'official' | 'temporary' | 'party_group';
    citizenId?: string;
    partyCardNumber?: string;
    email?: string;
    since?: string;
  } = {},
): Promise<MemberRef> {
  const fullName = opts.fullName ?? `Nguyễn Văn ${unique()}`;
  const phone = `09${unique().padStart(8, '0').slice(-8)}`;
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO member (province_id, full_name, search_name, status, phone, citizen_id, party_card_number, email,
       date_of_birth, admission_date) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'1980-05-01','2010-03-03') RETURNING id`,
    [
      org.provinceId,
      fullName,
      foldVietnamese(fullName),
      opts.status ?? 'full',
      phone,
      opts.citizenId ?? null,
      opts.partyCardNumber ?? null,
      opts.email ?? null,
    ],
  );
  await db.query(
    `INSERT INTO membership (province_id, member_id, organization_id, kind, valid_from) VALUES ($1,$2,$3,$4,$5)`,
    [org.provinceId, row!.id, org.id, opts.kind ?? 'official', opts.since ?? '2015-01-01'],
  );
  // As the member services do: the list's rows and the counts follow the member (migration 0014).
  await refreshMembers(db, [row!.id]);
  return { id: row!.id, fullName, phone };
}

/** An exemption from party work and meetings, from a date (open-ended). */
export async function makeExemption(db: Database, org: OrgRef, member: MemberRef, validFrom = '2020-01-01') {
  await db.query(
    `INSERT INTO exemption (province_id, member_id, reason, valid_from) VALUES ($1,$2,'Tuổi cao, sức yếu',$3)`,
    [org.provinceId, member.id, validFrom],
  );
}

/** A temporary membership (sinh hoạt tạm thời) of a member in a host cell, from a date. */
export async function makeTemporaryMembership(
  db: Database,
  host: OrgRef,
  member: MemberRef,
  validFrom = '2024-01-01',
) {
  await db.query(
    `INSERT INTO membership (province_id, member_id, organization_id, kind, valid_from) VALUES ($1,$2,$3,'temporary',$4)`,
    [host.provinceId, member.id, host.id, validFrom],
  );
  await refreshMembers(db, [member.id]);
}

export async function makePosition(db: Database, org: OrgRef, member: MemberRef, kind: PositionKind) {
  await db.query(
    `INSERT INTO position (province_id, organization_id, member_id, kind, valid_from) VALUES ($1,$2,$3,$4,'2020-01-01')`,
    [org.provinceId, org.id, member.id, kind],
  );
}

export async function makeRole(
  db: Database,
  accountId: string,
  org: OrgRef,
  role: 'board_officer' | 'follower',
) {
  await db.query(
    `INSERT INTO role_assignment (province_id, account_id, role, organization_id, valid_from) VALUES ($1,$2,$3,$4,'2020-01-01')`,
    [org.provinceId, accountId, role, org.id],
  );
}

export const testPassword = 'MatKhau123';
let cachedHash: Promise<string> | null = null;

export async function makeAccount(db: Database, member: MemberRef | null, opts: { admin?: boolean } = {}) {
  cachedHash ??= hashPassword(testPassword);
  const username = member ? null : `admin${unique()}`;
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO account (member_id, username, display_name, password_hash, is_system_admin)
     VALUES ($1,$2,$3,$4,$5) RETURNING id`,
    [member?.id ?? null, username, member?.fullName ?? 'Quản trị', await cachedHash, opts.admin ?? false],
  );
  return { id: row!.id, identifier: member?.phone ?? username! };
}

/** The app over the test database, plus a helper that signs in and returns a request function with the cookie. */
export function makeClient(db: Database) {
  const app = createApp(db, loadConfig({ CHECK_RESPONSES: 'on' }));
  async function signIn(identifier: string, password = testPassword) {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier, password }),
    });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    return (
      path: string,
      init: { method?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {},
    ) =>
      app.request(path, {
        method: init.method ?? (init.json !== undefined ? 'POST' : 'GET'),
        headers: {
          cookie,
          ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
        body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
      });
  }
  return { app, signIn };
}
