// The cell of the meeting cycle's service tests: a secretary, five full members, a probationary one, an exempt one,
// one attending temporarily from another cell, each signed in; a follower from the commune and an outsider.
import type { Database } from '../../platform/db.ts';
import {
  makeAccount,
  makeClient,
  makeExemption,
  makeMember,
  makePosition,
  makeProvince,
  makeRole,
  makeTemporaryMembership,
  type MemberRef,
  type OrgRef,
} from '../../testing/factories.ts';
import { createTestDatabase } from '../../testing/test-db.ts';

export type Req = Awaited<ReturnType<ReturnType<typeof makeClient>['signIn']>>;

export interface MeetingCell {
  db: Database;
  client: ReturnType<typeof makeClient>;
  cell: OrgRef;
  commune: OrgRef;
  secretary: MemberRef;
  full: MemberRef[];
  probationary: MemberRef;
  exempt: MemberRef;
  temporary: MemberRef;
  sec: Req;
  reqOf: Map<string, Req>;
  outsider: Req;
}

export async function makeMeetingCell(): Promise<MeetingCell> {
  const db = await createTestDatabase();
  const client = makeClient(db);
  const p = await makeProvince(db);
  const cell = p.cellA;
  const commune = p.commune;
  const secretary = await makeMember(db, cell, { fullName: 'Nguyễn Thị Hường' });
  await makePosition(db, cell, secretary, 'secretary');
  const full: MemberRef[] = [];
  for (let i = 0; i < 5; i++) full.push(await makeMember(db, cell, { fullName: `Trần Văn Đức ${i}` }));
  const probationary = await makeMember(db, cell, { fullName: 'Lê Thị Dự Bị', status: 'probationary' });
  const exempt = await makeMember(db, cell, { fullName: 'Phạm Văn Miễn' });
  await makeExemption(db, cell, exempt);
  const temporary = await makeMember(db, p.cellB, { fullName: 'Hoàng Văn Tạm' });
  await makeTemporaryMembership(db, cell, temporary);
  const reqOf = new Map<string, Req>();
  for (const m of [secretary, ...full, probationary, exempt, temporary]) {
    const acc = await makeAccount(db, m);
    reqOf.set(m.id, await client.signIn(acc.identifier));
  }
  const sec = reqOf.get(secretary.id)!;
  const other = await makeMember(db, p.cellB);
  const outsider = await client.signIn((await makeAccount(db, other)).identifier);
  const follower = await makeAccount(db, await makeMember(db, commune));
  await makeRole(db, follower.id, cell, 'follower');
  return {
    db,
    client,
    cell,
    commune,
    secretary,
    full,
    probationary,
    exempt,
    temporary,
    sec,
    reqOf,
    outsider,
  };
}
