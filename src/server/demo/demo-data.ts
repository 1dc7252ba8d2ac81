// Deterministic demo data for one invented province after the July-2025 reform: the party tree with its
// history (a dissolved district, communes moved and merged), members with their memberships, events and
// exemptions, committees and positions, and a handful of demo accounts. Same seed and size, same rows.
import type { CellType, OrganizationKind, PositionKind } from '../../contracts/organizations.ts';
import { foldVietnamese } from '../../domain/text.ts';
import { todayIso } from '../../domain/dates.ts';
import { childPath, pathLabel } from '../../domain/tree.ts';
import type { Database, Queryable } from '../platform/db.ts';
import { hashPassword } from '../platform/password.ts';
import { rebuildAll } from '../features/summaries/summaries.service.ts';
import { canCopy, copyFlat } from './bulk-copy.ts';
import { createDemoEvaluations } from './demo-evaluations.ts';
import { createDemoMeetings } from './demo-meetings.ts';
import { createDemoScores } from './demo-scores.ts';
import {
  addDaysIso,
  addYearsIso,
  dayToIso,
  isoToDay,
  maxIso,
  minIso,
  Random,
  type WeightedTable,
  weightedTable,
} from './random.ts';
import * as vn from './vietnamese-names.ts';

export interface DemoSummary {
  organizations: number;
  members: number;
  accounts: number;
  ms: number;
}

export interface DemoAccount {
  key: string;
  /** Vietnamese label of what the account can show in a demo. */
  role: string;
  /** What to type in the sign-in box (a phone number, or the administrator's username). */
  identifier: string;
  organizationName: string;
}

export interface DemoOptions {
  seed: number;
  members: number;
  /**
   * 'YYYY-MM-DD', the day of first start (Vietnam's today by default): the history runs up to the day before,
   * the next meetings are prepared from it on, and events, probation and ages are counted back from it. Same
   * seed, members and day, same data.
   */
  today?: string;
  /** Told what is being written, now and then (the seed command prints it). */
  progress?: (message: string) => void;
}

/** One password for every demo account (letters and digits, at least 8 characters). */
export const demoPassword = 'ChiBo@2025';

export const demoProvinceName = 'Đảng bộ tỉnh Sơn Hà';

/** The day the district level was abolished and communes were merged. */
export const reformDate = '2025-07-01';

const fixed = {
  province: demoProvinceName,
  provinceShort: 'Sơn Hà',
  bloc: 'Đảng bộ Khối Cơ quan – Doanh nghiệp tỉnh',
  districtPlace: 'Tân Phong',
  demoCommunePlace: 'Tân Lập',
  demoVillage: 'Đông Hạ',
  wardPlace: 'Hòa Bình',
  partyOffice: 'Cơ quan Tỉnh ủy',
  organizationBoard: 'Ban Tổ chức Tỉnh ủy',
  finance: 'Sở Tài chính',
  financeOffice: 'Văn phòng Sở Tài chính',
  textile: 'Công ty TNHH Dệt may Phú Hưng',
} as const;

type DemoKey =
  | 'cellSecretary'
  | 'cellMember'
  | 'probationary'
  | 'communeSecretary'
  | 'boardOfficer'
  | 'follower'
  | 'deputySecretary';

const demoPhone: Record<DemoKey, string> = {
  cellSecretary: '0900000002',
  cellMember: '0900000003',
  probationary: '0900000004',
  communeSecretary: '0900000005',
  boardOfficer: '0900000006',
  follower: '0900000007',
  deputySecretary: '0900000008',
};

/** The demo accounts, known before seeding (README, sign-in page hints). All use `demoPassword`. */
export const demoAccounts: DemoAccount[] = [
  { key: 'admin', role: 'Quản trị hệ thống', identifier: 'admin', organizationName: fixed.province },
  {
    key: 'cellSecretary',
    role: 'Bí thư chi bộ',
    identifier: demoPhone.cellSecretary,
    organizationName: `Chi bộ thôn ${fixed.demoVillage}`,
  },
  {
    key: 'cellMember',
    role: 'Đảng viên chính thức',
    identifier: demoPhone.cellMember,
    organizationName: `Chi bộ thôn ${fixed.demoVillage}`,
  },
  {
    key: 'probationary',
    role: 'Đảng viên dự bị',
    identifier: demoPhone.probationary,
    organizationName: `Chi bộ ${fixed.textile}`,
  },
  {
    key: 'communeSecretary',
    role: 'Bí thư Đảng ủy xã',
    identifier: demoPhone.communeSecretary,
    organizationName: `Đảng bộ xã ${fixed.demoCommunePlace}`,
  },
  {
    key: 'boardOfficer',
    role: 'Chuyên viên Ban Tổ chức Tỉnh ủy',
    identifier: demoPhone.boardOfficer,
    organizationName: fixed.province,
  },
  {
    key: 'follower',
    role: 'Đảng ủy viên phụ trách chi bộ',
    identifier: demoPhone.follower,
    organizationName: `Đảng bộ xã ${fixed.demoCommunePlace}`,
  },
  {
    key: 'deputySecretary',
    role: 'Phó Bí thư chi bộ',
    identifier: demoPhone.deputySecretary,
    organizationName: `Chi bộ ${fixed.financeOffice}`,
  },
];

/** True once any organisation exists, so start-up seeds only a fresh database. */
export async function hasData(db: Queryable): Promise<boolean> {
  const rows = await db.query<{ present: boolean }>('SELECT EXISTS (SELECT 1 FROM organization) AS present');
  return rows[0]?.present === true;
}

// ---------------------------------------------------------------------------------------------------------
// Organisation plan

interface ParentSpan {
  parent: OrgNode;
  from: string;
  to: string | null;
}

interface PeriodRow {
  parentId: string | null;
  path: string;
  depth: number;
  from: string;
  to: string | null;
}

/** One membership stint of a full, active, non-exempt member: who may hold a position there and when. */
interface Candidate {
  memberId: string;
  since: string;
  until: string | null;
  fullDate: string;
  birthYear: number;
  cellType: CellType;
}

interface OrgNode {
  id: string;
  kind: OrganizationKind;
  cellType: CellType | null;
  symbol: string;
  name: string;
  validFrom: string;
  validTo: string | null;
  endReason: 'dissolved' | 'merged' | null;
  successor: OrgNode | null;
  parents: ParentSpan[];
  periods: PeriodRow[];
  /** Planned current official members (cells only). */
  size: number;
  /** Cells merged into this one on its first day; members who attended them before keep that history. */
  predecessors: OrgNode[];
  demoSlots: DemoKey[];
  /** "xã Tân Lập" for cells of a commune or ward (home towns), else null. */
  place: string | null;
  /** Rural village cells draw more ethnic minorities. */
  rural: boolean;
  /** Issuer symbol of admission decisions before the reform ('HU' for the district's communes, …). */
  oldIssuer: string;
  professions: WeightedTable<string> | null;
  pool: Candidate[];
  seen: number;
  cellsBelow: OrgNode[];
}

const symbolOf: Record<OrganizationKind, string> = {
  central: 'TW',
  provincial_committee: 'TU',
  bloc_committee: 'ĐUK',
  district_committee: 'HU',
  grassroots_committee: 'ĐU',
  subcommittee: 'ĐUBP',
  cell: 'CB',
  grassroots_cell: 'CB',
  party_group: 'TĐ',
};

const isCell = (n: OrgNode) => n.kind === 'cell' || n.kind === 'grassroots_cell';

interface NodeInput {
  kind: OrganizationKind;
  name: string;
  cellType?: CellType | null;
  validFrom: string;
  validTo?: string | null;
  endReason?: 'dissolved' | 'merged' | null;
  parent?: OrgNode | null;
  parents?: ParentSpan[];
  size?: number;
  place?: string | null;
  rural?: boolean;
  oldIssuer?: string;
  professions?: WeightedTable<string> | null;
}

class Plan {
  readonly nodes: OrgNode[] = [];
  readonly reorganizations: Array<{ kind: string; date: string; documentRef: string; details: unknown }> = [];

  constructor(private readonly rng: Random) {}

  add(input: NodeInput): OrgNode {
    const validTo = input.validTo ?? null;
    const parents =
      input.parents ?? (input.parent ? [{ parent: input.parent, from: input.validFrom, to: validTo }] : []);
    const node: OrgNode = {
      id: this.rng.uuid(),
      kind: input.kind,
      cellType: input.cellType ?? null,
      symbol: symbolOf[input.kind],
      name: input.name,
      validFrom: input.validFrom,
      validTo,
      endReason: input.endReason ?? null,
      successor: null,
      parents,
      periods: [],
      size: input.size ?? 0,
      predecessors: [],
      demoSlots: [],
      place: input.place ?? null,
      rural: input.rural ?? false,
      oldIssuer: input.oldIssuer ?? 'ĐU',
      professions: input.professions ?? null,
      pool: [],
      seen: 0,
      cellsBelow: [],
    };
    this.nodes.push(node);
    return node;
  }
}

/** Unique invented place names ("Tân Lập"), avoiding the fixed ones. */
function placeNamer(rng: Random, taken: string[]) {
  const used = new Set(taken);
  const combos: string[] = [];
  for (const a of vn.placeFirst) for (const b of vn.placeSecond) if (a !== b) combos.push(`${a} ${b}`);
  rng.shuffle(combos);
  let i = 0;
  let round = 1;
  return (): string => {
    for (;;) {
      if (i >= combos.length) {
        i = 0;
        round++;
      }
      const base = combos[i++]!;
      const name = round === 1 ? base : `${base} ${round}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
}

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

/** Splits `total` into `n` parts (each at least `min`) with random weights. */
function splitSizes(rng: Random, total: number, n: number, min: number, spread = 0.5): number[] {
  const weights = Array.from({ length: n }, () => 1 - spread + rng.next() * 2 * spread);
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(min, Math.floor((total * w) / sum)));
  let diff = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; diff > 0; i = (i + 1) % n, diff--) sizes[i]! += 1;
  for (let i = 0, guard = 0; diff < 0 && guard < n * 1000; i = (i + 1) % n, guard++) {
    if (sizes[i]! > min) {
      sizes[i]! -= 1;
      diff++;
    }
  }
  return sizes;
}

interface CommuneSpec {
  place: string;
  ward: boolean;
  history: 'moved' | 'merged' | null;
  weight: number;
  demo?: boolean;
  /** The ward's one very large residential cell (~80–100 members in a full-size demo). */
  bigCellSize?: number;
}

const militaryProfessions = weightedTable<string>([
  ['Quân nhân', 70],
  ['Dân quân thường trực', 30],
]);
const policeProfessions = weightedTable<string>([['Công an', 1]]);

function planOrganizations(rng: Random, members: number) {
  const plan = new Plan(rng);
  const M = members;
  const province = plan.add({ kind: 'provincial_committee', name: fixed.province, validFrom: '1997-01-01' });
  const bloc = plan.add({
    kind: 'bloc_committee',
    name: fixed.bloc,
    validFrom: '2010-01-01',
    parent: province,
  });
  const district = plan.add({
    kind: 'district_committee',
    name: `Đảng bộ huyện ${fixed.districtPlace}`,
    validFrom: '2015-01-01',
    validTo: reformDate,
    endReason: 'dissolved',
    parent: province,
  });
  const nextPlace = placeNamer(rng, [
    fixed.demoCommunePlace,
    fixed.wardPlace,
    fixed.districtPlace,
    fixed.provinceShort,
  ]);

  const communeTotal = Math.round(M * 0.66);
  const blocTotal = M - communeTotal;

  // Communes and wards: two or three moved from the dissolved district, one formed by a merger, the rest stable.
  const nMoved = M >= 2000 ? 3 : 2;
  const nCommunes = Math.max(nMoved + 2, Math.round(Math.sqrt(M) / 7));
  const specs: CommuneSpec[] = [
    { place: fixed.demoCommunePlace, ward: false, history: 'moved', weight: 1.1, demo: true },
  ];
  for (let i = 1; i < nMoved; i++)
    specs.push({ place: nextPlace(), ward: false, history: 'moved', weight: 0.8 + rng.next() * 0.4 });
  specs.push({ place: nextPlace(), ward: false, history: 'merged', weight: 1.6 });
  specs.push({
    place: fixed.wardPlace,
    ward: true,
    history: null,
    weight: 1.4,
    bigCellSize: M >= 1500 ? rng.int(80, 100) : clamp(Math.round(M * 0.05), 36, 60),
  });
  while (specs.length < nCommunes) {
    specs.push({ place: nextPlace(), ward: rng.chance(0.35), history: null, weight: 0.7 + rng.next() * 0.6 });
  }
  const weightSum = specs.reduce((a, s) => a + s.weight, 0);
  const budgets = specs.map((s) => Math.max(20, Math.round((communeTotal * s.weight) / weightSum)));

  const communes: OrgNode[] = [];
  const movedCommunes: OrgNode[] = [];
  let demoCommune: OrgNode | null = null;
  let demoVillage: OrgNode | null = null;
  let bigWardCell: OrgNode | null = null;
  for (const [i, spec] of specs.entries()) {
    const r = planCommune(plan, rng, spec, budgets[i]!, { province, district, nextPlace });
    communes.push(r.commune);
    if (spec.history === 'moved') movedCommunes.push(r.commune);
    if (spec.demo) {
      demoCommune = r.commune;
      demoVillage = r.firstVillage;
    }
    if (spec.bigCellSize) bigWardCell = r.firstVillage;
  }

  // Reorganisations of 1 July 2025 as facts.
  const movedIds = movedCommunes.map((c) => c.id);
  const mergedSources = plan.nodes.filter(
    (n) => n.kind === 'grassroots_committee' && n.endReason === 'merged',
  );
  plan.reorganizations.push({
    kind: 'dissolve',
    date: reformDate,
    documentRef: `${rng.int(1100, 1400)}-QĐ/TU`,
    details: {
      organizationId: district.id,
      name: district.name,
      affectedOrganizationIds: [...movedIds, ...mergedSources.map((n) => n.id)],
    },
  });
  for (const c of movedCommunes) {
    plan.reorganizations.push({
      kind: 'move',
      date: reformDate,
      documentRef: `${rng.int(1100, 1400)}-QĐ/TU`,
      details: { organizationId: c.id, fromParentId: district.id, toParentId: province.id },
    });
  }
  const mergeTargets = new Set(plan.nodes.filter((n) => n.endReason === 'merged').map((n) => n.successor!));
  for (const target of mergeTargets) {
    const sources = plan.nodes.filter((n) => n.successor === target);
    plan.reorganizations.push({
      kind: 'merge',
      date: reformDate,
      documentRef: `${rng.int(1100, 1400)}-QĐ/TU`,
      details: {
        targetId: target.id,
        targetName: target.name,
        sources: sources.map((s) => ({
          id: s.id,
          name: s.name,
          children: plan.nodes.filter((n) => n.parents.some((p) => p.parent === s && p.to === reformDate))
            .length,
        })),
      },
    });
  }

  // The bloc: agencies, enterprises, a hospital and a college as đảng bộ cơ sở, plus a few chi bộ cơ sở.
  const blocPlan = planBloc(plan, rng, bloc, blocTotal, nextPlace);

  // Party groups in the biggest residential cells.
  const villages = plan.nodes.filter((n) => n.cellType === 'village_residential' && n.validTo === null);
  const biggest = [...villages].sort((a, b) => b.size - a.size);
  const groupHosts = [
    bigWardCell!,
    ...biggest.filter((c) => c !== bigWardCell && c !== demoVillage).slice(0, 2),
  ];

  demoVillage!.demoSlots.push('cellSecretary', 'cellMember');
  const communeAgencies = plan.nodes.filter(
    (n) => n.cellType === 'agency' && n.validTo === null && n.parents.some((p) => p.parent === demoCommune),
  );
  communeAgencies[0]!.demoSlots.push('communeSecretary');
  communeAgencies[1]!.demoSlots.push('follower');
  blocPlan.textile.demoSlots.push('probationary');
  blocPlan.organizationBoard.demoSlots.push('boardOfficer');
  blocPlan.financeOffice.demoSlots.push('deputySecretary');

  adjustSizes(rng, plan, M);

  for (const host of groupHosts) {
    const n = clamp(Math.ceil(host.size / 25), 2, 5);
    for (let k = 1; k <= n; k++) {
      plan.add({
        kind: 'party_group',
        name: `Tổ đảng số ${k}`,
        validFrom: maxIso(host.validFrom, '2020-01-01'),
        parent: host,
      });
    }
  }

  computePeriods(plan.nodes);
  return {
    plan,
    province,
    bloc,
    district,
    communes,
    demoCommune: demoCommune!,
    demoVillage: demoVillage!,
    blocPlan,
  };
}

function planCommune(
  plan: Plan,
  rng: Random,
  spec: CommuneSpec,
  budget: number,
  ctx: { province: OrgNode; district: OrgNode; nextPlace: () => string },
) {
  const unit = spec.ward ? 'phường' : 'xã';
  const place = `${unit} ${spec.place}`;
  const name = `Đảng bộ ${place}`;
  let commune: OrgNode;
  let oldCommunes: OrgNode[] = [];
  if (spec.history === 'moved') {
    commune = plan.add({
      kind: 'grassroots_committee',
      name,
      validFrom: '2015-01-01',
      parents: [
        { parent: ctx.district, from: '2015-01-01', to: reformDate },
        { parent: ctx.province, from: reformDate, to: null },
      ],
    });
  } else if (spec.history === 'merged') {
    commune = plan.add({ kind: 'grassroots_committee', name, validFrom: reformDate, parent: ctx.province });
    oldCommunes = [ctx.nextPlace(), ctx.nextPlace()].map((p) =>
      plan.add({
        kind: 'grassroots_committee',
        name: `Đảng bộ xã ${p}`,
        validFrom: '2015-01-01',
        validTo: reformDate,
        endReason: 'merged',
        parent: ctx.district,
        place: `xã ${p}`,
      }),
    );
    for (const o of oldCommunes) o.successor = commune;
  } else {
    commune = plan.add({ kind: 'grassroots_committee', name, validFrom: '2010-01-01', parent: ctx.province });
  }
  // Before the reform every commune answered to a district committee (Huyện ủy).
  const oldIssuer = 'HU';

  // Cells that serve the whole commune.
  const fixedCells: Array<{
    name: string;
    type: CellType;
    size: number;
    professions?: WeightedTable<string>;
  }> = [];
  const share = (s: number, lo: number, hi: number) =>
    clamp(Math.round(budget * s * (0.8 + rng.next() * 0.4)), lo, hi);
  fixedCells.push({
    name: `Cơ quan Đảng – Mặt trận, đoàn thể ${place}`,
    type: 'agency',
    size: share(0.05, 4, 30),
  });
  fixedCells.push({ name: `Cơ quan Ủy ban nhân dân ${place}`, type: 'agency', size: share(0.05, 4, 30) });
  fixedCells.push({
    name: `Quân sự ${place}`,
    type: 'armed_forces',
    size: share(0.025, 3, 12),
    professions: militaryProfessions,
  });
  if (budget >= 120) {
    fixedCells.push({
      name: `Công an ${place}`,
      type: 'armed_forces',
      size: share(0.025, 3, 15),
      professions: policeProfessions,
    });
  }
  if (budget >= 150)
    fixedCells.push({ name: `Trạm Y tế ${place}`, type: 'public_service_unit', size: share(0.015, 3, 8) });
  if (budget >= 200) {
    fixedCells.push(
      spec.ward
        ? { name: `Ban Quản lý chợ ${spec.place}`, type: 'other', size: share(0.012, 3, 6) }
        : { name: `Hợp tác xã Nông nghiệp ${spec.place}`, type: 'other', size: share(0.015, 3, 8) },
    );
  }
  const schools: Array<{ name: string; size: number }> = [];
  if (budget >= 100) schools.push({ name: `Trường THCS ${spec.place}`, size: share(0.03, 3, 15) });
  if (budget >= 180) schools.push({ name: `Trường Tiểu học ${spec.place}`, size: share(0.025, 3, 12) });
  if (budget >= 250) schools.push({ name: `Trường Mầm non ${spec.place}`, size: share(0.015, 3, 8) });
  for (let extra = budget - 400; extra > 0; extra -= 700) {
    fixedCells.push({
      name: `Công ty TNHH ${rng.pick(vn.enterpriseIndustries)} ${ctx.nextPlace()}`,
      type: 'private_enterprise',
      size: rng.int(3, 15),
    });
  }
  const fixedTotal = fixedCells.reduce((a, c) => a + c.size, 0) + schools.reduce((a, c) => a + c.size, 0);
  let remaining = Math.max(12, budget - fixedTotal);

  const from = (base: string) => (rng.chance(0.15) ? rng.date(base, '2023-12-31') : base);
  const cellBase = commune.validFrom;
  const oldBase = '2015-01-01';

  // For a merged commune, the old communes' own service cells end on the reform day, merged into the new ones.
  for (const c of fixedCells) {
    if (oldCommunes.length > 0) {
      const cell = plan.add({
        kind: 'cell',
        name: `Chi bộ ${c.name}`,
        cellType: c.type,
        validFrom: reformDate,
        parent: commune,
        size: c.size,
        place,
        oldIssuer,
        professions: c.professions ?? null,
      });
      for (const old of oldCommunes) {
        const oldPlace = old.place!;
        const pred = plan.add({
          kind: 'cell',
          name: `Chi bộ ${c.name.replace(place, oldPlace).replace(spec.place, oldPlace.replace('xã ', ''))}`,
          cellType: c.type,
          validFrom: oldBase,
          validTo: reformDate,
          endReason: 'merged',
          parent: old,
          place: oldPlace,
          oldIssuer,
          professions: c.professions ?? null,
        });
        pred.successor = cell;
        cell.predecessors.push(pred);
      }
    } else {
      plan.add({
        kind: 'cell',
        name: `Chi bộ ${c.name}`,
        cellType: c.type,
        validFrom: from(cellBase),
        parent: commune,
        size: c.size,
        place,
        oldIssuer,
        professions: c.professions ?? null,
      });
    }
  }

  // Cells that moved with their commune or from an old commune into the merged one keep their identity.
  const movedCell = (input: Omit<NodeInput, 'validFrom' | 'parent' | 'parents'>, k: number) => {
    if (oldCommunes.length > 0) {
      const old = oldCommunes[k % oldCommunes.length]!;
      const start = from(oldBase);
      return plan.add({
        ...input,
        validFrom: start,
        parents: [
          { parent: old, from: start, to: reformDate },
          { parent: commune, from: reformDate, to: null },
        ],
        place: old.place,
      });
    }
    return plan.add({ ...input, validFrom: from(cellBase), parent: commune });
  };

  for (const [k, s] of schools.entries()) {
    movedCell(
      { kind: 'cell', name: `Chi bộ ${s.name}`, cellType: 'school', size: s.size, place, oldIssuer },
      k,
    );
  }

  // Residential cells: villages (thôn) in communes, residential groups (tổ dân phố) in wards.
  const villageNames = rng.shuffle(vn.villageNames.filter((v) => v !== fixed.demoVillage));
  let villageIndex = 0;
  const nextVillageName = () => {
    if (spec.ward) return `Tổ dân phố số ${++villageIndex}`;
    const v = villageIndex < villageNames.length ? villageNames[villageIndex] : String(villageIndex + 1);
    villageIndex++;
    return `thôn ${v}`;
  };
  const villageSizes: Array<{ name: string; size: number }> = [];
  if (spec.demo) {
    const size = clamp(Math.round(remaining * 0.3), 12, 45);
    villageSizes.push({ name: `thôn ${fixed.demoVillage}`, size });
    remaining -= size;
  }
  if (spec.bigCellSize) {
    const size = spec.bigCellSize;
    villageSizes.push({ name: nextVillageName(), size });
    remaining -= size;
  }
  if (remaining >= 3 || villageSizes.length === 0) {
    const n = Math.max(1, Math.round(remaining / (spec.ward ? 26 : 22)));
    for (const size of splitSizes(rng, Math.max(3, remaining), n, 3))
      villageSizes.push({ name: nextVillageName(), size });
  }
  let firstVillage: OrgNode | null = null;
  for (const [k, v] of villageSizes.entries()) {
    const cell = movedCell(
      {
        kind: 'cell',
        name: `Chi bộ ${v.name}`,
        cellType: 'village_residential',
        size: v.size,
        place,
        rural: !spec.ward,
        oldIssuer,
      },
      k,
    );
    firstVillage ??= cell;
  }
  return { commune, firstVillage: firstVillage! };
}

interface BlocUnit {
  name: string;
  cellType: CellType;
  weight: number;
  cells: string[];
  sub?: { name: string; cells: string[] };
}

function planBloc(plan: Plan, rng: Random, bloc: OrgNode, total: number, nextPlace: () => string) {
  const units: BlocUnit[] = [
    {
      name: fixed.partyOffice,
      cellType: 'agency',
      weight: 1.1,
      cells: [
        'Văn phòng Tỉnh ủy',
        fixed.organizationBoard,
        'Ủy ban Kiểm tra Tỉnh ủy',
        'Ban Tuyên giáo và Dân vận Tỉnh ủy',
        'Ban Nội chính Tỉnh ủy',
        'Báo và Phát thanh, Truyền hình Sơn Hà',
        'Trường Chính trị tỉnh',
      ],
    },
    {
      name: fixed.finance,
      cellType: 'agency',
      weight: 0.8,
      cells: [
        fixed.financeOffice,
        'Phòng Quản lý ngân sách',
        'Phòng Quản lý giá và công sản',
        'Thanh tra Sở Tài chính',
        'Phòng Đăng ký kinh doanh',
        'Phòng Tài chính doanh nghiệp',
      ],
    },
    {
      name: 'Bệnh viện Đa khoa tỉnh',
      cellType: 'public_service_unit',
      weight: 1.5,
      sub: {
        name: 'Đảng bộ bộ phận Khối Lâm sàng',
        cells: ['Khoa Nội', 'Khoa Ngoại', 'Khoa Hồi sức tích cực – Chống độc', 'Khoa Sản', 'Khoa Nhi'],
      },
      cells: ['Phòng Kế hoạch tổng hợp', 'Khối Cận lâm sàng', 'Phòng Tổ chức – Hành chính', 'Khoa Dược'],
    },
    {
      name: `Trường Cao đẳng ${fixed.provinceShort}`,
      cellType: 'school',
      weight: 1,
      cells: [
        'Khoa Sư phạm',
        'Khoa Kinh tế',
        'Khoa Kỹ thuật – Công nghệ',
        'Phòng Đào tạo',
        'Phòng Hành chính – Quản trị',
        'Sinh viên',
      ],
    },
    {
      name: `Công ty Điện lực ${fixed.provinceShort}`,
      cellType: 'state_enterprise',
      weight: 1.2,
      cells: [
        'Văn phòng Công ty Điện lực',
        'Phòng Kỹ thuật – An toàn',
        'Phòng Kinh doanh',
        'Đội Quản lý vận hành lưới điện cao thế',
        `Điện lực khu vực ${fixed.districtPlace}`,
        `Điện lực khu vực ${fixed.wardPlace}`,
      ],
    },
    {
      name: 'Công ty Cổ phần Xi măng Phú Sơn',
      cellType: 'private_enterprise',
      weight: 0.8,
      cells: ['Văn phòng Công ty', 'Phân xưởng Lò nung', 'Phân xưởng Cơ điện', 'Phòng Kinh doanh'],
    },
    {
      name: 'Công ty TNHH Điện tử Sao Mai Việt Nam',
      cellType: 'foreign_invested_enterprise',
      weight: 1,
      cells: ['Khối Văn phòng', 'Nhà máy số 1', 'Nhà máy số 2', 'Bộ phận Kiểm tra chất lượng'],
    },
  ];
  const nExtra = Math.max(0, Math.round(total / 300) - units.length);
  const agencies = [...vn.provincialAgencies];
  const enterprises = vn.enterpriseNames.filter((e) => !units.some((u) => u.name === e.name));
  for (let i = 0; i < nExtra; i++) {
    if (i % 2 === 0 && agencies.length > 0) {
      const a = agencies.shift()!;
      units.push({ name: a.name, cellType: 'agency', weight: 0.6 + rng.next() * 0.4, cells: [...a.cells] });
    } else {
      const e = enterprises.shift() ?? {
        name: `Công ty Cổ phần ${rng.pick(vn.enterpriseIndustries)} ${nextPlace()}`,
        cellType: rng.chance(0.7) ? ('private_enterprise' as const) : ('state_enterprise' as const),
      };
      units.push({
        name: e.name,
        cellType: e.cellType,
        weight: 0.6 + rng.next() * 0.8,
        cells: rng.sample(vn.enterpriseUnits, 6),
      });
    }
  }
  const grassrootsCells: Array<{ name: string; cellType: CellType }> = [
    { name: fixed.textile, cellType: 'private_enterprise' },
    { name: 'Liên minh Hợp tác xã tỉnh', cellType: 'other' },
  ];
  const moreCells: Array<{ name: string; cellType: CellType }> = [
    { name: 'Quỹ Đầu tư phát triển tỉnh', cellType: 'other' },
    { name: 'Trung tâm Xúc tiến đầu tư tỉnh', cellType: 'public_service_unit' },
    { name: 'Hội Chữ thập đỏ tỉnh', cellType: 'other' },
  ];
  const nGc = Math.max(2, Math.round(Math.sqrt(total) / 15));
  while (grassrootsCells.length < nGc) {
    grassrootsCells.push(
      moreCells.shift() ?? {
        name: `Công ty TNHH ${rng.pick(vn.enterpriseIndustries)} ${nextPlace()}`,
        cellType: 'private_enterprise',
      },
    );
  }
  const gcWeight = 0.12;
  const weightSum = units.reduce((a, u) => a + u.weight, 0) + gcWeight * grassrootsCells.length;
  const unitBudget = (w: number) => Math.max(8, Math.round((total * w) / weightSum));

  let organizationBoard: OrgNode | null = null;
  let financeOffice: OrgNode | null = null;
  let textile: OrgNode | null = null;
  const blocUnits: OrgNode[] = [];
  for (const u of units) {
    const committee = plan.add({
      kind: 'grassroots_committee',
      name: `Đảng bộ ${u.name}`,
      validFrom: rng.pick(['2010-01-01', '2012-06-01', '2015-01-01']),
      parent: bloc,
      oldIssuer: 'ĐUK',
    });
    blocUnits.push(committee);
    const budget = unitBudget(u.weight);
    const avg = u.cellType === 'agency' ? 14 : 18;
    const subCells = u.sub ? clamp(Math.round(budget / avg / 2), 2, u.sub.cells.length) : 0;
    const n = clamp(Math.round(budget / avg) - subCells, 2, 40);
    const names = [...u.cells];
    for (let k = names.length + 1; names.length < n; k++) names.push(`Bộ phận số ${k}`);
    const fixedFirst = u.name === fixed.finance ? 12 : u.name === fixed.partyOffice ? 5 : 3;
    const sizes = splitSizes(rng, Math.max(budget, n * 3 + subCells * 3 + fixedFirst), n + subCells, 3);
    if (sizes[0]! < fixedFirst) sizes[0] = fixedFirst;
    let idx = 0;
    let parent: OrgNode = committee;
    if (u.sub) {
      parent = plan.add({
        kind: 'subcommittee',
        name: u.sub.name,
        validFrom: maxIso(committee.validFrom, '2018-01-01'),
        parent: committee,
        oldIssuer: 'ĐUK',
      });
      for (const c of u.sub.cells.slice(0, subCells)) {
        plan.add({
          kind: 'cell',
          name: `Chi bộ ${c}`,
          cellType: u.cellType,
          validFrom: parent.validFrom,
          parent,
          size: sizes[idx++]!,
          oldIssuer: 'ĐUK',
        });
      }
      parent = committee;
    }
    for (const c of names.slice(0, n)) {
      const cellType: CellType = c.startsWith('Báo')
        ? 'public_service_unit'
        : c.startsWith('Trường')
          ? 'school'
          : u.cellType;
      const cell = plan.add({
        kind: 'cell',
        name: `Chi bộ ${c}`,
        cellType,
        validFrom: rng.chance(0.2) ? rng.date(committee.validFrom, '2022-12-31') : committee.validFrom,
        parent,
        size: sizes[idx++]!,
        oldIssuer: 'ĐUK',
      });
      if (c === fixed.organizationBoard) organizationBoard = cell;
      if (c === fixed.financeOffice) financeOffice = cell;
    }
  }
  for (const g of grassrootsCells) {
    const cell = plan.add({
      kind: 'grassroots_cell',
      name: `Chi bộ ${g.name}`,
      cellType: g.cellType,
      validFrom: rng.pick(['2012-01-01', '2016-03-01', '2019-09-01']),
      parent: bloc,
      size: Math.max(
        g.name === fixed.textile ? 6 : 3,
        Math.round(unitBudget(gcWeight) * (0.6 + rng.next() * 0.8)),
      ),
      oldIssuer: 'ĐUK',
    });
    if (g.name === fixed.textile) textile = cell;
  }
  return {
    organizationBoard: organizationBoard!,
    financeOffice: financeOffice!,
    textile: textile!,
    units: blocUnits,
  };
}

/** Nudges cell sizes so that the planned members add up to exactly the target. */
function adjustSizes(rng: Random, plan: Plan, target: number) {
  const cells = plan.nodes.filter((n) => isCell(n) && n.size > 0);
  let diff = target - cells.reduce((a, c) => a + c.size, 0);
  const flexible = cells.filter((c) => c.cellType === 'village_residential');
  const order = rng.shuffle(flexible.length > 0 ? [...flexible] : [...cells]);
  for (let i = 0, guard = 0; diff !== 0 && guard < 10_000_000; i = (i + 1) % order.length, guard++) {
    const c = order[i]!;
    if (diff > 0) {
      c.size++;
      diff--;
    } else if (c.size > 8) {
      c.size--;
      diff++;
    } else if (guard > order.length * 200) {
      // Tiny targets: shrink any cell down to three members.
      const any = cells.find((x) => x.size > 3 && x.demoSlots.length === 0);
      if (!any) break;
      any.size--;
      diff++;
    }
  }
}

/** Materialises each node's periods: one per stretch with one parent period, paths rebuilt from the parent's. */
function computePeriods(nodes: OrgNode[]) {
  for (const n of nodes) {
    if (n.parents.length === 0) {
      n.periods.push({ parentId: null, path: pathLabel(n.id), depth: 0, from: n.validFrom, to: n.validTo });
      continue;
    }
    for (const span of n.parents) {
      for (const pp of span.parent.periods) {
        const from = maxIso(span.from, pp.from);
        const to = span.to === null ? pp.to : pp.to === null ? span.to : minIso(span.to, pp.to);
        if (to !== null && to <= from) continue;
        n.periods.push({
          parentId: span.parent.id,
          path: childPath(pp.path, n.id),
          depth: pp.depth + 1,
          from,
          to,
        });
      }
    }
  }
  const byLabel = new Map(nodes.map((n) => [pathLabel(n.id), n]));
  for (const n of nodes) {
    if (!isCell(n)) continue;
    const seen = new Set<OrgNode>();
    for (const p of n.periods) {
      for (const label of p.path.split('.').slice(0, -1)) {
        const anc = byLabel.get(label);
        if (anc && !seen.has(anc)) {
          seen.add(anc);
          anc.cellsBelow.push(n);
        }
      }
    }
  }
}

/** Whether the cell hung under `ancestor` on `date` (null = now). */
function cellUnder(cell: OrgNode, ancestor: OrgNode, date: string | null): boolean {
  const label = `.${pathLabel(ancestor.id)}.`;
  for (const p of cell.periods) {
    const covers = date === null ? p.to === null : p.from <= date && (p.to === null || p.to > date);
    if (covers && `.${p.path}.`.includes(label)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Batched writing

class BatchWriter {
  private values: unknown[] = [];
  private rows = 0;
  private readonly maxRows: number;
  private readonly sqlCache = new Map<number, string>();
  count = 0;

  constructor(
    private readonly tx: Queryable,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly before: readonly BatchWriter[] = [],
  ) {
    // COPY (the seed command on PostgreSQL) takes big batches; INSERT is bound by its 65,535 parameters.
    this.maxRows = canCopy(tx) ? 20_000 : Math.max(1, Math.min(500, Math.floor(60_000 / columns.length)));
  }

  async add(row: unknown[]): Promise<void> {
    for (const v of row) this.values.push(v);
    this.rows++;
    this.count++;
    if (this.rows >= this.maxRows) await this.flush();
  }

  async flush(): Promise<void> {
    for (const b of this.before) await b.flush();
    if (this.rows === 0) return;
    if (canCopy(this.tx)) {
      const values = this.values;
      this.values = [];
      this.rows = 0;
      await copyFlat(this.tx, this.table, this.columns, values);
      return;
    }
    let sql = this.sqlCache.get(this.rows);
    if (!sql) {
      const width = this.columns.length;
      const tuples: string[] = [];
      for (let r = 0; r < this.rows; r++) {
        const ps: string[] = [];
        for (let c = 1; c <= width; c++) ps.push(`$${r * width + c}`);
        tuples.push(`(${ps.join(',')})`);
      }
      sql = `INSERT INTO ${this.table} (${this.columns.join(',')}) VALUES ${tuples.join(',')}`;
      if (this.rows === this.maxRows) this.sqlCache.set(this.rows, sql);
    }
    const params = this.values;
    this.values = [];
    this.rows = 0;
    await this.tx.query(sql, params);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Members

type Special = 'died' | 'removed' | 'out' | 'transfer';

interface MemberCtx {
  rng: Random;
  today: string;
  provinceId: string;
  cards: Set<string>;
  citizenIds: Set<string>;
  phones: Set<string>;
  emails: Set<string>;
  nextPlace: () => string;
}

const probationaryShare: Record<CellType, number> = {
  village_residential: 0.035,
  agency: 0.06,
  public_service_unit: 0.09,
  state_enterprise: 0.08,
  private_enterprise: 0.1,
  foreign_invested_enterprise: 0.12,
  armed_forces: 0.12,
  school: 0.09,
  other: 0.05,
};

const maleShare: Record<CellType, number> = {
  village_residential: 0.62,
  agency: 0.55,
  public_service_unit: 0.38,
  state_enterprise: 0.72,
  private_enterprise: 0.6,
  foreign_invested_enterprise: 0.5,
  armed_forces: 0.93,
  school: 0.3,
  other: 0.55,
};

const phonePrefixes = [
  '090',
  '091',
  '093',
  '094',
  '096',
  '097',
  '098',
  '086',
  '088',
  '032',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '039',
  '070',
  '077',
  '081',
  '083',
  '084',
  '085',
];
const otherProvinceCodes = ['001', '019', '022', '025', '031', '034', '036', '038', '040', '042'];
const localProvinceCode = '039';

function drawAge(rng: Random, type: CellType): number {
  const mid = () => (rng.next() + rng.next()) / 2;
  switch (type) {
    case 'village_residential': {
      const r = rng.next();
      if (r < 0.15) return rng.int(22, 39);
      if (r < 0.4) return rng.int(40, 59);
      return rng.int(60, 85);
    }
    case 'agency':
    case 'public_service_unit':
    case 'school':
      return 24 + Math.floor(mid() * 36);
    case 'armed_forces':
      return 21 + Math.floor(mid() * 28);
    case 'other':
      return 25 + Math.floor(mid() * 38);
    default:
      return 22 + Math.floor(mid() * 36);
  }
}

function personName(rng: Random, gender: vn.Gender, ethnicity: string): string {
  if (ethnicity === "H'Mông") {
    return `${rng.pick(vn.minoritySurnames[ethnicity]!)} ${rng.pick(vn.hmongNames.middle[gender])} ${rng.pick(vn.hmongNames.given[gender])}`;
  }
  const minority = vn.minoritySurnames[ethnicity];
  const surname = minority && rng.chance(0.8) ? rng.pick(minority) : rng.weighted(vn.kinhSurnames);
  let middle = rng.weighted(vn.middleNames[gender]);
  let given = rng.pick(vn.givenNames[gender]);
  if (given === middle) given = rng.pick(vn.givenNames[gender]);
  if (gender === 'female' && middle === 'Thị' && rng.chance(0.08)) {
    const second = rng.weighted(vn.middleNames.female);
    if (second !== 'Thị' && second !== given) middle = `Thị ${second}`;
  }
  return `${surname} ${middle} ${given}`;
}

function uniqueDraw(set: Set<string>, draw: () => string): string {
  for (;;) {
    const v = draw();
    if (!set.has(v)) {
      set.add(v);
      return v;
    }
  }
}

function docRef(rng: Random, type: string, issuer: string): string {
  return `${rng.int(1, 480)}-${type}/${issuer}`;
}

function addCandidate(cell: OrgNode, c: Candidate, rng: Random) {
  const cap = 24;
  cell.seen++;
  if (cell.pool.length < cap) cell.pool.push(c);
  else {
    const j = rng.int(0, cell.seen - 1);
    if (j < cap) cell.pool[j] = c;
  }
}

interface DemoMember {
  memberId: string;
  fullName: string;
  since: string;
  fullDate: string | null;
  cell: OrgNode;
}

// ---------------------------------------------------------------------------------------------------------
// Entry point

export async function createDemoData(db: Database, opts: DemoOptions): Promise<DemoSummary> {
  const started = performance.now();
  const today = opts.today ?? todayIso();
  if (today < '2025-12-01') throw new Error('createDemoData: today must be on or after 2025-12-01');
  if (!Number.isInteger(opts.members) || opts.members < 100) {
    throw new Error('createDemoData: members must be an integer of at least 100');
  }
  const passwordHash = await hashPassword(demoPassword);

  const root = new Random(opts.seed, 'chi-bo-so demo');
  const structureRng = root.fork('structure');
  const memberRng = root.fork('members');
  const positionRng = root.fork('positions');

  const planned = planOrganizations(structureRng, opts.members);
  const { plan, province } = planned;
  const provinceId = province.id;
  const nextPlace = placeNamer(memberRng.fork('places'), []);

  const progress = opts.progress ?? (() => undefined);
  const result = await db.transaction(async (tx) => {
    progress(`tổ chức: ${plan.nodes.length}, trong đó ${plan.nodes.filter(isCell).length} chi bộ`);
    const w = {
      organization: new BatchWriter(tx, 'organization', [
        'id',
        'province_id',
        'kind',
        'cell_type',
        'symbol',
        'valid_from',
        'valid_to',
        'end_reason',
        'successor_id',
      ]),
      period: new BatchWriter(tx, 'organization_period', [
        'organization_id',
        'province_id',
        'parent_id',
        'name',
        'search_name',
        'path',
        'depth',
        'valid_from',
        'valid_to',
      ]),
      reorganization: new BatchWriter(tx, 'reorganization', [
        'id',
        'province_id',
        'kind',
        'effective_date',
        'document_ref',
        'details',
      ]),
    };
    // Organisations without a successor first, so every successor_id points at a row already written.
    const ordered = [...plan.nodes.filter((n) => !n.successor), ...plan.nodes.filter((n) => n.successor)];
    for (const n of ordered) {
      await w.organization.add([
        n.id,
        provinceId,
        n.kind,
        n.cellType,
        n.symbol,
        n.validFrom,
        n.validTo,
        n.endReason,
        n.successor?.id ?? null,
      ]);
    }
    await w.organization.flush();
    for (const n of plan.nodes) {
      const search = foldVietnamese(n.name);
      for (const p of n.periods) {
        await w.period.add([n.id, provinceId, p.parentId, n.name, search, p.path, p.depth, p.from, p.to]);
      }
    }
    for (const r of plan.reorganizations) {
      await w.reorganization.add([
        structureRng.uuid(),
        provinceId,
        r.kind,
        r.date,
        r.documentRef,
        JSON.stringify(r.details),
      ]);
    }
    await w.period.flush();
    await w.reorganization.flush();

    progress('đảng viên…');
    const demo = await writeMembers(tx, plan, {
      rng: memberRng,
      today,
      provinceId,
      cards: new Set(),
      citizenIds: new Set(),
      phones: new Set(Object.values(demoPhone)),
      emails: new Set(),
      nextPlace,
    });

    progress(`đảng viên: ${demo.total}; cấp ủy…`);
    await writeCommittees(tx, planned, demo, positionRng, provinceId, today);
    await writePartyGroupMemberships(tx);

    // Accounts: the administrator and one per demo member; one hash for all keeps start-up fast.
    const account = new BatchWriter(tx, 'account', [
      'id',
      'province_id',
      'member_id',
      'username',
      'display_name',
      'password_hash',
      'is_system_admin',
    ]);
    const roles = new BatchWriter(
      tx,
      'role_assignment',
      ['id', 'province_id', 'account_id', 'role', 'organization_id', 'valid_from', 'valid_to'],
      [account],
    );
    await account.add([
      positionRng.uuid(),
      provinceId,
      null,
      'admin',
      'Quản trị hệ thống',
      passwordHash,
      true,
    ]);
    const accountIds = new Map<DemoKey, string>();
    for (const key of Object.keys(demoPhone) as DemoKey[]) {
      const m = demo.get(key)!;
      const id = positionRng.uuid();
      accountIds.set(key, id);
      await account.add([id, provinceId, m.memberId, null, m.fullName, passwordHash, false]);
    }
    await roles.add([
      positionRng.uuid(),
      provinceId,
      accountIds.get('boardOfficer')!,
      'board_officer',
      provinceId,
      maxIso(demo.get('boardOfficer')!.since, '2025-07-15'),
      null,
    ]);
    const followed = followedCells(planned.demoCommune, planned.demoVillage, positionRng);
    for (const cell of followed) {
      await roles.add([
        positionRng.uuid(),
        provinceId,
        accountIds.get('follower')!,
        'follower',
        cell.id,
        maxIso(demo.get('follower')!.since, '2025-09-01'),
        null,
      ]);
    }
    await roles.flush();
    progress('họp…');
    await createDemoMeetings(tx, { today, seed: opts.seed, provinceId, progress });
    // The scorecards and evaluations read back what was just written; on a large load (the seed command)
    // statistics first, or the planner sees empty tables inside this one transaction.
    if (canCopy(tx)) {
      progress('thống kê (ANALYZE)…');
      await tx.query('ANALYZE');
    }
    progress('chấm điểm…');
    await createDemoScores(tx, { today, seed: opts.seed, provinceId, progress });
    progress('đánh giá, xếp loại…');
    await createDemoEvaluations(tx, { today, seed: opts.seed, provinceId });
    return { members: demo.total, accounts: account.count };
  });
  // The data went in by batches, beside the services: compute the read summaries the services keep.
  await rebuildAll(db);

  return {
    organizations: plan.nodes.length,
    members: result.members,
    accounts: result.accounts,
    ms: Math.round(performance.now() - started),
  };
}

/** Three cells of the demo commune for the follower: the demo village and two other non-agency cells. */
function followedCells(commune: OrgNode, village: OrgNode, rng: Random): OrgNode[] {
  const others = commune.cellsBelow.filter(
    (c) => c !== village && c.validTo === null && c.cellType !== 'agency' && cellUnder(c, commune, null),
  );
  const villages = others.filter((c) => c.cellType === 'village_residential');
  const picks = rng.sample(villages.length >= 2 ? villages : others, 2);
  return [village, ...picks];
}

async function writeMembers(tx: Queryable, plan: Plan, ctx: MemberCtx) {
  const { rng, today, provinceId } = ctx;
  const member = new BatchWriter(tx, 'member', [
    'id',
    'province_id',
    'full_name',
    'birth_name',
    'search_name',
    'date_of_birth',
    'gender',
    'ethnicity',
    'religion',
    'hometown',
    'education',
    'political_theory',
    'profession',
    'admission_date',
    'full_membership_date',
    'party_card_number',
    'citizen_id',
    'phone',
    'email',
    'status',
    'lifecycle',
  ]);
  const membership = new BatchWriter(
    tx,
    'membership',
    ['id', 'province_id', 'member_id', 'organization_id', 'kind', 'valid_from', 'valid_to'],
    [member],
  );
  const exemption = new BatchWriter(
    tx,
    'exemption',
    ['id', 'province_id', 'member_id', 'reason', 'valid_from', 'valid_to', 'document_ref'],
    [member],
  );
  const event = new BatchWriter(
    tx,
    'member_event',
    [
      'id',
      'province_id',
      'member_id',
      'kind',
      'event_date',
      'from_organization_id',
      'to_organization_id',
      'other_party',
      'document_ref',
      'note',
    ],
    [member],
  );

  const cells = plan.nodes.filter((n) => isCell(n) && n.size > 0);
  const total = cells.reduce((a, c) => a + c.size, 0);
  const todayDay = isoToDay(today);

  // A few members with a story, chosen as (cell, slot) pairs past the demo slots.
  const specials = new Map<string, Special>();
  const villageCells = cells.filter((c) => c.cellType === 'village_residential');
  const choose = (pool: OrgNode[], kind: Special, count: number) => {
    const weightTotal = pool.reduce((a, c) => a + c.size, 0);
    for (let made = 0, guard = 0; made < count && guard < count * 50; guard++) {
      let x = rng.next() * weightTotal;
      let cellIndex = 0;
      for (; cellIndex < pool.length - 1 && x >= pool[cellIndex]!.size; cellIndex++)
        x -= pool[cellIndex]!.size;
      const cell = pool[cellIndex]!;
      const slot = rng.int(cell.demoSlots.length, cell.size - 1);
      const key = `${cell.id}:${slot}`;
      if (slot < cell.demoSlots.length || specials.has(key)) continue;
      specials.set(key, kind);
      made++;
    }
  };
  choose(villageCells, 'died', Math.max(2, Math.round(total / 600)));
  choose(cells, 'removed', Math.max(1, Math.round(total / 2000)));
  choose(cells, 'out', Math.max(1, Math.round(total / 1500)));
  choose(cells, 'transfer', Math.max(4, Math.round(total / 300)));

  const transferOrigins = cells.filter((c) => c.validTo === null && c.validFrom <= '2023-06-30');
  const currentCells = cells.filter((c) => c.validTo === null);
  const demo = new Map<DemoKey, DemoMember>();

  for (const cell of cells) {
    const type = cell.cellType!;
    for (let slot = 0; slot < cell.size; slot++) {
      const demoKey = cell.demoSlots[slot] ?? null;
      const special = demoKey ? undefined : specials.get(`${cell.id}:${slot}`);
      const id = rng.uuid();

      const gender: vn.Gender = rng.chance(maleShare[type]) ? 'male' : 'female';
      const probationary = demoKey
        ? demoKey === 'probationary'
        : special
          ? false
          : rng.chance(probationaryShare[type]);
      let age: number;
      if (demoKey) age = demoKey === 'probationary' ? rng.int(23, 29) : rng.int(36, 55);
      else if (special === 'died') age = rng.int(72, 92);
      else if (probationary) age = type === 'village_residential' ? rng.int(19, 45) : rng.int(21, 35);
      else age = Math.max(20, drawAge(rng, type));
      const dobDay = todayDay - Math.floor((age + rng.next()) * 365.25);
      const dob = dayToIso(dobDay);
      const birthYear = Number(dob.slice(0, 4));

      const ethnicity = rng.weighted(cell.rural ? vn.ethnicitiesRural : vn.ethnicitiesUrban);
      const fullName = personName(rng, gender, ethnicity);
      const r = rng.next();
      const birthName = r < 0.7 ? null : r < 0.97 ? fullName : personName(rng, gender, ethnicity);
      const religion = rng.weighted(vn.religions);
      const hometown = (() => {
        const x = rng.next();
        if (cell.place && x < 0.65)
          return `${cell.place[0]!.toUpperCase()}${cell.place.slice(1)}, tỉnh ${fixed.provinceShort}`;
        if (x < 0.85) return `Xã ${ctx.nextPlace()}, tỉnh ${fixed.provinceShort}`;
        return `Xã ${ctx.nextPlace()}, tỉnh ${rng.pick(vn.provincesOfVietnam)}`;
      })();
      const bornHere = hometown.endsWith(`tỉnh ${fixed.provinceShort}`);
      const education = (() => {
        switch (type) {
          case 'village_residential':
            return rng.weighted(age >= 60 ? vn.educationOlder : vn.educationRural);
          case 'agency':
          case 'public_service_unit':
          case 'school':
            return rng.weighted(vn.educationProfessional);
          case 'other':
            return rng.weighted(vn.educationRural);
          default:
            return rng.weighted(vn.educationWorkers);
        }
      })();
      const theory = probationary
        ? rng.chance(0.7)
          ? 'Sơ cấp'
          : null
        : rng.weighted(
            type === 'agency' || type === 'public_service_unit' || type === 'school'
              ? vn.politicalTheory.cadre
              : type.endsWith('enterprise')
                ? vn.politicalTheory.enterprise
                : vn.politicalTheory.basic,
          );
      let profession = rng.weighted(cell.professions ?? vn.professionsByCellType[type]);
      if (type === 'village_residential') {
        for (let k = 0; k < 3 && age < 58 && /Hưu|nghỉ hưu|Cựu/.test(profession); k++) {
          profession = rng.weighted(vn.professionsByCellType.village_residential);
        }
        if (age >= 65 && rng.chance(0.6)) profession = 'Hưu trí';
      }

      // Admission: probation within the last year, otherwise years back, mostly in early adulthood.
      let admission: string;
      if (probationary) admission = dayToIso(todayDay - rng.int(14, 360));
      else {
        const minAdmit = isoToDay(addYearsIso(dob, 18));
        const maxAdmit = todayDay - 400;
        const offset = Math.floor((rng.next() * rng.next() * 30 + rng.next() * 6) * 365.25);
        admission = dayToIso(clamp(minAdmit + offset, minAdmit, Math.max(minAdmit, maxAdmit)));
      }
      const fullDate = probationary ? null : addYearsIso(admission, 1);

      const card =
        probationary && rng.chance(0.6)
          ? null
          : uniqueDraw(ctx.cards, () =>
              admission < '2000-01-01'
                ? String(rng.int(10_000_000, 99_999_999))
                : String(rng.int(100_000_000, 999_999_999)),
            );
      const centuryDigit = (birthYear >= 2000 ? 2 : 0) + (gender === 'female' ? 1 : 0);
      const code = bornHere ? localProvinceCode : rng.pick(otherProvinceCodes);
      const citizenId = uniqueDraw(
        ctx.citizenIds,
        () => `${code}${centuryDigit}${dob.slice(2, 4)}${rng.digits(6)}`,
      );
      const phone = demoKey
        ? demoPhone[demoKey]
        : rng.chance(0.96)
          ? uniqueDraw(ctx.phones, () => {
              for (;;) {
                const p = `${rng.pick(phonePrefixes)}${rng.digits(7)}`;
                if (!p.startsWith('0900000')) return p;
              }
            })
          : null;
      let email: string | null = null;
      if (!demoKey && rng.chance(0.3)) {
        const parts = foldVietnamese(fullName)
          .replace(/[^a-z ]/g, '')
          .split(' ');
        const local = `${parts.at(-1)}${parts
          .slice(0, -1)
          .map((p) => p[0] ?? '')
          .join('')}${dob.slice(2, 4)}`;
        const domain = type === 'agency' && rng.chance(0.6) ? 'sonha.gov.vn' : 'gmail.com';
        email = uniqueDraw(
          ctx.emails,
          () => `${local}${ctx.emails.has(`${local}@${domain}`) ? rng.int(1, 999) : ''}@${domain}`,
        );
      }

      // Where the member attends, and the story around it.
      const cellFrom = cell.validFrom;
      let base = admission;
      if (!probationary && !demoKey && !special && rng.chance(0.3)) {
        const lo = maxIso(admission, cellFrom);
        const hi = dayToIso(todayDay - 120);
        if (lo < hi) base = rng.date(lo, hi);
      }
      const stints: Array<{ org: OrgNode; from: string; to: string | null }> = [];
      let lifecycle: 'active' | 'died' | 'removed' | 'transferred_out' = 'active';
      const docIssuer = (org: OrgNode, date: string) => (date >= reformDate ? 'ĐU' : org.oldIssuer);
      const laterEvents: unknown[][] = [];

      let transferred = false;
      if (special === 'transfer') {
        const origin = rng.pick(transferOrigins);
        if (origin !== cell) {
          const s = maxIso(admission, origin.validFrom);
          const lo = maxIso('2024-01-01', addDaysIso(s, 60), cellFrom);
          const hi = dayToIso(todayDay - 10);
          if (lo < hi) {
            const d = rng.date(lo, hi);
            stints.push({ org: origin, from: s, to: d }, { org: cell, from: d, to: null });
            const ref = docRef(rng, 'GGT', origin.kind === 'cell' ? 'ĐU' : 'ĐUK');
            laterEvents.push(
              [
                rng.uuid(),
                provinceId,
                id,
                'transferred_out',
                d,
                origin.id,
                cell.id,
                null,
                ref,
                'Chuyển sinh hoạt đảng chính thức',
              ],
              [
                rng.uuid(),
                provinceId,
                id,
                'transferred_in',
                d,
                origin.id,
                cell.id,
                null,
                ref,
                'Tiếp nhận sinh hoạt đảng chính thức',
              ],
            );
            transferred = true;
          }
        }
      }
      if (!transferred) {
        if (cell.predecessors.length > 0 && base < cellFrom) {
          const pred = rng.pick(cell.predecessors);
          stints.push(
            { org: pred, from: maxIso(base, pred.validFrom), to: cellFrom },
            { org: cell, from: cellFrom, to: null },
          );
        } else {
          stints.push({ org: cell, from: maxIso(base, cellFrom), to: null });
        }
      }
      const last = stints.at(-1)!;
      if (special === 'died' || special === 'removed' || special === 'out') {
        const lo = maxIso('2024-01-01', addDaysIso(last.from, 30));
        const hi = dayToIso(todayDay - 5);
        if (lo < hi) {
          const d = rng.date(lo, hi);
          last.to = d;
          if (special === 'died') {
            lifecycle = 'died';
            laterEvents.push([rng.uuid(), provinceId, id, 'died', d, cell.id, null, null, null, 'Từ trần']);
          } else if (special === 'removed') {
            lifecycle = 'removed';
            laterEvents.push([
              rng.uuid(),
              provinceId,
              id,
              'removed',
              d,
              cell.id,
              null,
              null,
              docRef(rng, 'QĐ', 'ĐU'),
              'Xóa tên khỏi danh sách đảng viên: bỏ sinh hoạt đảng ba tháng liền không có lý do',
            ]);
          } else {
            lifecycle = 'transferred_out';
            const dest = rng.pick(vn.provincesOfVietnam.filter((p) => p !== 'Hà Nội'));
            laterEvents.push([
              rng.uuid(),
              provinceId,
              id,
              'transferred_out',
              d,
              cell.id,
              null,
              `Đảng bộ tỉnh ${dest}`,
              docRef(rng, 'GGT', 'TU'),
              'Chuyển sinh hoạt đảng ra ngoài tỉnh',
            ]);
          }
        }
      }

      await member.add([
        id,
        provinceId,
        fullName,
        birthName,
        foldVietnamese(fullName),
        dob,
        gender,
        ethnicity,
        religion,
        hometown,
        education,
        theory,
        profession,
        admission,
        fullDate,
        card,
        citizenId,
        phone,
        email,
        probationary ? 'probationary' : 'full',
        lifecycle,
      ]);
      for (const s of stints) {
        await membership.add([rng.uuid(), provinceId, id, s.org.id, 'official', s.from, s.to]);
      }
      const first = stints[0]!;
      await event.add([
        rng.uuid(),
        provinceId,
        id,
        'admitted',
        admission,
        null,
        first.from === admission ? first.org.id : null,
        null,
        docRef(rng, 'QĐ', docIssuer(first.org, admission)),
        null,
      ]);
      if (fullDate) {
        await event.add([
          rng.uuid(),
          provinceId,
          id,
          'made_full',
          fullDate,
          null,
          null,
          null,
          docRef(rng, 'QĐ', docIssuer(first.org, fullDate)),
          null,
        ]);
      }
      for (const e of laterEvents) await event.add(e);

      // Exemption (miễn sinh hoạt), mostly the elderly of residential cells.
      let exempt = false;
      if (!probationary && !demoKey && !special && fullDate) {
        const p =
          type === 'village_residential'
            ? age >= 75
              ? 0.25
              : age >= 65
                ? 0.06
                : 0.025
            : age >= 50
              ? 0.01
              : 0.004;
        if (rng.chance(p)) {
          const reason =
            age >= 70
              ? vn.exemptionReasons.old
              : type === 'village_residential' && age < 55 && rng.chance(0.5)
                ? vn.exemptionReasons.away
                : vn.exemptionReasons.ill;
          const lo = maxIso(last.from, fullDate, dayToIso(todayDay - 6 * 365));
          const hi = dayToIso(todayDay - 20);
          if (lo < hi) {
            exempt = true;
            await exemption.add([
              rng.uuid(),
              provinceId,
              id,
              reason,
              rng.date(lo, hi),
              null,
              docRef(rng, 'NQ', 'CB'),
            ]);
          }
        }
      }

      // Sinh hoạt tạm thời in another cell.
      if (lifecycle === 'active' && !demoKey && !special && !exempt && rng.chance(0.02)) {
        const host = rng.pick(currentCells);
        if (host !== cell) {
          const lo = maxIso(last.from, host.validFrom, dayToIso(todayDay - 700));
          const hi = dayToIso(todayDay - 15);
          if (lo < hi)
            await membership.add([rng.uuid(), provinceId, id, host.id, 'temporary', rng.date(lo, hi), null]);
        }
      }

      if (lifecycle === 'active' && !probationary && !exempt && fullDate) {
        if (demoKey) {
          demo.set(demoKey, { memberId: id, fullName, since: last.from, fullDate, cell });
        } else {
          for (const s of stints) {
            addCandidate(
              s.org,
              { memberId: id, since: s.from, until: s.to, fullDate, birthYear, cellType: type },
              rng,
            );
          }
        }
      } else if (demoKey) {
        demo.set(demoKey, { memberId: id, fullName, since: last.from, fullDate, cell });
      }
    }
  }
  await member.flush();
  await membership.flush();
  await exemption.flush();
  await event.flush();
  return Object.assign(demo, { total: member.count });
}

// ---------------------------------------------------------------------------------------------------------
// Committees and positions

type Counts = Partial<Record<PositionKind, number>>;

interface TermSpec {
  label: string;
  start: string;
  end: string | null;
  withCommittee: boolean;
  counts: Counts;
  forced?: Array<{ kind: PositionKind; member: DemoMember }>;
  preferAgency?: boolean;
}

const positionOrder: PositionKind[] = [
  'secretary',
  'deputy_secretary',
  'standing_member',
  'committee_member',
  'group_leader',
  'group_deputy',
];

async function writeCommittees(
  tx: Queryable,
  planned: ReturnType<typeof planOrganizations>,
  demo: Map<DemoKey, DemoMember>,
  rng: Random,
  provinceId: string,
  today: string,
) {
  const committee = new BatchWriter(tx, 'committee', [
    'id',
    'province_id',
    'organization_id',
    'term_label',
    'term_start',
    'term_end',
  ]);
  const position = new BatchWriter(
    tx,
    'position',
    ['id', 'province_id', 'organization_id', 'committee_id', 'member_id', 'kind', 'valid_from', 'valid_to'],
    [committee],
  );
  const { plan, province, bloc, district, demoCommune, demoVillage, blocPlan } = planned;
  const demoIds = new Set([...demo.values()].map((d) => d.memberId));

  const poolFor = (org: OrgNode, start: string, end: string | null): Candidate[] => {
    const cells = isCell(org) ? [org] : org.cellsBelow;
    const out: Candidate[] = [];
    for (const cell of cells) {
      if (!isCell(org) && !cellUnder(cell, org, end === null ? null : start)) continue;
      for (const c of cell.pool) {
        if (
          end === null
            ? c.until === null
            : c.since <= start && c.fullDate <= start && (c.until === null || c.until >= end)
        ) {
          if (!demoIds.has(c.memberId)) out.push(c);
        }
      }
    }
    return out;
  };

  const term = async (org: OrgNode, spec: TermSpec, pool: Candidate[]) => {
    const committeeId = spec.withCommittee ? rng.uuid() : null;
    if (committeeId) await committee.add([committeeId, provinceId, org.id, spec.label, spec.start, spec.end]);
    const startYear = Number(spec.start.slice(0, 4));
    const scored = pool.map((c) => {
      const ageThen = startYear - c.birthYear;
      let score = rng.next();
      if (spec.preferAgency && c.cellType === 'agency') score += 1;
      if (ageThen >= 38 && ageThen <= 58) score += 0.6;
      else if (ageThen > 68) score -= 0.5;
      return { c, score };
    });
    scored.sort((a, b) => b.score - a.score);
    const used = new Set<string>();
    let next = 0;
    const take = (): { memberId: string; since: string; fullDate: string } | null => {
      while (next < scored.length) {
        const c = scored[next++]!.c;
        if (!used.has(c.memberId)) {
          used.add(c.memberId);
          return c;
        }
      }
      return null;
    };
    for (const kind of positionOrder) {
      const forced = (spec.forced ?? []).filter((f) => f.kind === kind);
      const wanted = Math.max(spec.counts[kind] ?? 0, forced.length);
      for (let k = 0; k < wanted; k++) {
        const holder = k < forced.length ? forced[k]!.member : take();
        if (!holder) break;
        const from = maxIso(spec.start, holder.since, holder.fullDate);
        if (spec.end !== null && from >= spec.end) continue;
        if (from > today) continue;
        await position.add([
          rng.uuid(),
          provinceId,
          org.id,
          committeeId,
          holder.memberId,
          kind,
          from,
          spec.end,
        ]);
      }
    }
  };

  const subtreeSize = (org: OrgNode) =>
    org.cellsBelow.filter((c) => cellUnder(c, org, null)).reduce((a, c) => a + c.size, 0);
  const upper = (total: number, deputies: number, standing: number): Counts => ({
    secretary: 1,
    deputy_secretary: deputies,
    standing_member: standing,
    committee_member: Math.max(0, total - 1 - deputies - standing),
  });

  // Province and bloc: Ban Chấp hành with Ban Thường vụ; the previous term closed when the new one began.
  const provinceTotal = clamp(Math.round(subtreeSize(province) / 60), 15, 55);
  const provinceCounts = upper(
    provinceTotal,
    provinceTotal >= 25 ? 3 : 2,
    Math.max(3, Math.round(provinceTotal * 0.25) - 4),
  );
  const provinceNew = '2025-10-16';
  await term(
    province,
    {
      label: '2020–2025',
      start: '2020-10-15',
      end: provinceNew,
      withCommittee: true,
      counts: provinceCounts,
      preferAgency: true,
    },
    poolFor(province, '2020-10-15', provinceNew),
  );
  await term(
    province,
    {
      label: '2025–2030',
      start: provinceNew,
      end: null,
      withCommittee: true,
      counts: provinceCounts,
      preferAgency: true,
    },
    poolFor(province, provinceNew, null),
  );
  const blocTotal = clamp(Math.round(subtreeSize(bloc) / 40), 9, 35);
  const blocCounts = upper(blocTotal, 2, Math.max(2, Math.round(blocTotal * 0.3) - 3));
  const blocNew = '2025-08-12';
  await term(
    bloc,
    {
      label: '2020–2025',
      start: '2020-07-22',
      end: blocNew,
      withCommittee: true,
      counts: blocCounts,
      preferAgency: true,
    },
    poolFor(bloc, '2020-07-22', blocNew),
  );
  await term(
    bloc,
    {
      label: '2025–2030',
      start: blocNew,
      end: null,
      withCommittee: true,
      counts: blocCounts,
      preferAgency: true,
    },
    poolFor(bloc, blocNew, null),
  );

  // The dissolved district: its last term ended with it.
  const districtStart = '2020-08-05';
  const districtPool = poolFor(district, districtStart, reformDate);
  await term(
    district,
    {
      label: '2020–2025',
      start: districtStart,
      end: reformDate,
      withCommittee: true,
      counts: upper(clamp(Math.round(districtPool.length / 4), 7, 33), 2, 0),
      preferAgency: true,
    },
    districtPool,
  );

  // Đảng bộ cơ sở and đảng bộ bộ phận.
  for (const org of plan.nodes) {
    if (org.kind !== 'grassroots_committee' && org.kind !== 'subcommittee') continue;
    const sub = org.kind === 'subcommittee';
    const isCommune = org.parents.some((p) => p.parent === province || p.parent === district);
    const size =
      org.validTo === null ? subtreeSize(org) : org.cellsBelow.reduce((a, c) => a + Math.max(c.size, 8), 0);
    const total = sub ? clamp(Math.round(size / 20), 3, 5) : clamp(Math.round(size / 25), 5, 15);
    const counts: Counts = {
      secretary: 1,
      deputy_secretary: total >= 11 ? 2 : 1,
      committee_member: total - 1 - (total >= 11 ? 2 : 1),
    };
    if (org.validTo !== null) {
      // An old commune merged away: its 2020–2025 committee ended on the reform day.
      const start = termDay(rng, '2020-05-20', '2020-07-10');
      await term(
        org,
        { label: '2020–2025', start, end: org.validTo, withCommittee: true, counts, preferAgency: true },
        poolFor(org, start, org.validTo),
      );
      continue;
    }
    const forced: TermSpec['forced'] = [];
    if (org === demoCommune) {
      forced.push({ kind: 'secretary', member: demo.get('communeSecretary')! });
      forced.push({ kind: 'committee_member', member: demo.get('follower')! });
    }
    const start = !isCommune
      ? termDay(rng, '2025-04-05', '2025-06-20')
      : org.validFrom === reformDate
        ? reformDate
        : termDay(rng, '2025-08-05', '2025-09-10');
    if (isCommune && org.validFrom < '2020-01-01' && org.parents.length > 1) {
      const prevStart = termDay(rng, '2020-05-20', '2020-07-10');
      await term(
        org,
        { label: '2020–2025', start: prevStart, end: start, withCommittee: true, counts, preferAgency: true },
        poolFor(org, prevStart, start),
      );
    }
    await term(
      org,
      { label: '2025–2030', start, end: null, withCommittee: true, counts, forced, preferAgency: isCommune },
      poolFor(org, start, null),
    );
  }

  // Cells: a secretary, a deputy from ten members, a chi ủy from thirty.
  for (const cell of plan.nodes) {
    if (!isCell(cell) || cell.validTo !== null || cell.size === 0) continue;
    const grassroots = cell.kind === 'grassroots_cell';
    const start = maxIso(termDay(rng, '2025-03-01', '2025-05-31'), cell.validFrom);
    const withCommittee = cell.size >= 30;
    const chiUy = cell.size >= 60 ? 5 : 3;
    const counts: Counts = {
      secretary: 1,
      deputy_secretary: cell.size >= 10 ? 1 : 0,
      committee_member: withCommittee ? chiUy - 2 : 0,
    };
    const forced: TermSpec['forced'] = [];
    if (cell === demoVillage) forced.push({ kind: 'secretary', member: demo.get('cellSecretary')! });
    if (cell === blocPlan.financeOffice)
      forced.push({ kind: 'deputy_secretary', member: demo.get('deputySecretary')! });
    await term(
      cell,
      { label: grassroots ? '2025–2030' : '2025–2027', start, end: null, withCommittee, counts, forced },
      poolFor(cell, start, null),
    );
  }

  // Party groups: a leader and a deputy from the cell's members.
  for (const group of plan.nodes) {
    if (group.kind !== 'party_group') continue;
    const host = group.parents[0]!.parent;
    const pool = host.pool.filter((c) => c.until === null && !demoIds.has(c.memberId));
    const picked = rng.sample(pool, 2);
    for (const [k, c] of picked.entries()) {
      await position.add([
        rng.uuid(),
        provinceId,
        group.id,
        null,
        c.memberId,
        k === 0 ? 'group_leader' : 'group_deputy',
        maxIso(group.validFrom, c.since, c.fullDate, '2025-06-01'),
        null,
      ]);
    }
  }
  await committee.flush();
  await position.flush();
}

/**
 * Splits the members of cells with party groups among those groups: leaders and deputies in the group they
 * lead, everyone else round-robin. Ids derive from (member, group), so the result stays deterministic.
 */
async function writePartyGroupMemberships(tx: Queryable) {
  // A version-4 shaped uuid from an md5 (version digit 4, variant 8), so the ids pass uuid validation.
  const uuidOf = (text: string) =>
    `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;
  await tx.query(
    // A member may lead one group and be deputy of another; they belong to one group: the one they lead.
    `INSERT INTO membership (id, province_id, member_id, organization_id, kind, valid_from)
     SELECT DISTINCT ON (p.member_id) ${uuidOf('p.member_id::text || p.organization_id::text')}, p.province_id,
            p.member_id, p.organization_id, 'party_group', p.valid_from
       FROM position p JOIN organization o ON o.id = p.organization_id
      WHERE o.kind = 'party_group' AND p.valid_to IS NULL
      ORDER BY p.member_id, (p.kind = 'group_leader') DESC, p.valid_from, p.organization_id`,
  );
  await tx.query(
    `WITH groups AS (
       SELECT p.organization_id AS group_id, p.parent_id AS cell_id, o.province_id, o.valid_from,
              row_number() OVER (PARTITION BY p.parent_id ORDER BY p.name) - 1 AS idx,
              count(*) OVER (PARTITION BY p.parent_id) AS n
         FROM organization_period p JOIN organization o ON o.id = p.organization_id
        WHERE o.kind = 'party_group' AND p.valid_to IS NULL),
     members AS (
       SELECT ms.member_id, ms.organization_id AS cell_id, ms.valid_from,
              row_number() OVER (PARTITION BY ms.organization_id ORDER BY ms.member_id) - 1 AS rn
         FROM membership ms
        WHERE ms.kind = 'official' AND ms.valid_to IS NULL AND ms.organization_id IN (SELECT cell_id FROM groups)
          AND NOT EXISTS (SELECT 1 FROM membership x WHERE x.member_id = ms.member_id AND x.kind = 'party_group'))
     INSERT INTO membership (id, province_id, member_id, organization_id, kind, valid_from)
     SELECT ${uuidOf('m.member_id::text || g.group_id::text')}, g.province_id, m.member_id, g.group_id, 'party_group',
            greatest(m.valid_from, g.valid_from)
       FROM members m JOIN groups g ON g.cell_id = m.cell_id AND g.idx = m.rn % g.n`,
  );
}

function termDay(rng: Random, from: string, to: string): string {
  return rng.date(from, to);
}
