// Scoring frameworks: the built-in ones and those loaded as JSON, which one governs an organisation on a date
// (assigned to subtrees from a date), and their view for the scorecard form.
import type { z } from 'zod';
import type { assignFrameworkBody } from '../../../contracts/scoring.ts';
import { documentLabel } from '../../../domain/meeting-rules.ts';
import { type Actor, can } from '../../../domain/permissions.ts';
import {
  governingFramework,
  frameworkFieldPath,
  parseScoringFramework,
  type ScoringFramework,
} from '../../../domain/scoring-schema.ts';
import { builtInScoringFrameworks } from '../../../domain/scoring-frameworks.ts';
import { todayIso } from '../../../domain/dates.ts';
import { labelToId } from '../../../domain/tree.ts';
import { message } from '../../../messages/index.ts';
import { percent, verbatim } from '../../../domain/messages.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { getVisibleNode } from '../organizations/organizations.service.ts';
import * as repo from './scoring.repository.ts';

interface Meta {
  ip: string | null;
}

/** Built-in frameworks and those loaded by administrators. */
export async function allFrameworks(q: Queryable): Promise<ScoringFramework[]> {
  const loaded = (await repo.listLoadedFrameworkDefinitions(q)).flatMap((definition) => {
    const parsed = parseScoringFramework(definition);
    return parsed.ok ? [parsed.framework] : [];
  });
  return [...builtInScoringFrameworks, ...loaded];
}

/** Answers "which framework governs here on this date" for an organisation's chain, loading assignments once. */
export async function frameworkResolver(q: Queryable, path: string) {
  const chain = path.split('.').map(labelToId);
  const [frameworks, rows] = await Promise.all([allFrameworks(q), repo.listFrameworkAssignments(q, chain)]);
  const depthOf = new Map(chain.map((id, i) => [id, i]));
  const assignments = rows.map((r) => ({
    frameworkId: r.framework_id,
    effectiveFrom: r.effective_from,
    depth: depthOf.get(r.organization_id)!,
  }));
  return (date: string) => governingFramework(frameworks, assignments, date)?.framework ?? null;
}

const documentOf = (f: ScoringFramework) =>
  f.document ? documentLabel(f.document as Parameters<typeof documentLabel>[0]) : null;

/** The framework as the scorecard form shows it: groups, criteria and the options of each. */
export function frameworkView(f: ScoringFramework) {
  return {
    id: f.id,
    version: f.version,
    title: f.title,
    document: documentOf(f),
    note: f.note ?? null,
    total: f.total,
    groups: f.groups.map((g) => ({
      id: g.id,
      title: g.title,
      max: g.max,
      criteria: g.criteria.map((c) => ({
        id: c.id,
        title: c.title,
        max: c.max,
        type: c.type,
        options:
          c.type === 'levels'
            ? // A level's label is the framework's own words, shown as written.
              (c.levels ?? []).map((l) => ({ points: l.points, label: verbatim(l.label) }))
            : c.type === 'toggle'
              ? [
                  { points: c.max, label: message('scoring.option_met') },
                  { points: 0, label: message('scoring.option_not_met') },
                ]
              : c.type === 'ratio_bands'
                ? (c.bands ?? []).map((b) => ({
                    points: b.points,
                    label: message('scoring.option_at_least', { share: percent(b.minRatio, 0) }),
                  }))
                : [],
        automatic: !!c.source,
        appliesWhen: c.appliesWhen ?? null,
        bonus: !!c.bonus,
      })),
    })),
    mandatoryFullMarks: f.ratings.mandatoryFullMarks,
    definition: f as unknown as Record<string, unknown>,
  };
}

export async function listFrameworks(db: Queryable, actor: Actor, organizationId: string) {
  const node = await getVisibleNode(db, actor, organizationId);
  const frameworks = await allFrameworks(db);
  const governing = (await frameworkResolver(db, node.path))(todayIso());
  return {
    items: frameworks.map((f) => ({
      id: f.id,
      version: f.version,
      title: f.title,
      document: documentOf(f),
      effectiveFrom: f.effectiveFrom,
      scope: f.scope,
      builtIn: builtInScoringFrameworks.includes(f),
    })),
    governing: governing ? { id: governing.id, version: governing.version, title: governing.title } : null,
  };
}

export async function assignFramework(
  db: Database,
  actor: Actor,
  organizationId: string,
  input: z.infer<typeof assignFrameworkBody>,
  meta: Meta,
) {
  return db.transaction(async (tx) => {
    const node = await getVisibleNode(tx, actor, organizationId);
    if (!can(actor, 'scoringFramework.assign', { type: 'organization', path: node.path })) {
      throw new AppError('forbidden', message('scoring.assign_forbidden'));
    }
    const framework = (await allFrameworks(tx)).find((f) => f.id === input.frameworkId);
    if (!framework) {
      throw new AppError('validation_failed', message('scoring.framework_unknown'), [
        { path: 'frameworkId', message: message('scoring.framework_choose_known') },
      ]);
    }
    const id = await repo.insertFrameworkAssignment(tx, {
      provinceId: node.province_id,
      organizationId: node.id,
      frameworkId: framework.id,
      effectiveFrom: input.effectiveFrom,
      documentRef: input.documentRef ?? null,
      createdBy: actor.accountId,
    });
    await recordAudit(tx, {
      chain: node.province_id,
      actorAccountId: actor.accountId,
      action: 'scoringFramework.assign',
      entity: 'scoring_framework_assignment',
      entityId: id,
      after: { organizationId: node.id, ...input },
      ip: meta.ip,
    });
    return { id };
  });
}

/** Loads a framework file (a province's own framework); a file that breaks the schema is refused with every path. */
export async function loadFramework(db: Database, actor: Actor, definition: unknown, meta: Meta) {
  if (!can(actor, 'scoringFramework.load')) {
    throw new AppError('forbidden', message('scoring.load_forbidden'));
  }
  const parsed = parseScoringFramework(definition);
  if (!parsed.ok) {
    // Each problem under the body's field at its own path, so a nested criterion's problem names that criterion.
    const issues = parsed.problems.map((p) => ({
      path: frameworkFieldPath('definition', p),
      message: p.message,
    }));
    throw new AppError('validation_failed', message('scoring.framework_invalid'), issues);
  }
  const f = parsed.framework;
  if (builtInScoringFrameworks.some((b) => b.id === f.id)) {
    throw new AppError('conflict', message('scoring.framework_id_built_in'), [
      { path: 'id', message: message('scoring.framework_id_other') },
    ]);
  }
  await db.transaction(async (tx) => {
    await repo.insertFramework(tx, { id: f.id, version: f.version, definition, createdBy: actor.accountId });
    await recordAudit(tx, {
      chain: '',
      actorAccountId: actor.accountId,
      action: 'scoringFramework.load',
      entity: 'scoring_framework',
      entityId: `${f.id}@${f.version}`,
      after: { title: f.title },
      ip: meta.ip,
    });
  });
  return { id: f.id, version: f.version };
}
