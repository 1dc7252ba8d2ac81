// A province with something behind every route: ten roles signed in (the columns of the permissions table test),
// and a meeting under way, its material, vote, task and report, a topic, an evaluation, a committee, an office, a
// role assignment, a party group, a roster import, a rescore job and a calendar feed, each made through the API by
// the actor the product expects. The authorisation matrix builds two (inside and outside a role's subtree); the
// fuzzing test builds one to draw real ids from.
/* eslint-disable @typescript-eslint/no-explicit-any -- set-up reads JSON answers loosely */
import { addDays, todayIso } from '../../domain/dates.ts';
import type { Database } from '../platform/db.ts';
import { waitForBackgroundWork } from '../features/roster-import/roster-import.service.ts';
import {
  makeAccount,
  type makeClient,
  makeMember,
  makeOrganization,
  makePosition,
  makeRole,
  type MemberRef,
  type OrgRef,
} from './factories.ts';

export type Req = Awaited<ReturnType<ReturnType<typeof makeClient>['signIn']>>;

/** The ten roles of the permissions table test (src/domain/permissions.test.ts), in its column order. */
export const roles = [
  'admin',
  'officer', // board officer of the province
  'communeSecretary',
  'communeStanding', // standing member of the commune committee
  'communeMember', // committee member of the commune
  'secretary', // of cell A
  'deputy', // deputy secretary of cell A
  'follower', // of cell A
  'member', // plain member of cell A
  'probationary', // probationary member of cell A
] as const;
export type Role = (typeof roles)[number];

/** Helpers of the set-up, not columns of the matrix: the minute taker, the task's assignee, the evaluated member. */
type Helper = 'm0' | 'm1' | 'm2';

export interface World {
  p: Record<'province' | 'commune' | 'cellA' | 'cellB', OrgRef>;
  people: Record<Role | Helper, MemberRef | null>;
  req: Record<Role | Helper, Req>;
  accountIds: Record<Role | Helper, string>;
  ids: {
    meeting: string;
    plannedMeeting: string;
    agendaItem: string;
    materialVersion: string;
    vote: string;
    task: string;
    taskReport: string;
    topic: string;
    evaluation: string;
    committee: string;
    position: string;
    roleAssignment: string;
    group: string;
    membership: string;
    rosterImport: string;
    rescoreJob: string;
    calendarFile: string;
    /** Members nobody signs in as, for writes that change a member (transfers, resets, events). */
    targets: string[];
  };
  /** The live meeting's check-in code. */
  checkinCode: string;
  /** The personal pass of the member (role) in the live meeting, for the secretary to scan. */
  passCode: string;
  /** Words and ids that belong to this province only: no answer to anyone outside may contain one. */
  markers: string[];
}

async function ok(res: Response | Promise<Response>): Promise<any> {
  const r = await res;
  const text = await r.text();
  if (r.status >= 300) throw new Error(`set-up: expected 2xx, got ${r.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

const upload = (name: string, type: string, fields: Record<string, string> = {}) => {
  const form = new FormData();
  form.set('file', new File([new TextEncoder().encode('%PDF-1.4 tài liệu')], name, { type }));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
};

/**
 * Builds a province. `tag` goes into every name it makes (so answers can be searched for it); `admin` signs in
 * the system administrator too (one is enough for the database).
 */
export async function buildWorld(
  db: Database,
  client: ReturnType<typeof makeClient>,
  tag: string,
  opts: { admin?: boolean } = {},
): Promise<World> {
  const today = todayIso();
  const year = Number(today.slice(0, 4));
  // Names carry the tag so that answers can be searched for anything of this province.
  const provinceOrg = await makeOrganization(db, {
    name: `Đảng bộ tỉnh ${tag}`,
    kind: 'provincial_committee',
  });
  const communeOrg = await makeOrganization(db, {
    name: `Đảng bộ xã ${tag}`,
    kind: 'grassroots_committee',
    parent: provinceOrg,
  });
  const p = {
    province: provinceOrg,
    commune: communeOrg,
    cellA: await makeOrganization(db, { name: `Chi bộ thôn Đông ${tag}`, kind: 'cell', parent: communeOrg }),
    cellB: await makeOrganization(db, { name: `Chi bộ thôn Tây ${tag}`, kind: 'cell', parent: communeOrg }),
  };
  const orgOf: Record<Exclude<Role, 'admin'> | Helper, OrgRef> = {
    officer: p.province,
    communeSecretary: p.commune,
    communeStanding: p.commune,
    communeMember: p.commune,
    secretary: p.cellA,
    deputy: p.cellA,
    follower: p.cellB,
    member: p.cellA,
    probationary: p.cellA,
    m0: p.cellA,
    m1: p.cellA,
    m2: p.cellA,
  };
  const people = {} as World['people'];
  const req = {} as World['req'];
  const accountIds = {} as World['accountIds'];
  for (const [name, org] of Object.entries(orgOf) as Array<[keyof typeof orgOf, OrgRef]>) {
    const member = await makeMember(db, org, {
      fullName: `Đồng chí ${name} ${tag}`,
      status: name === 'probationary' ? 'probationary' : 'full',
    });
    people[name] = member;
    const position = {
      communeSecretary: 'secretary',
      communeStanding: 'standing_member',
      communeMember: 'committee_member',
      secretary: 'secretary',
      deputy: 'deputy_secretary',
    } as const;
    if (name in position) await makePosition(db, org, member, position[name as keyof typeof position]);
    const account = await makeAccount(db, member);
    accountIds[name] = account.id;
    if (name === 'officer') await makeRole(db, account.id, p.province, 'board_officer');
    if (name === 'follower') await makeRole(db, account.id, p.cellA, 'follower');
    req[name] = await client.signIn(account.identifier);
  }
  if (opts.admin) {
    const account = await makeAccount(db, null, { admin: true });
    accountIds.admin = account.id;
    people.admin = null;
    req.admin = await client.signIn(account.identifier);
  }
  const targets: string[] = [];
  for (let i = 0; i < 3; i++)
    targets.push((await makeMember(db, p.cellA, { fullName: `Đích ${i} ${tag}` })).id);

  const { secretary, m0, m1, m2, officer, communeSecretary } = req;
  const a = p.cellA.id;
  const meetingBody = (plannedDate: string, kind = 'regular') => ({
    kind,
    forMonth: today.slice(0, 7),
    plannedDate,
    dateReason: 'Trường hợp đặc biệt: đón đoàn kiểm tra',
    location: `Hội trường ${tag}`,
  });
  // The meeting under way.
  const meeting = (await ok(secretary(`/api/organizations/${a}/meetings`, { json: meetingBody(today) }))).id;
  await ok(
    secretary(`/api/meetings/${meeting}`, {
      method: 'PATCH',
      json: {
        chairMemberId: people.secretary!.id,
        minuteTakerMemberId: people.m0!.id,
        noticeContent: 'Sinh hoạt thường kỳ',
        draftResolution: 'Hoàn thành thu đảng phí',
      },
    }),
  );
  const materialVersion = (
    await ok(
      secretary(`/api/meetings/${meeting}/materials`, {
        method: 'POST',
        body: upload(`du-thao-${tag}.pdf`, 'application/pdf'),
      }),
    )
  ).id;
  await ok(secretary(`/api/meetings/${meeting}/publish`, { method: 'POST' }));
  await ok(secretary(`/api/meetings/${meeting}/start`, { method: 'POST' }));
  const detail = await ok(secretary(`/api/meetings/${meeting}`));
  const passCode: string = (await ok(req.member!(`/api/meetings/${meeting}/my-pass`))).code;
  await ok(m1(`/api/meetings/${meeting}/check-in`, { json: { code: detail.checkinCode } }));
  for (const who of ['secretary', 'm0', 'm2'] as const) {
    await ok(
      m0(`/api/meetings/${meeting}/attendance`, { json: { memberId: people[who]!.id, status: 'present' } }),
    );
  }
  await ok(
    secretary(`/api/meetings/${meeting}/tasks`, {
      json: { title: `Nhiệm vụ ${tag}`, assigneeMemberId: people.m1!.id, deadline: addDays(today, 10) },
    }),
  );
  const task = (await ok(m1('/api/tasks?filter=mine'))).items[0].id;
  const taskReport = (
    await ok(
      m1(`/api/tasks/${task}/reports/upload`, {
        method: 'POST',
        body: upload(`bao-cao-${tag}.pdf`, 'application/pdf', { note: 'Kèm báo cáo', progress: '50' }),
      }),
    )
  ).id;
  const vote = (
    await ok(
      secretary(`/api/meetings/${meeting}/votes`, {
        json: { subject: `Biểu quyết ${tag}`, kind: 'decision', method: 'electronic' },
      }),
    )
  ).id;
  const plannedMeeting = (
    await ok(
      secretary(`/api/organizations/${a}/meetings`, { json: meetingBody(addDays(today, 20), 'thematic') }),
    )
  ).id;
  // The year's topic, submitted for review.
  const topic = (
    await ok(
      secretary(`/api/organizations/${a}/thematic-topics`, {
        json: { year, quarter: 4, title: `Chuyên đề ${tag}`, presenters: 'Đồng chí Bí thư' },
      }),
    )
  ).id;
  await ok(secretary(`/api/thematic-topics/${topic}/submit`, { method: 'POST' }));
  // The annual evaluation of the cell's members.
  await ok(secretary(`/api/organizations/${a}/evaluations`, { json: { year } }));
  const evaluations = await ok(m2(`/api/organizations/${a}/evaluations?year=${year}`));
  const evaluation = evaluations.items.find((i: any) => i.member?.id === people.m2!.id).id;
  // A committee term and an office in it; a follower appointed; a party group and a membership of it.
  const committee = (
    await ok(
      communeSecretary(`/api/organizations/${a}/committees`, {
        json: { termLabel: '2025-2030', termStart: '2025-08-01' },
      }),
    )
  ).id;
  const position = (
    await ok(
      communeSecretary(`/api/organizations/${a}/positions`, {
        json: {
          memberId: targets[0],
          kind: 'committee_member',
          committeeId: committee,
          validFrom: '2025-08-02',
        },
      }),
    )
  ).id;
  const roleAssignment = (
    await ok(
      officer('/api/role-assignments', {
        json: { memberId: targets[1], role: 'follower', organizationId: a, validFrom: '2025-08-01' },
      }),
    )
  ).id;
  const group = (await makeOrganization(db, { name: `Tổ đảng ${tag}`, kind: 'party_group', parent: p.cellA }))
    .id;
  const joined = await ok(
    secretary(`/api/organizations/${group}/group-members`, {
      json: { memberId: targets[2], validFrom: '2025-08-01' },
    }),
  );
  const membership = joined.memberships.find((m: any) => m.kind === 'party_group').id;
  // A roster file read and waiting to be committed.
  const csv = `Họ và tên;Ngày sinh;Trạng thái\nTrần Thị Nhập ${tag};01/02/1985;Chính thức\n`;
  const form = new FormData();
  form.append('file', new File([csv], 'danh-sach.csv', { type: 'text/csv' }));
  form.append('organizationId', a);
  const rosterImport = (await ok(secretary('/api/roster-imports', { method: 'POST', body: form }))).id;
  const rescoreJob = (await ok(officer(`/api/organizations/${p.province.id}/rescore`, { json: { year } })))
    .id;
  await waitForBackgroundWork();
  for (let i = 0; i < 400; i++) {
    if ((await ok(officer(`/api/rescore-jobs/${rescoreJob}`))).status !== 'running') break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const calendarUrl: string = (await ok(m1('/api/me/meetings'))).calendarUrl;
  const calendarFile = calendarUrl.slice(calendarUrl.lastIndexOf('/') + 1);

  const ids: World['ids'] = {
    meeting,
    plannedMeeting,
    agendaItem: detail.agenda[1].id,
    materialVersion,
    vote,
    task,
    taskReport,
    topic,
    evaluation,
    committee,
    position,
    roleAssignment,
    group,
    membership,
    rosterImport,
    rescoreJob,
    calendarFile,
    targets,
  };
  const markers = [
    tag,
    ...Object.values(p).map((o) => o.id),
    ...Object.values(people).flatMap((m) => (m ? [m.id, m.phone] : [])),
    ...Object.values(ids)
      .flat()
      .filter((v) => v !== calendarFile),
  ];
  return { p, people, req, accountIds, ids, checkinCode: detail.checkinCode, passCode, markers };
}
