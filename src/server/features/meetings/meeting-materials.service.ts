// A meeting's materials: versions of each file, who has read them, uploads (through `mutate`) and downloads that
// record the reader's receipt.
import type { Actor } from '../../../domain/permissions.ts';
import { message } from '../../../messages/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { publishChange } from '../meeting-room/meeting-room.service.ts';
import { checkAttachment, iso, visibleMeeting } from './meeting-access.ts';
import { type Meta, mutate } from './meeting-write.ts';
import * as materialsRepo from './meeting-materials.repository.ts';

/** The materials as the meeting page lists them, with the reader's own receipt. */
export async function listMaterialViews(q: Queryable, meetingId: string, memberId: string | null) {
  const rows = await materialsRepo.listMaterials(q, meetingId, memberId);
  return rows.map((x) => ({
    id: x.id,
    title: x.title,
    versions: x.versions.map((v) => ({ ...v, uploadedAt: iso(v.uploadedAt)! })),
    readCount: x.read_count,
    readByMe: x.read_by_me,
  }));
}

/** A new material, or a new version of one (`materialId`): PDF, Word or an image, until the minutes are adopted. */
export async function uploadMaterial(
  db: Database,
  actor: Actor,
  meetingId: string,
  input: { file: File; title: string | null; materialId: string | null },
  meta: Meta,
) {
  const type = input.file.type || '';
  checkAttachment(type, input.file.size);
  const content = Buffer.from(await input.file.arrayBuffer());
  const audit = {
    action: 'meeting.material.upload',
    after: (r: { id: string; materialId: string }) => ({
      ...r,
      fileName: input.file.name,
      sizeBytes: content.length,
    }),
  };
  return mutate(db, actor, meetingId, 'upload_material', meta, audit, async (tx, m) => {
    let materialId = input.materialId;
    if (materialId) {
      if (!(await materialsRepo.materialExists(tx, m.id, materialId)))
        throw notFound(message('meeting.material_not_found'));
    } else {
      materialId = await materialsRepo.insertMaterial(tx, m.id, input.title?.trim() || input.file.name);
    }
    const id = await materialsRepo.insertMaterialVersion(tx, {
      materialId,
      fileName: input.file.name,
      mimeType: type,
      content,
      uploadedBy: actor.accountId,
    });
    return { id, materialId };
  });
}

/**
 * A material's file; reading it records the member's read receipt, audited when new. A receipt changes no meeting
 * state (any reader, any status), so it takes no meeting lock or version bump and records its audit row directly.
 */
export async function downloadMaterial(db: Database, actor: Actor, versionId: string, meta: Meta) {
  const v = await materialsRepo.findMaterialVersion(db, versionId);
  if (!v) throw notFound(message('meeting.material_not_found'));
  const { meeting } = await visibleMeeting(db, actor, v.meeting_id);
  const memberId = actor.memberId;
  if (memberId) {
    await db.transaction(async (tx) => {
      if (!(await materialsRepo.insertMaterialRead(tx, v.material_id, memberId))) return;
      await recordAudit(tx, {
        chain: meeting.province_id,
        actorAccountId: actor.accountId,
        action: 'meeting.material.read',
        entity: 'meeting',
        entityId: v.meeting_id,
        after: { materialId: v.material_id, memberId },
        ip: meta.ip,
      });
    });
    publishChange(db, v.meeting_id);
  }
  return { fileName: v.file_name, mimeType: v.mime_type, content: v.content };
}
