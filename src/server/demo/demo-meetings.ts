// Two years of meeting history for the demo province: every cell's monthly regular meetings (some combined
// with the quarter's thematic one, others with a separate thematic meeting), attendance, contributions, the
// resolution vote, the numbered decision and its tasks, thematic topics and annual work programmes, plus one
// upcoming meeting for the demo cell secretary. Deliberate lapses (a skipped month, a wrong day, a late
// notice, a short meeting, late minutes) give the compliance pages something to find.
//
// Reads the organisations, memberships, exemptions and positions already written, builds every row in memory
// and writes each table with a few `INSERT … SELECT FROM unnest(…)` statements. Same seed and data, same rows.

import { addDays, formatDateVi } from '../../domain/dates.ts';
import {
  builtInRuleSets,
  governingRuleSet,
  movedDateReason,
  plannedRegularMeetingDate,
  type RuleSet,
  type RuleSetAssignment,
} from '../../domain/meeting-rules.ts';
import { type AgendaItemKey, agendaTemplate } from '../../domain/meeting-agenda.ts';
import {
  type AttendanceEntry,
  type AttendanceStatus,
  summarizeAttendance,
  voteResult,
} from '../../domain/meeting-attendance.ts';
import {
  type DecisionType,
  formatDecisionNumber,
  issuerAbbreviation,
  numberingPeriodKey,
} from '../../domain/decision-numbers.ts';
import type { MeetingKind } from '../../domain/meetings.ts';
import { dayOffName, isDayOff } from '../../domain/vietnam-calendar.ts';
import { storedText, viText } from '../../domain/messages.ts';
import { votingRulesInForce } from '../../domain/voting-rules.ts';
import type { Tx } from '../platform/db.ts';
import { dayToIso, isoToDay, Random, type WeightedTable, weightedTable } from './random.ts';
import { canCopy, copyColumns } from './bulk-copy.ts';
import { type PreparedMeeting, writeDemoMaterials } from './demo-materials.ts';
import * as vn from './vietnamese-names.ts';

/** The 2021 local rule the demo province applied before Chỉ thị 50-CT/TW (no national rule set existed then). */
export const demoLocalRuleSetId = 'quang-binh-03-nq-duk-2021';
export const demoLocalRuleFrom = '2021-10-14';

/** Phone number of the demo cell secretary, whose cell gets an upcoming (notified) meeting. */
const demoSecretaryPhone = '0900000002';

// ---------------------------------------------------------------------------------------------------------
// Writing: column-wise rows, one INSERT … SELECT FROM unnest per chunk

class Table {
  private readonly names: string[];
  private readonly types: string[];
  private readonly data: unknown[][];
  rows = 0;
  written = 0;

  /**
   * `fixed` columns have one value for every row (the province key of tables whose rows do not name it, which
   * the schema's trigger would fill were triggers not skipped while writing; see writeAll).
   */
  constructor(
    readonly name: string,
    columns: ReadonlyArray<readonly [string, string]>,
    private readonly fixed: ReadonlyArray<readonly [string, string, unknown]> = [],
  ) {
    this.names = columns.map((c) => c[0]);
    this.types = columns.map((c) => c[1]);
    this.data = columns.map(() => []);
  }

  add(values: unknown[]): void {
    if (values.length !== this.names.length) {
      throw new Error(`${this.name}: ${values.length} values for ${this.names.length} columns`);
    }
    for (let i = 0; i < values.length; i++) this.data[i]!.push(values[i] ?? null);
    this.rows++;
  }

  /** Writes the rows held so far and forgets them. Instants (timestamptz) come as epoch milliseconds. */
  async write(tx: Tx, chunk = 20_000): Promise<void> {
    if (canCopy(tx)) {
      // The fixed columns (the province key) are written like the others, one value repeated per row.
      await copyColumns(
        tx,
        this.name,
        [
          ...this.names.map((n, i) => [n, this.types[i]!] as const),
          ...this.fixed.map(([n, type]) => [n, type] as const),
        ],
        [...this.data, ...this.fixed.map(([, , value]) => Array<unknown>(this.rows).fill(value))],
        this.rows,
      );
      this.written += this.rows;
      this.rows = 0;
      for (const col of this.data) col.length = 0;
      return;
    }
    const casts = this.types.map((t, i) => `$${i + 1}::${t === 'timestamptz' ? 'float8' : t}[]`).join(',');
    const aliases = this.names.map((_, i) => `c${i}`);
    const exprs = this.types.map((t, i) => (t === 'timestamptz' ? `to_timestamp(c${i} / 1000)` : `c${i}`));
    const n = this.names.length;
    const fixedExprs = this.fixed.map(([, type], j) => `$${n + j + 1}::${type}`);
    const sql =
      `INSERT INTO ${this.name} (${[...this.names, ...this.fixed.map((f) => f[0])].join(',')}) ` +
      `SELECT ${[...exprs, ...fixedExprs].join(',')} FROM unnest(${casts}) AS u(${aliases.join(',')})`;
    for (let from = 0; from < this.rows; from += chunk) {
      await tx.query(sql, [
        ...this.data.map((col) => col.slice(from, from + chunk)),
        ...this.fixed.map((f) => f[2]),
      ]);
    }
    this.written += this.rows;
    this.rows = 0;
    for (const col of this.data) col.length = 0;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Dates and times

function monthAdd(month: string, k: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + k;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, '0')}`;
}

/** '2026-03' → '3/2026' */
const monthShort = (month: string) => `${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;

/** The ISO instant of a Vietnam (UTC+7) wall-clock time, `minutes` after midnight of `date`. */
// Instants are epoch milliseconds until written (cheaper than ISO strings for 100,000s of rows).
const vietnamOffsetMs = 7 * 3_600_000;

/** The instant of a Vietnam (UTC+7) wall-clock time, `minutes` after midnight of `date`. */
function vnAt(date: string, minutes: number): number {
  return isoToDay(date) * 86_400_000 - vietnamOffsetMs + Math.round(minutes) * 60_000;
}

function addMinutes(instant: number, minutes: number): number {
  return instant + Math.round(minutes) * 60_000;
}

/** The Vietnam calendar date of an instant. */
function vnDay(instant: number): string {
  return dayToIso(Math.floor((instant + vietnamOffsetMs) / 86_400_000));
}

/** '19 giờ 30 phút' */
function clockVi(minutes: number): string {
  const h = Math.floor(minutes / 60) % 24;
  const m = Math.round(minutes % 60);
  return `${h} giờ ${String(m).padStart(2, '0')} phút`;
}

function workingDayOnOrBefore(date: string): string {
  let d = date;
  while (isDayOff(d)) d = addDays(d, -1);
  return d;
}

function workingDaysIn(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (!isDayOff(d)) out.push(d);
  return out;
}

const covers = (from: string, to: string | null, date: string) => from <= date && (to === null || date < to);

// ---------------------------------------------------------------------------------------------------------
// What the demo already holds

interface Stint {
  memberId: string;
  kind: 'official' | 'temporary';
  from: string;
  to: string | null;
}

interface Span {
  from: string;
  to: string | null;
}

interface MemberInfo {
  name: string;
  fullDate: string | null;
  exemptions: Span[];
  /** temporary memberships, by host cell */
  temporary: Array<Span & { organizationId: string }>;
}

type TextGroup = 'village' | 'agency' | 'enterprise' | 'school' | 'armed';

interface CellInfo {
  id: string;
  kind: string;
  cellType: string | null;
  name: string;
  parentName: string | null;
  from: string;
  to: string | null;
  stints: Stint[];
  secretaries: Array<Span & { memberId: string }>;
  deputies: Array<Span & { memberId: string }>;
  terms: Span[];
  groups: Array<Span & { id: string }>;
}

async function loadCells(tx: Tx, provinceId: string) {
  const cells = await tx.query<{
    id: string;
    kind: string;
    cell_type: string | null;
    valid_from: string;
    valid_to: string | null;
    name: string;
    parent_name: string | null;
  }>(
    `SELECT o.id, o.kind, o.cell_type, o.valid_from, o.valid_to, p.name,
            (SELECT pp.name FROM organization_period pp WHERE pp.organization_id = p.parent_id
              ORDER BY pp.valid_from DESC LIMIT 1) AS parent_name
       FROM organization o
       JOIN LATERAL (SELECT name, parent_id FROM organization_period x WHERE x.organization_id = o.id
                      ORDER BY x.valid_from DESC LIMIT 1) p ON true
      WHERE o.province_id = $1 AND o.kind IN ('cell', 'grassroots_cell')
      ORDER BY o.id`,
    [provinceId],
  );
  const byId = new Map<string, CellInfo>();
  for (const c of cells) {
    byId.set(c.id, {
      id: c.id,
      kind: c.kind,
      cellType: c.cell_type,
      name: c.name,
      parentName: c.parent_name,
      from: c.valid_from,
      to: c.valid_to,
      stints: [],
      secretaries: [],
      deputies: [],
      terms: [],
      groups: [],
    });
  }

  const members = new Map<string, MemberInfo>();
  for (const m of await tx.query<{ id: string; full_name: string; full_membership_date: string | null }>(
    'SELECT id, full_name, full_membership_date FROM member WHERE province_id = $1 ORDER BY id',
    [provinceId],
  )) {
    members.set(m.id, { name: m.full_name, fullDate: m.full_membership_date, exemptions: [], temporary: [] });
  }
  for (const e of await tx.query<{ member_id: string; valid_from: string; valid_to: string | null }>(
    'SELECT member_id, valid_from, valid_to FROM exemption WHERE province_id = $1 ORDER BY id',
    [provinceId],
  )) {
    members.get(e.member_id)?.exemptions.push({ from: e.valid_from, to: e.valid_to });
  }
  for (const s of await tx.query<{
    member_id: string;
    organization_id: string;
    kind: 'official' | 'temporary';
    valid_from: string;
    valid_to: string | null;
  }>(
    `SELECT member_id, organization_id, kind, valid_from, valid_to FROM membership
      WHERE province_id = $1 AND kind IN ('official', 'temporary') ORDER BY member_id, valid_from, id`,
    [provinceId],
  )) {
    const cell = byId.get(s.organization_id);
    if (!cell || !members.has(s.member_id)) continue;
    cell.stints.push({ memberId: s.member_id, kind: s.kind, from: s.valid_from, to: s.valid_to });
    if (s.kind === 'temporary') {
      members
        .get(s.member_id)!
        .temporary.push({ organizationId: s.organization_id, from: s.valid_from, to: s.valid_to });
    }
  }
  for (const p of await tx.query<{
    organization_id: string;
    member_id: string;
    kind: string;
    valid_from: string;
    valid_to: string | null;
  }>(
    `SELECT organization_id, member_id, kind, valid_from, valid_to FROM position
      WHERE province_id = $1 AND kind IN ('secretary', 'deputy_secretary') ORDER BY id`,
    [provinceId],
  )) {
    const cell = byId.get(p.organization_id);
    if (!cell) continue;
    const list = p.kind === 'secretary' ? cell.secretaries : cell.deputies;
    list.push({ memberId: p.member_id, from: p.valid_from, to: p.valid_to });
  }
  for (const c of await tx.query<{ organization_id: string; term_start: string; term_end: string | null }>(
    'SELECT organization_id, term_start, term_end FROM committee WHERE province_id = $1 ORDER BY term_start, id',
    [provinceId],
  )) {
    byId.get(c.organization_id)?.terms.push({ from: c.term_start, to: c.term_end });
  }
  for (const g of await tx.query<{
    id: string;
    parent_id: string;
    valid_from: string;
    valid_to: string | null;
  }>(
    `SELECT o.id, p.parent_id, p.valid_from, p.valid_to FROM organization o
       JOIN organization_period p ON p.organization_id = o.id
      WHERE o.province_id = $1 AND o.kind = 'party_group' ORDER BY o.id, p.valid_from`,
    [provinceId],
  )) {
    byId.get(g.parent_id)?.groups.push({ id: g.id, from: g.valid_from, to: g.valid_to });
  }
  return { cells: [...byId.values()], members };
}

function textGroup(cellType: string | null): TextGroup {
  switch (cellType) {
    case 'village_residential':
      return 'village';
    case 'state_enterprise':
    case 'private_enterprise':
    case 'foreign_invested_enterprise':
      return 'enterprise';
    case 'school':
      return 'school';
    case 'armed_forces':
      return 'armed';
    default:
      return 'agency';
  }
}

function locationOf(cell: CellInfo): string {
  const unit = cell.name.replace(/^Chi bộ\s+/, '').replace(/^Cơ quan\s+/, '');
  if (cell.cellType === 'village_residential') return `Nhà văn hóa ${unit}`;
  if (/^Quân sự/.test(unit)) return `Hội trường Ban Chỉ huy ${unit}`;
  if (/^(Bộ phận|Phòng|Khoa|Tổ|Ban|Sinh viên|Văn phòng)/.test(unit) && cell.parentName) {
    const parent = cell.parentName.replace(/^Đảng bộ\s+/, '');
    return `Phòng họp ${unit}, ${parent}`;
  }
  return `Hội trường ${unit}`;
}

// ---------------------------------------------------------------------------------------------------------
// Vietnamese text

const absenceReasons: Record<TextGroup, WeightedTable<string>> = {
  village: weightedTable([
    ['Đi làm ăn xa', 30],
    ['Ốm', 25],
    ['Việc gia đình', 30],
    ['Đi viện chăm người nhà', 10],
    ['Đi công tác', 5],
  ]),
  agency: weightedTable([
    ['Đi công tác', 45],
    ['Ốm', 20],
    ['Việc gia đình', 20],
    ['Đi học tập trung', 10],
    ['Nghỉ phép', 5],
  ]),
  enterprise: weightedTable([
    ['Trực ca sản xuất', 35],
    ['Đi công tác', 25],
    ['Ốm', 20],
    ['Việc gia đình', 20],
  ]),
  school: weightedTable([
    ['Đi công tác', 25],
    ['Ốm', 25],
    ['Việc gia đình', 25],
    ['Coi thi, chấm thi', 15],
    ['Đi học tập trung', 10],
  ]),
  armed: weightedTable([
    ['Làm nhiệm vụ trực', 45],
    ['Đi công tác', 30],
    ['Ốm', 10],
    ['Việc gia đình', 15],
  ]),
};

const taskPool: Record<TextGroup, ReadonlyArray<readonly [string, string]>> = {
  village: [
    [
      'Vận động nhân dân ra quân tổng vệ sinh đường làng, ngõ xóm',
      'Đường làng, ngõ xóm sạch sẽ; 100% hộ tham gia',
    ],
    [
      'Đôn đốc thu quỹ an sinh xã hội và đóng góp xây dựng nông thôn mới',
      'Thu đạt trên 90% kế hoạch của thôn',
    ],
    ['Nắm tình hình tư tưởng, đời sống nhân dân ở các xóm', 'Báo cáo chi bộ các vấn đề nổi lên'],
    [
      'Phối hợp Ban công tác Mặt trận tổ chức thăm hỏi hộ nghèo, gia đình chính sách',
      'Thăm hỏi đủ các hộ theo danh sách',
    ],
    ['Hướng dẫn bà con chuyển đổi cơ cấu cây trồng vụ tới', 'Tổ chức ít nhất một buổi phổ biến kỹ thuật'],
    ['Rà soát, giới thiệu quần chúng ưu tú học lớp nhận thức về Đảng', 'Có danh sách đề nghị gửi Đảng ủy xã'],
    [
      'Tuyên truyền phòng, chống cháy nổ và an toàn giao thông',
      'Phát thanh ít nhất 2 lần/tuần trên loa truyền thanh thôn',
    ],
    ['Vận động nhân dân cài đặt và sử dụng dịch vụ công trực tuyến', 'Thêm ít nhất 30 hộ sử dụng'],
    ['Kiểm tra việc giữ gìn an ninh trật tự, hòa giải mâu thuẫn ở cơ sở', 'Không để xảy ra vụ việc phức tạp'],
    ['Thu đảng phí và nộp về Đảng ủy xã đúng hạn', 'Thu đủ 100% đảng viên'],
  ],
  agency: [
    ['Hoàn thành báo cáo chuyên môn tháng gửi cấp trên đúng hạn', 'Báo cáo gửi trước ngày 25'],
    ['Đẩy mạnh giải quyết hồ sơ trực tuyến, không để hồ sơ quá hạn', 'Tỷ lệ hồ sơ đúng hạn đạt 100%'],
    ['Rà soát, tham mưu sửa đổi quy chế làm việc của cơ quan', 'Dự thảo quy chế trình lãnh đạo'],
    ['Triển khai chuyển đổi số, số hóa hồ sơ lưu trữ', 'Số hóa xong hồ sơ năm trước'],
    ['Thực hiện nghiêm kỷ luật, kỷ cương hành chính, giờ giấc làm việc', 'Không có cán bộ vi phạm'],
    ['Tổ chức cho đảng viên nghiên cứu, quán triệt văn bản mới của cấp trên', 'Đảng viên viết thu hoạch'],
    ['Phối hợp Công đoàn tổ chức phong trào thi đua của cơ quan', 'Có kế hoạch và danh sách đăng ký thi đua'],
    ['Thực hành tiết kiệm, chống lãng phí trong sử dụng kinh phí', 'Chi thường xuyên trong dự toán'],
    ['Thu đảng phí và nộp cấp trên đúng hạn', 'Thu đủ 100% đảng viên'],
  ],
  enterprise: [
    ['Lãnh đạo hoàn thành kế hoạch sản xuất, kinh doanh tháng', 'Đạt và vượt kế hoạch sản lượng'],
    ['Kiểm tra an toàn lao động, phòng cháy chữa cháy tại phân xưởng', 'Không để xảy ra tai nạn lao động'],
    ['Nắm tình hình tư tưởng, việc làm, thu nhập của người lao động', 'Báo cáo chi bộ và Công đoàn'],
    ['Phát hiện, bồi dưỡng công nhân ưu tú để giới thiệu kết nạp Đảng', 'Giới thiệu ít nhất 1 quần chúng'],
    ['Phát động phong trào sáng kiến, cải tiến kỹ thuật', 'Có sáng kiến đăng ký mới'],
    ['Phối hợp Công đoàn chăm lo đời sống, bữa ăn ca cho người lao động', 'Không có khiếu nại về chế độ'],
    ['Thu đảng phí và nộp cấp trên đúng hạn', 'Thu đủ 100% đảng viên'],
  ],
  school: [
    ['Lãnh đạo nâng cao chất lượng dạy và học, phụ đạo học sinh yếu', 'Có danh sách và lịch phụ đạo'],
    ['Tổ chức thao giảng, dự giờ theo kế hoạch của tổ chuyên môn', 'Mỗi đảng viên dự ít nhất 2 tiết'],
    ['Chuẩn bị các điều kiện cho kỳ kiểm tra, thi sắp tới', 'Đề và lịch kiểm tra hoàn thành đúng hạn'],
    ['Phối hợp Đoàn Thanh niên tổ chức hoạt động ngoại khóa', 'Tổ chức ít nhất 1 hoạt động'],
    ['Bảo đảm an toàn trường học, phòng chống đuối nước cho học sinh', 'Không để xảy ra sự cố'],
    ['Đổi mới phương pháp giảng dạy, ứng dụng công nghệ thông tin', 'Mỗi tổ có ít nhất 1 bài giảng điện tử'],
    ['Thu đảng phí và nộp cấp trên đúng hạn', 'Thu đủ 100% đảng viên'],
  ],
  armed: [
    ['Duy trì nghiêm chế độ trực sẵn sàng chiến đấu, trực ban', 'Không để bị động, bất ngờ'],
    ['Nắm chắc tình hình an ninh trật tự trên địa bàn', 'Báo cáo kịp thời các vụ việc'],
    ['Tổ chức huấn luyện theo kế hoạch, bảo đảm an toàn tuyệt đối', 'Hoàn thành nội dung huấn luyện tháng'],
    [
      'Tuyên truyền, vận động nhân dân tham gia phong trào bảo vệ an ninh Tổ quốc',
      'Tổ chức ít nhất 2 buổi tuyên truyền',
    ],
    ['Quản lý chặt chẽ vũ khí, trang bị, phương tiện', 'Không để mất mát, hư hỏng'],
    ['Thu đảng phí và nộp cấp trên đúng hạn', 'Thu đủ 100% đảng viên'],
  ],
};

const thematicTitles: Record<TextGroup, readonly string[]> = {
  village: [
    'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về dân vận',
    'Vai trò của đảng viên trong xây dựng nông thôn mới nâng cao, kiểu mẫu',
    'Phát huy vai trò nêu gương của đảng viên nơi cư trú',
    'Giữ gìn bản sắc văn hóa, xây dựng gia đình văn hóa, thôn văn hóa',
    'Nâng cao chất lượng sinh hoạt chi bộ thôn',
    'Chuyển đổi số trong đời sống nhân dân: dịch vụ công trực tuyến, thanh toán không dùng tiền mặt',
    'Đảng viên tham gia bảo đảm an ninh trật tự, hòa giải ở cơ sở',
    'Phát triển kinh tế hộ gia đình gắn với giảm nghèo bền vững',
  ],
  agency: [
    'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tinh thần trách nhiệm của cán bộ',
    'Nâng cao chất lượng sinh hoạt chi bộ cơ quan',
    'Chuyển đổi số và cải cách thủ tục hành chính tại cơ quan',
    'Phòng, chống tham nhũng, lãng phí, tiêu cực trong thực thi công vụ',
    'Bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác quan điểm sai trái trên không gian mạng',
    'Trách nhiệm nêu gương của đảng viên là cán bộ, công chức',
    'Thực hành tiết kiệm, chống lãng phí trong cơ quan',
  ],
  enterprise: [
    'Vai trò lãnh đạo của chi bộ trong sản xuất, kinh doanh',
    'Nâng cao năng suất lao động gắn với bảo đảm an toàn lao động',
    'Phát triển đảng viên trong công nhân lao động',
    'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tiết kiệm',
    'Xây dựng văn hóa doanh nghiệp và quan hệ lao động hài hòa',
    'Đổi mới sáng tạo, ứng dụng công nghệ trong sản xuất',
  ],
  school: [
    'Đổi mới phương pháp dạy học theo Chương trình giáo dục phổ thông 2018',
    'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về giáo dục',
    'Xây dựng trường học an toàn, thân thiện',
    'Nâng cao đạo đức nhà giáo, trách nhiệm nêu gương của đảng viên',
    'Ứng dụng công nghệ thông tin và chuyển đổi số trong dạy học',
    'Giáo dục lý tưởng, đạo đức, lối sống cho học sinh, sinh viên',
  ],
  armed: [
    'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng lực lượng vũ trang',
    'Nâng cao chất lượng huấn luyện, sẵn sàng chiến đấu',
    'Xây dựng thế trận lòng dân trên địa bàn',
    'Phòng, chống "diễn biến hòa bình", bảo vệ nền tảng tư tưởng của Đảng',
    'Xây dựng chi bộ trong sạch vững mạnh, đơn vị vững mạnh toàn diện',
  ],
};

const contributionPool: Partial<Record<AgendaItemKey, readonly string[]>> = {
  previous_decision_review: [
    'Nhất trí với báo cáo đánh giá; đề nghị làm rõ nguyên nhân nhiệm vụ chưa hoàn thành',
    'Một số nhiệm vụ còn chậm do phân công chưa cụ thể, đề nghị tháng tới giao rõ người, rõ việc',
    'Báo cáo phản ánh đúng tình hình; cần bổ sung kết quả công tác dân vận',
    'Đề nghị biểu dương các đồng chí hoàn thành tốt nhiệm vụ được giao',
    'Việc thu đảng phí đã có tiến bộ, đề nghị duy trì nộp đúng hạn',
  ],
  information: [
    'Đề nghị chi bộ tổ chức quán triệt kỹ văn bản mới của cấp trên',
    'Phản ánh ý kiến của quần chúng về một số vấn đề dân sinh cần được quan tâm',
    'Cần thông tin kịp thời để đảng viên định hướng dư luận trong quần chúng',
    'Đề nghị cung cấp tài liệu trên Sổ tay đảng viên để đảng viên nghiên cứu trước',
  ],
  discussion: [
    'Nhất trí với dự thảo nghị quyết, đề nghị bổ sung chỉ tiêu cụ thể',
    'Đề nghị phân công đảng viên phụ trách từng nhiệm vụ và thời hạn hoàn thành',
    'Cần quan tâm hơn đến công tác phát triển đảng viên',
    'Đề nghị chi bộ chỉ đạo các đoàn thể phối hợp thực hiện',
    'Nhiệm vụ tháng tới phù hợp, song cần ưu tiên các việc cấp bách',
    'Đề nghị tăng cường kiểm tra, đôn đốc việc thực hiện nghị quyết',
  ],
  self_criticism: [
    'Tự nhận thấy còn chưa dành nhiều thời gian nghiên cứu văn bản; sẽ khắc phục',
    'Góp ý đồng chí trong chi bộ cần tham gia sinh hoạt đầy đủ hơn',
    'Tình hình tư tưởng đảng viên ổn định, đoàn kết, không có biểu hiện tiêu cực',
    'Nhận trách nhiệm về nhiệm vụ được giao chưa hoàn thành đúng hạn',
  ],
  praise_reminders: [
    'Đề nghị biểu dương đồng chí có nhiều đóng góp trong tháng',
    'Nhắc nhở đảng viên vắng sinh hoạt không có lý do',
  ],
  thematic: [
    'Chuyên đề thiết thực, gắn với nhiệm vụ của chi bộ; đề nghị có giải pháp cụ thể',
    'Liên hệ bản thân: cần gương mẫu hơn trong thực hiện nhiệm vụ được giao',
    'Đề nghị chi bộ xây dựng kế hoạch thực hiện sau chuyên đề',
    'Bổ sung một số kinh nghiệm thực tiễn từ cơ sở vào nội dung chuyên đề',
    'Nhất trí với đề dẫn; cần đưa nội dung chuyên đề vào nghị quyết tháng',
  ],
};

const doneNotes = [
  'Đã hoàn thành đúng thời hạn',
  'Hoàn thành, đạt yêu cầu đề ra',
  'Đã hoàn thành, đã báo cáo chi bộ',
  'Hoàn thành, vượt chỉ tiêu',
  'Đã thực hiện xong',
];
const notDoneNotes = [
  'Chưa hoàn thành do thời tiết không thuận lợi',
  'Chưa hoàn thành, chuyển sang tháng sau',
  'Chưa đạt chỉ tiêu do thiếu kinh phí',
  'Chưa hoàn thành do người thực hiện đi công tác dài ngày',
];
const reportNotes = [
  'Đã triển khai, đang thực hiện',
  'Đã hoàn thành một phần, tiếp tục thực hiện',
  'Đã làm việc với các đơn vị liên quan',
  'Đang tổng hợp kết quả để báo cáo chi bộ',
];
const specialReasons = [
  'Trùng lịch hội nghị của cấp ủy cấp trên',
  'Đồng chí Bí thư đi công tác theo quyết định của cấp trên',
  'Trùng lịch tiếp xúc cử tri',
  'Địa phương tổ chức lễ hội truyền thống',
];
const returnComments = [
  'Đề nghị cụ thể hóa nội dung, gắn với nhiệm vụ chính trị của chi bộ',
  'Tên chuyên đề còn chung chung, đề nghị chọn vấn đề cụ thể hơn',
  'Đề nghị bổ sung đề cương và phân công người trình bày',
];

// ---------------------------------------------------------------------------------------------------------
// Generation

interface RosterEntry extends AttendanceEntry {
  /** official member attending temporarily elsewhere on the date */
  awayTemporarily: boolean;
}

interface PendingTask {
  id: string;
  rowIndex: number;
  deadline: string;
  createdOn: string;
  assigneeMemberId: string | null;
}

interface CellState {
  combined: boolean;
  /** 'YYYY-Qn' → month index in the quarter (0..2) of its thematic meeting, or -1 for none */
  thematicMonth: Map<string, number>;
  histSecretary: string | null;
  histDeputy: string | null;
  scribe: string | null;
  guestName: string;
  seq: Map<string, number>;
  pending: PendingTask[];
  lastMonth: string | null;
  /** 'YYYY-Qn' → thematic topic held */
  heldTopics: Map<string, { id: string; title: string; meetingDate: string; presenter: string }>;
}

const quarterKey = (month: string) =>
  `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;

function personName(rng: Random): string {
  const gender: vn.Gender = rng.chance(0.6) ? 'male' : 'female';
  return `${rng.weighted(vn.kinhSurnames)} ${rng.weighted(vn.middleNames[gender])} ${rng.pick(vn.givenNames[gender])}`;
}

export async function createDemoMeetings(
  tx: Tx,
  opts: { today: string; seed?: number; provinceId?: string; progress?: (message: string) => void },
): Promise<{ meetings: number }> {
  const today = opts.today;
  const rng = new Random(opts.seed ?? 20250701, 'chi-bo-so demo meetings');
  const provinceId =
    opts.provinceId ??
    (
      await tx.query<{ id: string }>(
        `SELECT id FROM organization o WHERE kind = 'provincial_committee'
           AND NOT EXISTS (SELECT 1 FROM meeting m WHERE m.province_id = o.id) ORDER BY created_at DESC, id LIMIT 1`,
      )
    )[0]?.id;
  if (!provinceId) throw new Error('createDemoMeetings: no province to fill');

  // Before Chỉ thị 50-CT/TW the province ran on a local rule; record it so the app's lookup agrees.
  await tx.query(
    `INSERT INTO rule_set_assignment (province_id, organization_id, rule_set_id, effective_from, document_ref)
     VALUES ($1, $1, $2, $3, $4) ON CONFLICT (organization_id, effective_from) DO NOTHING`,
    [provinceId, demoLocalRuleSetId, demoLocalRuleFrom, '03-NQ/ĐUK'],
  );
  const assignments: RuleSetAssignment[] = [
    { ruleSetId: demoLocalRuleSetId, effectiveFrom: demoLocalRuleFrom, depth: 0 },
  ];
  const ruleFor = (date: string): RuleSet => {
    const g = governingRuleSet(builtInRuleSets, assignments, date);
    if (!g) throw new Error(`createDemoMeetings: no rule set in force on ${date}`);
    return g.ruleSet;
  };

  const { cells, members } = await loadCells(tx, provinceId);
  const [secretaryRow] = await tx.query<{
    member_id: string;
    account_id: string | null;
    organization_id: string | null;
  }>(
    `SELECT m.id AS member_id, a.id AS account_id,
            (SELECT ms.organization_id FROM membership ms WHERE ms.member_id = m.id AND ms.kind = 'official'
              AND ms.valid_to IS NULL LIMIT 1) AS organization_id
       FROM member m LEFT JOIN account a ON a.member_id = m.id
      WHERE m.province_id = $1 AND m.phone = $2`,
    [provinceId, demoSecretaryPhone],
  );
  const accountMembers = new Set(
    (
      await tx.query<{ member_id: string }>(
        'SELECT member_id FROM account WHERE province_id = $1 AND member_id IS NOT NULL',
        [provinceId],
      )
    ).map((r) => r.member_id),
  );

  // The months: from 24 months before today's month while the month's planned meeting day has passed.
  const todayMonth = today.slice(0, 7);
  interface MonthPlan {
    month: string;
    rule: RuleSet;
    planned: string;
    /** The reason recorded for the planned day when a fixed-day rule moved it off a day off. */
    movedReason: string | null;
  }
  const planOf = (month: string): MonthPlan => {
    const rule = ruleFor(`${month}-01`);
    const p = plannedRegularMeetingDate(rule, Number(month.slice(0, 4)), Number(month.slice(5, 7)), isDayOff);
    return {
      month,
      rule,
      planned: p.date,
      movedReason: viText(movedDateReason(rule, p, Number(month.slice(0, 4)), dayOffName)),
    };
  };
  const months: MonthPlan[] = [];
  for (let p = planOf(monthAdd(todayMonth, -24)); p.planned < today; p = planOf(monthAdd(p.month, 1))) {
    months.push(p);
  }
  const lastMonth = months[months.length - 1]!.month;
  // The meetings prepared from today on, whose materials are written once their rows are.
  const prepared: PreparedMeeting[] = [];
  // The next meeting after the history: the demo secretary's cell has it notified.
  const upcoming = planOf(monthAdd(lastMonth, 1));

  const provinceKey = [['province_id', 'uuid', provinceId]] as const;
  const t = {
    topic: new Table('thematic_topic', [
      ['id', 'uuid'],
      ['province_id', 'uuid'],
      ['organization_id', 'uuid'],
      ['year', 'int'],
      ['quarter', 'int'],
      ['title', 'text'],
      ['presenters', 'text'],
      ['draft', 'text'],
      ['status', 'text'],
      ['review_comment', 'text'],
      ['reviewed_at', 'timestamptz'],
      ['created_at', 'timestamptz'],
    ]),
    meeting: new Table('meeting', [
      ['id', 'uuid'],
      ['province_id', 'uuid'],
      ['organization_id', 'uuid'],
      ['kind', 'text'],
      ['for_month', 'text'],
      ['planned_date', 'date'],
      ['date_reason', 'text'],
      ['planned_time', 'text'],
      ['location', 'text'],
      ['status', 'text'],
      ['rule_set_id', 'text'],
      ['rule_set_version', 'int'],
      ['thematic_topic_id', 'uuid'],
      ['preparer_member_id', 'uuid'],
      ['chair_member_id', 'uuid'],
      ['minute_taker_member_id', 'uuid'],
      ['preparatory_held_on', 'date'],
      ['preparatory_minutes', 'text'],
      ['notice_content', 'text'],
      ['notice_published_at', 'timestamptz'],
      ['draft_resolution', 'text'],
      ['started_at', 'timestamptz'],
      ['ended_at', 'timestamptz'],
      ['minutes_general', 'text'],
      ['adopted_at', 'timestamptz'],
      ['chair_signed_at', 'timestamptz'],
      ['minute_taker_signed_at', 'timestamptz'],
      ['created_by', 'uuid'],
      ['created_at', 'timestamptz'],
    ]),
    agenda: new Table(
      'meeting_agenda_item',
      [
        ['id', 'uuid'],
        ['meeting_id', 'uuid'],
        ['position', 'int'],
        ['section', 'text'],
        ['key', 'text'],
        ['title', 'text'],
        ['notes', 'text'],
        ['conclusion', 'text'],
        ['done_at', 'timestamptz'],
      ],
      provinceKey,
    ),
    attendance: new Table(
      'meeting_attendance',
      [
        ['meeting_id', 'uuid'],
        ['member_id', 'uuid'],
        ['member_class', 'text'],
        ['temporary', 'boolean'],
        ['exempt', 'boolean'],
        ['status', 'text'],
        ['reason', 'text'],
        ['rsvp', 'text'],
        ['rsvp_reason', 'text'],
        ['rsvp_at', 'timestamptz'],
        ['checked_in_at', 'timestamptz'],
        ['check_in_method', 'text'],
      ],
      provinceKey,
    ),
    guest: new Table(
      'meeting_guest',
      [
        ['id', 'uuid'],
        ['meeting_id', 'uuid'],
        ['name', 'text'],
        ['title', 'text'],
      ],
      provinceKey,
    ),
    contribution: new Table(
      'meeting_contribution',
      [
        ['id', 'uuid'],
        ['meeting_id', 'uuid'],
        ['agenda_item_id', 'uuid'],
        ['member_id', 'uuid'],
        ['summary', 'text'],
        ['created_at', 'timestamptz'],
      ],
      provinceKey,
    ),
    vote: new Table(
      'meeting_vote',
      [
        ['id', 'uuid'],
        ['meeting_id', 'uuid'],
        ['agenda_item_id', 'uuid'],
        ['subject', 'text'],
        ['kind', 'text'],
        ['method', 'text'],
        ['status', 'text'],
        ['for_count', 'int'],
        ['against_count', 'int'],
        ['abstain_count', 'int'],
        ['vote_base', 'int'],
        ['eligible_present', 'int'],
        ['passed', 'boolean'],
        ['line', 'text'],
        ['voting_rules_id', 'text'],
        ['opened_at', 'timestamptz'],
        ['closed_at', 'timestamptz'],
      ],
      provinceKey,
    ),
    decision: new Table('decision', [
      ['id', 'uuid'],
      ['province_id', 'uuid'],
      ['organization_id', 'uuid'],
      ['meeting_id', 'uuid'],
      ['type', 'text'],
      ['period_key', 'text'],
      ['seq', 'int'],
      ['number', 'text'],
      ['title', 'text'],
      ['body', 'jsonb'],
      ['issued_on', 'date'],
      ['finalised_at', 'timestamptz'],
    ]),
    task: new Table('task', [
      ['id', 'uuid'],
      ['province_id', 'uuid'],
      ['organization_id', 'uuid'],
      ['meeting_id', 'uuid'],
      ['title', 'text'],
      ['expected_result', 'text'],
      ['deadline', 'date'],
      ['assignee_member_id', 'uuid'],
      ['assignee_group_id', 'uuid'],
      ['status', 'text'],
      ['result_note', 'text'],
      ['completed_on', 'date'],
      ['reviewed_in_meeting_id', 'uuid'],
      ['created_by_member_id', 'uuid'],
      ['created_at', 'timestamptz'],
    ]),
    report: new Table(
      'task_report',
      [
        ['id', 'uuid'],
        ['task_id', 'uuid'],
        ['member_id', 'uuid'],
        ['note', 'text'],
        ['progress', 'int'],
        ['created_at', 'timestamptz'],
      ],
      provinceKey,
    ),
    programme: new Table('work_programme', [
      ['id', 'uuid'],
      ['province_id', 'uuid'],
      ['organization_id', 'uuid'],
      ['year', 'int'],
      ['content', 'text'],
      ['updated_by', 'uuid'],
      ['updated_at', 'timestamptz'],
    ]),
  };
  // Parents before children; called between cells so a large demo never holds all its rows at once.
  // The rows reference only rows read above or written in the same order, so where the database allows it
  // (PGlite and other superuser connections) the per-row foreign-key triggers are skipped while writing: they
  // cost about as much as the inserts themselves. The demo test checks that no reference dangles.
  const [{ superuser } = { superuser: false }] = await tx.query<{ superuser: boolean }>(
    "SELECT current_setting('is_superuser') = 'on' AS superuser",
  );
  const writeAll = async () => {
    if (superuser) await tx.query('SET LOCAL session_replication_role = replica');
    for (const table of Object.values(t)) await table.write(tx);
    if (superuser) await tx.query('SET LOCAL session_replication_role = origin');
  };

  const nameOf = (id: string | null) => (id ? (members.get(id)?.name ?? '') : '');

  for (const cell of cells) {
    const crng = rng.fork(`cell ${cell.id}`);
    // This cell's task rows, patched (status, review) once the next meeting is known.
    const taskRows: unknown[][] = [];
    const group = textGroup(cell.cellType);
    const issuer = issuerAbbreviation(cell.kind);
    const location = locationOf(cell);
    const evening = group === 'village' ? crng.chance(0.85) : crng.chance(0.08);
    const startMinutes = evening ? 19 * 60 + 30 : 7 * 60 + 30;
    const plannedTime = evening ? '19:30' : '07:30';
    const isDemoCell = secretaryRow?.organization_id === cell.id;
    const createdBy = isDemoCell ? (secretaryRow?.account_id ?? null) : null;
    const st: CellState = {
      combined: crng.chance(0.7),
      thematicMonth: new Map(),
      histSecretary: null,
      histDeputy: null,
      scribe: null,
      guestName: personName(crng),
      seq: new Map(),
      pending: [],
      lastMonth: null,
      heldTopics: new Map(),
    };
    const topicsUsed = new Set<string>();
    const drawTopicTitle = () => {
      const pool = thematicTitles[group].filter((x) => !topicsUsed.has(x));
      const title = crng.pick(pool.length > 0 ? pool : thematicTitles[group]);
      topicsUsed.add(title);
      return title;
    };

    /** The roll on a date: official and temporary memberships covering it (official first). */
    const rosterOn = (date: string): RosterEntry[] => {
      const seen = new Set<string>();
      const out: RosterEntry[] = [];
      const sorted = cell.stints.filter((s) => covers(s.from, s.to, date));
      sorted.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'official' ? -1 : 1));
      for (const s of sorted) {
        if (seen.has(s.memberId)) continue;
        seen.add(s.memberId);
        const info = members.get(s.memberId)!;
        const exempt = info.exemptions.some((e) => covers(e.from, e.to, date));
        const awayTemporarily =
          s.kind === 'official' &&
          info.temporary.some((x) => x.organizationId !== cell.id && covers(x.from, x.to, date));
        out.push({
          memberId: s.memberId,
          memberClass: info.fullDate !== null && info.fullDate <= date ? 'full' : 'probationary',
          temporary: s.kind === 'temporary',
          exempt,
          status: null,
          awayTemporarily,
        });
      }
      return out;
    };

    /** Chair, preparer and minute taker on a date, from the positions or, before them, stable picks. */
    const officersOn = (date: string, roll: RosterEntry[]) => {
      const able = (id: string | null) => {
        const e = id ? roll.find((r) => r.memberId === id) : undefined;
        return !!e && !e.exempt && !e.temporary && !e.awayTemporarily;
      };
      const candidates = roll.filter((r) => !r.exempt && !r.temporary && !r.awayTemporarily);
      const full = candidates.filter((r) => r.memberClass === 'full');
      const pickFrom = (list: RosterEntry[], not: Array<string | null>) => {
        const pool = list.filter((r) => !not.includes(r.memberId));
        return pool.length > 0 ? crng.pick(pool).memberId : null;
      };
      let chair =
        cell.secretaries.find((p) => covers(p.from, p.to, date) && able(p.memberId))?.memberId ?? null;
      if (!chair) {
        if (!able(st.histSecretary)) st.histSecretary = pickFrom(full.length > 0 ? full : candidates, []);
        chair = st.histSecretary;
      }
      let deputy =
        cell.deputies.find((p) => covers(p.from, p.to, date) && able(p.memberId))?.memberId ?? null;
      if (!deputy && cell.secretaries.every((p) => !covers(p.from, p.to, date)) && roll.length >= 10) {
        if (!able(st.histDeputy) || st.histDeputy === chair) st.histDeputy = pickFrom(full, [chair]);
        deputy = st.histDeputy;
      }
      if (!able(st.scribe) || st.scribe === chair || st.scribe === deputy) {
        st.scribe = pickFrom(candidates, [chair, deputy]) ?? pickFrom(candidates, [chair]);
      }
      return { chair, deputy, preparer: deputy ?? chair, scribe: st.scribe };
    };

    const thematicIndex = (month: string): number => {
      const q = quarterKey(month);
      let idx = st.thematicMonth.get(q);
      if (idx === undefined) {
        idx = crng.chance(0.08) ? -1 : crng.int(0, 2);
        st.thematicMonth.set(q, idx);
      }
      return idx;
    };

    const writeAgenda = (
      meetingId: string,
      kind: MeetingKind,
      held: {
        start: number;
        duration: number;
        notes: Partial<Record<AgendaItemKey, string>>;
        conclusion: string;
      } | null,
    ) => {
      const thematic = kind === 'thematic' || kind === 'regular_thematic';
      const template = agendaTemplate({ kind, thematic, admission: false }).filter((i) => !i.optional);
      const ids = new Map<AgendaItemKey, string>();
      template.forEach((item, i) => {
        const id = crng.uuid();
        ids.set(item.key, id);
        const doneAt = held ? addMinutes(held.start, ((i + 1) * held.duration) / template.length) : null;
        t.agenda.add([
          id,
          meetingId,
          i + 1,
          item.section,
          item.key,
          item.title,
          held?.notes[item.key] ?? '',
          item.key === 'conclusion' && held ? held.conclusion : null,
          doneAt,
        ]);
      });
      return ids;
    };

    // ---- the months
    for (const mp of months) {
      const { month, rule } = mp;
      const y = Number(month.slice(0, 4));
      const mo = Number(month.slice(5, 7));
      const lastWeek = rule.parameters.meetingDay.kind === 'last_week';
      const taskMonth = lastWeek ? monthAdd(month, 1) : month;
      const reviewMonth = lastWeek ? month : monthAdd(month, -1);

      // The day: mostly the planned one; a few special cases with a reason, a few wrong days without one.
      let date = mp.planned;
      let dateReason: string | null = mp.movedReason;
      const roll0 = crng.next();
      if (roll0 < 0.03) continue; // a month without a meeting
      if (roll0 < 0.07) {
        const days = lastWeek
          ? workingDaysIn(`${month}-10`, `${month}-20`)
          : workingDaysIn(`${month}-08`, `${month}-15`);
        if (days.length > 0) {
          date = crng.pick(days);
          dateReason = null;
        }
      } else if (roll0 < 0.1) {
        if (lastWeek) {
          const next = monthAdd(month, 1);
          const days = workingDaysIn(`${next}-01`, `${next}-07`);
          if (days.length > 0 && ruleFor(days[0]!).id === rule.id) {
            date = crng.pick(days);
            dateReason = crng.pick(specialReasons);
          }
        } else {
          const days = workingDaysIn(`${month}-01`, `${month}-07`).filter((d) => d !== mp.planned);
          if (days.length > 0) {
            date = crng.pick(days);
            dateReason = crng.pick(specialReasons);
          }
        }
      } else if (lastWeek && crng.chance(0.5)) {
        const days = workingDaysIn(
          addDays(`${monthAdd(month, 1)}-01`, -7),
          addDays(`${monthAdd(month, 1)}-01`, -1),
        );
        if (days.length > 0) date = crng.pick(days);
      }
      if (date >= today) {
        date = mp.planned;
        dateReason = mp.movedReason;
      }
      if (!covers(cell.from, cell.to, date)) continue;
      const roll = rosterOn(date);
      if (roll.filter((r) => !r.exempt).length < 3) continue;
      const officers = officersOn(date, roll);
      if (!officers.chair || !officers.scribe) continue;

      const tIdx = thematicIndex(month);
      const isThematicMonth = tIdx === (mo - 1) % 3;
      const kind: MeetingKind = isThematicMonth && st.combined ? 'regular_thematic' : 'regular';

      // Thematic topic held this month (combined, or a separate meeting below).
      let topic: { id: string; title: string; meetingDate: string; presenter: string } | null = null;
      if (isThematicMonth) {
        topic = {
          id: crng.uuid(),
          title: drawTopicTitle(),
          meetingDate: date,
          presenter: officers.deputy ?? officers.chair,
        };
        st.heldTopics.set(quarterKey(month), topic);
      }

      const meetingId = crng.uuid();
      const held = holdMeeting({
        meetingId,
        kind,
        date,
        roll,
        officers,
        thematicTitle: kind === 'regular_thematic' ? topic!.title : null,
      });

      // Tasks of the previous meeting are reviewed here.
      const pending = st.pending;
      st.pending = [];
      let done = 0;
      for (const p of pending) {
        const row = taskRows[p.rowIndex]!;
        const r = crng.next();
        const status = r < 0.97 ? 'done' : r < 0.98 ? 'not_done' : 'cancelled';
        row[9] = status;
        if (status === 'done') {
          done++;
          const hi = p.deadline < date ? p.deadline : addDays(date, -1);
          const lo = addDays(p.createdOn, 2) < hi ? addDays(p.createdOn, 2) : hi;
          row[11] = crng.date(lo, hi);
          row[10] = crng.pick(doneNotes);
        } else if (status === 'not_done') {
          row[10] = crng.pick(notDoneNotes);
        } else {
          row[10] = 'Hủy do thay đổi kế hoạch của cấp trên';
        }
        row[12] = meetingId;
      }

      const notes: Partial<Record<AgendaItemKey, string>> = {
        purpose_guests: held.guest
          ? `Đồng chí ${nameOf(officers.chair)} tuyên bố lý do; giới thiệu đồng chí ${st.guestName}, ${held.guest} dự và chỉ đạo.`
          : `Đồng chí ${nameOf(officers.chair)} tuyên bố lý do, nêu mục đích, yêu cầu buổi sinh hoạt.`,
        appoint_minute_taker: `Chi bộ nhất trí cử đồng chí ${nameOf(officers.scribe)} làm thư ký ghi biên bản.`,
        attendance: held.attendanceLine,
        dues: `Đảng phí tháng ${monthShort(reviewMonth)}: đã thu ${held.summary.total - held.summary.exempt}/${held.summary.total - held.summary.exempt} đồng chí, nộp cấp trên đúng hạn.`,
        adopt_agenda: 'Chi bộ nhất trí thông qua nội dung, chương trình sinh hoạt.',
        previous_decision_review:
          pending.length > 0
            ? `Đánh giá kết quả thực hiện nghị quyết tháng ${monthShort(reviewMonth)}: hoàn thành ${done}/${pending.length} nhiệm vụ. ${done < pending.length ? 'Các nhiệm vụ chưa hoàn thành được chuyển sang tháng sau, phân công người theo dõi.' : 'Các nhiệm vụ đều hoàn thành đúng thời hạn.'}`
            : `Đánh giá tình hình thực hiện nhiệm vụ tháng ${monthShort(reviewMonth)}: cơ bản hoàn thành các chỉ tiêu đề ra.`,
        information: `Đồng chí ${nameOf(officers.preparer)} thông tin thời sự trong nước, quốc tế và văn bản mới của cấp trên; phổ biến nhiệm vụ trọng tâm của đảng bộ cấp trên tháng ${monthShort(taskMonth)}.`,
        discussion: `Đảng viên thảo luận dự thảo nghị quyết tháng ${monthShort(taskMonth)}; ${held.speakers} lượt ý kiến phát biểu, tập trung vào giải pháp thực hiện nhiệm vụ.`,
        self_criticism:
          'Tình hình tư tưởng đảng viên ổn định; các đồng chí tự phê bình và phê bình thẳng thắn, trên tinh thần xây dựng.',
        praise_reminders:
          held.summary.absentUnexcused > 0
            ? `Biểu dương đảng viên hoàn thành tốt nhiệm vụ; nhắc nhở ${held.summary.absentUnexcused} đồng chí vắng sinh hoạt không có lý do.`
            : 'Biểu dương đảng viên hoàn thành tốt nhiệm vụ trong tháng.',
        thematic: topic
          ? `Đồng chí ${nameOf(topic.presenter)} trình bày đề dẫn chuyên đề "${topic.title}"; đảng viên thảo luận, liên hệ thực tiễn.`
          : '',
        task_assignment: `Phân công đảng viên thực hiện nhiệm vụ tháng ${monthShort(taskMonth)}, có thời hạn cụ thể.`,
        vote: '',
        self_score: 'Chi bộ tự đánh giá buổi sinh hoạt đạt chất lượng tốt.',
        minutes_adoption: `Đồng chí ${nameOf(officers.scribe)} đọc biên bản; chi bộ nhất trí thông qua.`,
      };
      const agendaIds = writeAgenda(meetingId, kind, {
        start: held.startedAt,
        duration: held.duration,
        notes,
        conclusion: `Đồng chí ${nameOf(officers.chair)} kết luận: chi bộ thống nhất đánh giá kết quả tháng ${monthShort(reviewMonth)} và nhiệm vụ, giải pháp tháng ${monthShort(taskMonth)}; giao các đồng chí được phân công tổ chức thực hiện.`,
      });
      writeContributions(meetingId, agendaIds, held, kind);

      // The vote on the resolution.
      const voteItem = agendaIds.get('vote') ?? null;
      const eligible = held.summary.eligiblePresent;
      // A few abstain or vote against in larger cells, never enough to sink the resolution.
      let against = eligible >= 6 && crng.chance(0.03) ? 1 : 0;
      let abstain = eligible >= 5 && crng.chance(0.2) ? crng.int(1, 2) : 0;
      if (2 * (eligible - against - abstain) <= held.summary.voteBase) {
        against = 0;
        abstain = 0;
      }
      const rules = votingRulesInForce(date);
      const result = voteResult(
        'decision',
        { for: eligible - against - abstain, against, abstain },
        held.summary.voteBase,
        eligible,
        rules,
      );
      const voteOpened = addMinutes(held.startedAt, held.duration - 15);
      t.vote.add([
        crng.uuid(),
        meetingId,
        voteItem,
        `Thông qua nghị quyết tháng ${monthShort(taskMonth)}`,
        'decision',
        'show_of_hands',
        'closed',
        result.forCount,
        result.againstCount,
        result.abstainCount,
        held.summary.voteBase,
        eligible,
        result.passed,
        storedText(result.line),
        rules.id,
        voteOpened,
        addMinutes(voteOpened, 3),
      ]);

      const taskTitles = crng.sample(taskPool[group], crng.int(2, 4));
      if (result.passed) {
        const type: DecisionType = crng.chance(0.2) ? 'KL' : 'NQ';
        const term = cell.terms.find((x) => covers(x.from, x.to, date)) ?? null;
        const periodKey = numberingPeriodKey(term?.from ?? null, date);
        const seqKey = `${type}|${periodKey}`;
        const seq = (st.seq.get(seqKey) ?? 0) + 1;
        st.seq.set(seqKey, seq);
        const doneShare = pending.length > 0 ? ` (hoàn thành ${done}/${pending.length} nhiệm vụ)` : '';
        const body = {
          intro: `Ngày ${formatDateVi(date)}, ${cell.name} tổ chức sinh hoạt ${kind === 'regular_thematic' ? 'thường kỳ kết hợp chuyên đề' : 'thường kỳ'}, đánh giá kết quả thực hiện nhiệm vụ tháng ${monthShort(reviewMonth)} và thống nhất ${type === 'NQ' ? 'quyết nghị' : 'kết luận'} nhiệm vụ tháng ${monthShort(taskMonth)} như sau:`,
          sections: [
            {
              heading: `I. Kết quả thực hiện nhiệm vụ tháng ${monthShort(reviewMonth)}`,
              paragraphs: [
                `Chi bộ đã lãnh đạo thực hiện cơ bản các nhiệm vụ đề ra${doneShare}; tình hình tư tưởng đảng viên ổn định, đoàn kết.`,
                'Hạn chế: một số nhiệm vụ triển khai còn chậm; việc kiểm tra, đôn đốc có lúc chưa thường xuyên.',
              ],
            },
            {
              heading: `II. Nhiệm vụ trọng tâm tháng ${monthShort(taskMonth)}`,
              paragraphs: taskTitles.map(([title], i) => `${i + 1}. ${title}.`),
            },
            {
              heading: 'III. Tổ chức thực hiện',
              paragraphs: [
                'Các đồng chí đảng viên được phân công chủ động tổ chức thực hiện, báo cáo kết quả tại kỳ sinh hoạt tới.',
                `Đồng chí Bí thư chi bộ chịu trách nhiệm kiểm tra, đôn đốc việc thực hiện ${type === 'NQ' ? 'nghị quyết' : 'kết luận'} này.`,
              ],
            },
          ],
        };
        t.decision.add([
          crng.uuid(),
          provinceId,
          cell.id,
          meetingId,
          type,
          periodKey,
          seq,
          formatDecisionNumber(seq, type, issuer),
          `Lãnh đạo thực hiện nhiệm vụ tháng ${monthShort(taskMonth)}`,
          JSON.stringify(body),
          date,
          held.adoptedAt,
        ]);

        // Tasks, due before the next meeting.
        const next = planOf(monthAdd(month, 1)).planned;
        const lo = addDays(date, 5);
        const hi = addDays(next, -2) > lo ? addDays(next, -2) : addDays(lo, 10);
        const present = held.presentIds;
        const groups = cell.groups.filter((g) => covers(g.from, g.to, date));
        // In the demo cell the last month's first task goes to a member who can sign in (not the secretary),
        // so the demo member has an open task to report on.
        let demoAssignee =
          isDemoCell && month === lastMonth
            ? roll
                .map((r) => r.memberId)
                .find((id) => accountMembers.has(id) && id !== secretaryRow?.member_id)
            : undefined;
        for (const [title, expected] of taskTitles) {
          const toGroup = !demoAssignee && groups.length > 0 && crng.chance(0.35);
          const assignee = toGroup ? null : (demoAssignee ?? crng.pick(present));
          demoAssignee = undefined;
          // The last month's tasks are still open: about a third already overdue.
          const [dlo, dhi] =
            month === lastMonth && lo < today && today < hi
              ? crng.chance(0.3)
                ? [lo, addDays(today, -1)]
                : [today, hi]
              : [lo, hi];
          const deadline = workingDayOnOrBefore(crng.date(dlo, dhi));
          const id = crng.uuid();
          taskRows.push([
            id,
            provinceId,
            cell.id,
            meetingId,
            title,
            expected,
            deadline < lo ? lo : deadline,
            assignee,
            toGroup ? crng.pick(groups).id : null,
            'open',
            null,
            null,
            null,
            officers.chair,
            held.adoptedAt,
          ]);
          st.pending.push({
            id,
            rowIndex: taskRows.length - 1,
            deadline: deadline < lo ? lo : deadline,
            createdOn: date,
            assigneeMemberId: assignee,
          });
        }
      }
      st.lastMonth = month;

      // A separate thematic meeting in the thematic month of a cell that does not combine them.
      if (isThematicMonth && !st.combined && topic) {
        const days = workingDaysIn(`${month}-10`, `${month}-25`).filter(
          (d) => d !== date && d < today && covers(cell.from, cell.to, d),
        );
        if (days.length > 0) {
          const tDate = crng.pick(days);
          const tRoll = rosterOn(tDate);
          const tOfficers = officersOn(tDate, tRoll);
          if (tOfficers.chair && tOfficers.scribe && tRoll.filter((r) => !r.exempt).length >= 3) {
            const tId = crng.uuid();
            topic.meetingDate = tDate;
            const tHeld = holdMeeting({
              meetingId: tId,
              kind: 'thematic',
              date: tDate,
              roll: tRoll,
              officers: tOfficers,
              thematicTitle: topic.title,
            });
            const tIds = writeAgenda(tId, 'thematic', {
              start: tHeld.startedAt,
              duration: tHeld.duration,
              notes: {
                purpose_guests: `Đồng chí ${nameOf(tOfficers.chair)} tuyên bố lý do, giới thiệu chuyên đề.`,
                appoint_minute_taker: `Chi bộ nhất trí cử đồng chí ${nameOf(tOfficers.scribe)} làm thư ký.`,
                attendance: tHeld.attendanceLine,
                adopt_agenda: 'Chi bộ nhất trí thông qua chương trình sinh hoạt chuyên đề.',
                discussion: `Đảng viên thảo luận chuyên đề; ${tHeld.speakers} lượt ý kiến.`,
                thematic: `Đồng chí ${nameOf(topic.presenter)} trình bày đề dẫn chuyên đề "${topic.title}"; đảng viên liên hệ bản thân và thực tiễn của chi bộ.`,
                minutes_adoption: `Đồng chí ${nameOf(tOfficers.scribe)} đọc biên bản; chi bộ nhất trí thông qua.`,
              },
              conclusion: `Chi bộ thống nhất các giải pháp thực hiện chuyên đề "${topic.title}" và đưa vào nghị quyết tháng tới.`,
            });
            writeContributions(tId, tIds, tHeld, 'thematic');
            const tVoteItem = tIds.get('vote') ?? null;
            const tEligible = tHeld.summary.eligiblePresent;
            const tRules = votingRulesInForce(tDate);
            const tResult = voteResult(
              'decision',
              { for: tEligible, against: 0, abstain: 0 },
              tHeld.summary.voteBase,
              tEligible,
              tRules,
            );
            const opened = addMinutes(tHeld.startedAt, tHeld.duration - 10);
            t.vote.add([
              crng.uuid(),
              tId,
              tVoteItem,
              `Thông qua kết luận sinh hoạt chuyên đề quý ${quarterKey(month).slice(6)}/${y}`,
              'decision',
              'show_of_hands',
              'closed',
              tResult.forCount,
              0,
              0,
              tHeld.summary.voteBase,
              tEligible,
              tResult.passed,
              storedText(tResult.line),
              tRules.id,
              opened,
              addMinutes(opened, 2),
            ]);
            meetingRow(tHeld, {
              id: tId,
              kind: 'thematic',
              month,
              date: tDate,
              dateReason: null,
              rule,
              topicId: topic.id,
              officers: tOfficers,
              draft: `Dự thảo kết luận sinh hoạt chuyên đề "${topic.title}".`,
            });
          }
        }
      }

      meetingRow(held, {
        id: meetingId,
        kind,
        month,
        date,
        dateReason,
        rule,
        topicId: kind === 'regular_thematic' ? topic!.id : null,
        officers,
        draft: `Dự thảo nghị quyết lãnh đạo thực hiện nhiệm vụ tháng ${monthShort(taskMonth)}.`,
      });
    }

    // Tasks nobody reviewed: open (and reported on) when the cell's last meeting is recent, else settled.
    const recent = st.lastMonth !== null && st.lastMonth >= monthAdd(lastMonth, -1);
    for (const p of st.pending) {
      const row = taskRows[p.rowIndex]!;
      if (recent) {
        const reports = crng.chance(0.6) ? crng.int(1, 2) : 0;
        for (let k = 0; k < reports; k++) {
          const hi = addDays(today, -1);
          const lo = addDays(p.createdOn, 1) < hi ? addDays(p.createdOn, 1) : hi;
          const on = crng.date(lo, hi);
          t.report.add([
            crng.uuid(),
            p.id,
            p.assigneeMemberId,
            crng.pick(reportNotes),
            k === 0 ? crng.int(2, 5) * 10 : crng.int(6, 9) * 10,
            vnAt(on, crng.int(8 * 60, 20 * 60)),
          ]);
        }
      } else {
        row[9] = crng.chance(0.95) ? 'done' : 'not_done';
        row[10] = row[9] === 'done' ? crng.pick(doneNotes) : crng.pick(notDoneNotes);
        if (row[9] === 'done') row[11] = p.deadline;
      }
    }

    for (const row of taskRows) t.task.add(row);

    // Thematic topics: the ones held, and this year's quarters still to come or missed.
    const year = Number(today.slice(0, 4));
    for (const [q, topic] of st.heldTopics) {
      const created = addDays(
        `${q.slice(0, 4)}-${String((Number(q.slice(6)) - 1) * 3 + 1).padStart(2, '0')}-01`,
        -crng.int(5, 20),
      );
      const createdAt = vnAt(created < topic.meetingDate ? created : addDays(topic.meetingDate, -10), 9 * 60);
      t.topic.add([
        topic.id,
        provinceId,
        cell.id,
        Number(q.slice(0, 4)),
        Number(q.slice(6)),
        topic.title,
        `Đồng chí ${nameOf(topic.presenter)}`,
        `Đề cương chuyên đề "${topic.title}": 1. Cơ sở lý luận và chủ trương của Đảng; 2. Thực trạng tại chi bộ; 3. Giải pháp và trách nhiệm của đảng viên.`,
        'approved',
        null,
        addMinutes(createdAt, crng.int(2, 6) * 24 * 60),
        createdAt,
      ]);
    }
    if (covers(cell.from, cell.to, today)) {
      for (let quarter = 1; quarter <= 4; quarter++) {
        const q = `${year}-Q${quarter}`;
        if (st.heldTopics.has(q)) continue;
        const quarterStart = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
        const quarterOver = monthAdd(quarterStart.slice(0, 7), 3) <= todayMonth;
        const r = crng.next();
        const status = quarterOver
          ? r < 0.5
            ? 'returned'
            : 'draft'
          : r < 0.35
            ? 'approved'
            : r < 0.7
              ? 'submitted'
              : r < 0.85
                ? 'returned'
                : 'draft';
        const title = drawTopicTitle();
        const createdOn = addDays(quarterStart < today ? quarterStart : today, -crng.int(3, 20));
        const createdAt = vnAt(createdOn < today ? createdOn : addDays(today, -1), 10 * 60);
        const reviewed = status === 'approved' || status === 'returned';
        const reviewedAt = addMinutes(createdAt, crng.int(1, 4) * 24 * 60);
        t.topic.add([
          crng.uuid(),
          provinceId,
          cell.id,
          year,
          quarter,
          title,
          `Đồng chí ${nameOf(st.histSecretary ?? cell.secretaries[0]?.memberId ?? null) || 'Bí thư chi bộ'}`,
          status === 'draft' ? null : `Đề cương chuyên đề "${title}" (dự thảo).`,
          status,
          status === 'returned' ? crng.pick(returnComments) : null,
          reviewed && vnDay(reviewedAt) < today ? reviewedAt : reviewed ? createdAt : null,
          createdAt,
        ]);
      }
      // Next year's first-quarter topic, sent up in November for the committee to review (always for the
      // demo cell, so the commune secretary has one waiting).
      if (isDemoCell || crng.next() < 0.5) {
        const title = drawTopicTitle();
        const createdAt = vnAt(addDays(today, -crng.int(1, 10)), 9 * 60);
        t.topic.add([
          crng.uuid(),
          provinceId,
          cell.id,
          year + 1,
          1,
          title,
          `Đồng chí ${nameOf(st.histSecretary ?? cell.secretaries[0]?.memberId ?? null) || 'Bí thư chi bộ'}`,
          `Đề cương chuyên đề "${title}" (dự thảo).`,
          'submitted',
          null,
          null,
          createdAt,
        ]);
      }
    }

    // One work programme a year.
    for (let py = Number(months[0]!.month.slice(0, 4)); py <= year; py++) {
      if (cell.from > `${py}-12-31` || (cell.to !== null && cell.to <= `${py}-01-01`)) continue;
      if (cell.to !== null && cell.to <= `${months[0]!.month}-01`) continue;
      const pool = taskPool[group].map(([title]) => title);
      const picks = crng.sample(pool, 5);
      const content = [
        `Chương trình công tác năm ${py} của ${cell.name}`,
        '',
        '1. Lãnh đạo thực hiện thắng lợi nhiệm vụ chính trị của đơn vị, nghị quyết của cấp ủy cấp trên.',
        '2. Duy trì sinh hoạt chi bộ thường kỳ, mỗi quý ít nhất một lần sinh hoạt chuyên đề.',
        ...picks.map((p, i) => `${i + 3}. ${p}.`),
        `${picks.length + 3}. Tổ chức kiểm điểm, đánh giá, xếp loại chất lượng đảng viên cuối năm.`,
      ].join('\n');
      const updated =
        cell.from > `${py - 1}-12-15`
          ? cell.from
          : `${py - 1}-12-${String(crng.int(15, 30)).padStart(2, '0')}`;
      t.programme.add([
        crng.uuid(),
        provinceId,
        cell.id,
        py,
        content,
        isDemoCell ? (secretaryRow?.account_id ?? null) : null,
        vnAt(updated < today ? updated : addDays(today, -1), 15 * 60),
      ]);
    }

    // The demo secretary's meetings from today on. The next monthly meeting, on the next rule date (today when
    // today is that date), is prepared with its content, draft resolution and materials, its notice drafted but
    // not yet sent (the secretary sends it). On any other day the cell also has an extraordinary meeting today,
    // notified yesterday, that the secretary can start: the tour holds a live meeting whatever the date.
    if (isDemoCell && covers(cell.from, cell.to, upcoming.planned)) {
      const taskMonth =
        upcoming.rule.parameters.meetingDay.kind === 'last_week'
          ? monthAdd(upcoming.month, 1)
          : upcoming.month;
      prepareMeeting({
        kind: 'regular',
        month: upcoming.month,
        date: upcoming.planned,
        dateReason: upcoming.movedReason,
        rule: upcoming.rule,
        notified: false,
        subject: `sinh hoạt thường kỳ tháng ${monthShort(upcoming.month)}, dự thảo nghị quyết tháng ${monthShort(taskMonth)}`,
        draft: `Dự thảo nghị quyết lãnh đạo thực hiện nhiệm vụ tháng ${monthShort(taskMonth)}: 1. Đánh giá kết quả tháng trước; 2. Nhiệm vụ trọng tâm; 3. Tổ chức thực hiện.`,
        extra: null,
      });
    }
    if (isDemoCell && upcoming.planned !== today && covers(cell.from, cell.to, today)) {
      const superior = cell.parentName ?? 'cấp ủy cấp trên';
      prepareMeeting({
        kind: 'extraordinary',
        month: todayMonth,
        date: today,
        dateReason: null,
        rule: ruleFor(today),
        notified: true,
        subject: `sinh hoạt bất thường triển khai nhiệm vụ đột xuất theo chỉ đạo của ${superior}`,
        draft: `Dự thảo nghị quyết chuyên đề: triển khai nhiệm vụ đột xuất theo chỉ đạo của ${superior}; phân công đảng viên phụ trách, thời hạn hoàn thành trước kỳ sinh hoạt thường kỳ tháng ${monthShort(upcoming.month)}.`,
        extra: `Nội dung: triển khai nhiệm vụ đột xuất theo chỉ đạo của ${superior}.`,
      });
    }

    if (t.attendance.rows + t.agenda.rows > 150_000) {
      await writeAll();
      opts.progress?.(
        `họp: ${cells.indexOf(cell) + 1}/${cells.length} chi bộ, ${t.meeting.written} cuộc họp`,
      );
    }

    // ---- helpers bound to this cell (hoisted function declarations)

    /** A meeting of the demo cell from today on, prepared (officers, agenda, roll, notice, draft, materials). */
    function prepareMeeting(p: {
      kind: MeetingKind;
      month: string;
      date: string;
      dateReason: string | null;
      rule: RuleSet;
      notified: boolean;
      /** what the preparatory meeting agreed, after "thống nhất nội dung" */
      subject: string;
      draft: string;
      /** a line added to the notice */
      extra: string | null;
    }) {
      const roll = rosterOn(p.date);
      const officers = officersOn(p.date, roll);
      const id = crng.uuid();
      // Prepared the day before yesterday at the latest; a notice sent yesterday afternoon.
      const preparatory = workingDayOnOrBefore(addDays(today, -2));
      const noticeAt = vnAt(addDays(today, -1), 16 * 60 + crng.int(0, 50));
      writeAgenda(id, p.kind, null);
      for (const r of roll) {
        let rsvp: string | null = null;
        let rsvpReason: string | null = null;
        // Some members already answered (the notice, or the secretary phoning round); the demo accounts have not.
        if (!r.exempt && !accountMembers.has(r.memberId)) {
          const x = crng.next();
          if (r.awayTemporarily || x < 0.08) {
            rsvp = 'absence_requested';
            rsvpReason = r.awayTemporarily
              ? 'Đang sinh hoạt tạm thời nơi khác'
              : crng.weighted(absenceReasons[group]);
          } else if (x < 0.4) rsvp = 'confirmed';
        }
        t.attendance.add([
          id,
          r.memberId,
          r.memberClass,
          r.temporary,
          r.exempt,
          null,
          null,
          rsvp,
          rsvpReason,
          rsvp ? addMinutes(noticeAt, crng.int(30, 14 * 60)) : null,
          null,
          null,
        ]);
      }
      t.meeting.add([
        id,
        provinceId,
        cell.id,
        p.kind,
        p.month,
        p.date,
        p.dateReason,
        plannedTime,
        location,
        p.notified ? 'notified' : 'planned',
        p.rule.id,
        p.rule.version,
        null,
        officers.preparer,
        officers.chair,
        officers.scribe,
        preparatory,
        `Chi ủy họp chuẩn bị: thống nhất nội dung ${p.subject}; phân công đồng chí ${nameOf(officers.preparer)} chuẩn bị báo cáo.`,
        noticeContent(cell.name, p.kind, p.date, plannedTime, location, p.month, p.extra),
        p.notified ? noticeAt : null,
        p.draft,
        null,
        null,
        '',
        null,
        null,
        null,
        createdBy,
        vnAt(preparatory, 8 * 60),
      ]);
      prepared.push({
        meetingId: id,
        cellName: cell.name,
        superior: cell.parentName,
        date: p.date,
        month: p.month,
        draft: p.draft,
        subject: p.subject,
        uploadedBy: createdBy,
        uploadedAt: vnAt(preparatory, 9 * 60 + crng.int(0, 120)),
      });
    }

    function holdMeeting(m: {
      meetingId: string;
      kind: MeetingKind;
      date: string;
      roll: RosterEntry[];
      officers: {
        chair: string | null;
        deputy: string | null;
        preparer: string | null;
        scribe: string | null;
      };
      thematicTitle: string | null;
    }) {
      const { meetingId, kind, date, roll, officers } = m;
      const rule = ruleFor(date);
      const combinedMin = rule.parameters.minCombinedDurationMinutes;
      const short = crng.chance(0.05);
      const duration = short
        ? crng.int(60, 89)
        : kind === 'regular_thematic'
          ? crng.chance(combinedMin !== null ? 0.94 : 0.6)
            ? crng.int(120, 155)
            : crng.int(100, 119)
          : crng.int(95, 130);
      const startedAt = vnAt(date, startMinutes + (crng.chance(0.7) ? 0 : crng.int(1, 10)));
      const endedAt = addMinutes(startedAt, duration);
      let adoptedAt = crng.chance(0.05)
        ? vnAt(addDays(date, crng.int(3, 6)), crng.int(8 * 60, 16 * 60))
        : addMinutes(endedAt, crng.int(2, 12));
      if (vnDay(adoptedAt) >= today) adoptedAt = addMinutes(endedAt, 5);
      const lateNotice = crng.chance(0.06);
      const noticeAt = lateNotice
        ? addMinutes(startedAt, -crng.int(60, 180))
        : vnAt(addDays(date, -crng.int(2, 4)), crng.int(8 * 60, 16 * 60 + 30));
      const prep = lateNotice ? addDays(date, -crng.int(1, 3)) : addDays(vnDay(noticeAt), -crng.int(0, 2));

      // Attendance.
      const rate = 0.8 + crng.next() * 0.15;
      const forced = new Set(
        [officers.chair, officers.scribe, officers.preparer].filter((x): x is string => !!x),
      );
      const presentIds: string[] = [];
      const reasons = new Map<string, string>();
      for (const r of roll) {
        let status: AttendanceStatus;
        if (r.exempt) status = 'exempt';
        else if (r.awayTemporarily) {
          status = 'absent_excused';
          reasons.set(r.memberId, 'Đang sinh hoạt tạm thời nơi khác');
        } else if (forced.has(r.memberId) || crng.chance(rate)) status = 'present';
        else if (crng.chance(0.88)) {
          status = 'absent_excused';
          reasons.set(r.memberId, crng.weighted(absenceReasons[group]));
        } else status = 'absent_unexcused';
        r.status = status;
      }
      // A cell meets with at least two thirds of its voting members present (Điều lệ Đảng): call in absentees.
      const base = summarizeAttendance(roll);
      let missing = Math.ceil((2 * base.voteBase) / 3) - base.eligiblePresent;
      for (const r of roll) {
        if (missing <= 0) break;
        if (
          r.memberClass !== 'full' ||
          r.temporary ||
          r.exempt ||
          r.awayTemporarily ||
          r.status === 'present'
        )
          continue;
        r.status = 'present';
        reasons.delete(r.memberId);
        missing--;
      }
      for (const r of roll) {
        const status = r.status!;
        const reason = reasons.get(r.memberId) ?? null;
        if (status === 'present') presentIds.push(r.memberId);
        const requested = status === 'absent_excused';
        const confirmed = status === 'present' && crng.chance(0.4);
        const rsvpAt =
          requested || confirmed
            ? addMinutes(noticeAt, crng.int(10, Math.max(20, (startedAt - noticeAt) / 60_000 - 30)))
            : null;
        t.attendance.add([
          meetingId,
          r.memberId,
          r.memberClass,
          r.temporary,
          r.exempt,
          status,
          reason,
          requested ? 'absence_requested' : confirmed ? 'confirmed' : null,
          requested ? reason : null,
          rsvpAt,
          status === 'present' ? addMinutes(startedAt, -crng.int(0, 25)) : null,
          status === 'present' ? (crng.chance(0.7) ? 'tap' : 'code') : null,
        ]);
      }
      const summary = summarizeAttendance(roll);
      const guest =
        cell.kind === 'cell' && crng.chance(0.2)
          ? cell.cellType === 'village_residential'
            ? 'Đảng ủy viên, phụ trách chi bộ'
            : 'đại diện cấp ủy cấp trên'
          : null;
      if (guest) t.guest.add([crng.uuid(), meetingId, st.guestName, guest]);
      const speakers = crng.int(2, 5);
      const endClock = startMinutes + duration;
      const attendanceLine =
        `Tổng số đảng viên: ${summary.total} (chính thức ${summary.full}, dự bị ${summary.probationary}` +
        `${summary.exempt > 0 ? `, miễn sinh hoạt ${summary.exempt}` : ''}). Có mặt ${summary.present}; ` +
        `vắng có lý do ${summary.absentExcused}; vắng không lý do ${summary.absentUnexcused}.`;
      const minutesGeneral = [
        `Hồi ${clockVi(startMinutes)} ngày ${formatDateVi(date)}, tại ${location}, ${cell.name} tiến hành ${kind === 'thematic' ? 'sinh hoạt chuyên đề' : kind === 'regular_thematic' ? 'sinh hoạt thường kỳ kết hợp sinh hoạt chuyên đề' : 'sinh hoạt thường kỳ'}.`,
        `Chủ trì: đồng chí ${nameOf(officers.chair)}, Bí thư chi bộ. Thư ký: đồng chí ${nameOf(officers.scribe)}.`,
        attendanceLine,
        m.thematicTitle ? `Chuyên đề: "${m.thematicTitle}".` : '',
        `Buổi sinh hoạt kết thúc hồi ${clockVi(endClock)} cùng ngày.`,
      ]
        .filter((s) => s !== '')
        .join('\n');
      return {
        duration,
        startedAt,
        endedAt,
        adoptedAt,
        noticeAt,
        prep,
        presentIds,
        summary,
        guest,
        speakers,
        attendanceLine,
        minutesGeneral,
      };
    }

    function writeContributions(
      meetingId: string,
      agendaIds: Map<AgendaItemKey, string>,
      held: ReturnType<typeof holdMeeting>,
      kind: MeetingKind,
    ) {
      const keys: AgendaItemKey[] =
        kind === 'thematic'
          ? ['thematic', 'discussion']
          : kind === 'regular_thematic'
            ? ['previous_decision_review', 'discussion', 'thematic', 'self_criticism']
            : ['previous_decision_review', 'information', 'discussion', 'self_criticism'];
      const usable = keys.filter((k) => agendaIds.has(k));
      if (usable.length === 0 || held.presentIds.length === 0) return;
      for (let k = 0; k < held.speakers; k++) {
        const key = usable[k % usable.length]!;
        t.contribution.add([
          crng.uuid(),
          meetingId,
          agendaIds.get(key)!,
          crng.pick(held.presentIds),
          crng.pick(contributionPool[key] ?? contributionPool.discussion!),
          addMinutes(held.startedAt, 20 + ((held.duration - 40) * (k + 1)) / (held.speakers + 1)),
        ]);
      }
    }

    function meetingRow(
      held: ReturnType<typeof holdMeeting>,
      m: {
        id: string;
        kind: MeetingKind;
        month: string;
        date: string;
        dateReason: string | null;
        rule: RuleSet;
        topicId: string | null;
        officers: { chair: string | null; preparer: string | null; scribe: string | null };
        draft: string;
      },
    ) {
      const what =
        m.kind === 'thematic' ? 'sinh hoạt chuyên đề' : `sinh hoạt chi bộ tháng ${monthShort(m.month)}`;
      t.meeting.add([
        m.id,
        provinceId,
        cell.id,
        m.kind,
        m.month,
        m.date,
        m.dateReason,
        plannedTime,
        location,
        'adopted',
        m.rule.id,
        m.rule.version,
        m.topicId,
        m.officers.preparer,
        m.officers.chair,
        m.officers.scribe,
        held.prep,
        `Chi ủy họp chuẩn bị ${what}: thống nhất nội dung, dự thảo văn bản; phân công đồng chí ${nameOf(m.officers.preparer)} chuẩn bị báo cáo, đồng chí ${nameOf(m.officers.scribe)} làm thư ký.`,
        noticeContent(cell.name, m.kind, m.date, plannedTime, location, m.month, null),
        held.noticeAt,
        m.draft,
        held.startedAt,
        held.endedAt,
        held.minutesGeneral,
        held.adoptedAt,
        addMinutes(held.adoptedAt, 1),
        held.adoptedAt,
        createdBy,
        vnAt(addDays(held.prep, -1), 8 * 60),
      ]);
    }
  }

  await writeAll();
  await writeDemoMaterials(tx, prepared);
  return { meetings: t.meeting.written };
}

function noticeContent(
  cellName: string,
  kind: MeetingKind,
  date: string,
  time: string,
  location: string,
  month: string,
  extra: string | null,
): string {
  const what =
    kind === 'thematic'
      ? 'sinh hoạt chuyên đề'
      : kind === 'extraordinary'
        ? 'sinh hoạt bất thường'
        : kind === 'regular_thematic'
          ? `sinh hoạt thường kỳ kết hợp chuyên đề tháng ${monthShort(month)}`
          : `sinh hoạt thường kỳ tháng ${monthShort(month)}`;
  const [h, m] = time.split(':');
  return [
    `${cellName} thông báo triệu tập ${what}.`,
    `Thời gian: ${Number(h)} giờ ${m} phút, ngày ${formatDateVi(date)}.`,
    `Địa điểm: ${location}.`,
    'Đề nghị các đồng chí đảng viên nghiên cứu tài liệu trên Sổ tay đảng viên, dự họp đầy đủ, đúng giờ; trường hợp vắng mặt báo cáo Bí thư chi bộ và nêu rõ lý do.',
    extra ?? '',
  ]
    .filter((s) => s !== '')
    .join('\n');
}
