// SQL of a meeting's materials: versions of each file and read receipts.
import type { Queryable } from '../../platform/db.ts';

export interface MaterialRow {
  id: string;
  title: string;
  versions: Array<{
    id: string;
    version: number;
    fileName: string;
    mimeType: string;
    sizeBytes: number;
    uploadedAt: string;
  }>;
  read_count: number;
  read_by_me: boolean;
}

export async function listMaterials(q: Queryable, meetingId: string, memberId: string | null) {
  return q.query<MaterialRow>(
    `SELECT mt.id, mt.title,
            COALESCE((SELECT json_agg(json_build_object('id', v.id, 'version', v.version, 'fileName', v.file_name,
                       'mimeType', v.mime_type, 'sizeBytes', v.size_bytes, 'uploadedAt', v.uploaded_at)
                       ORDER BY v.version DESC) FROM meeting_material_version v WHERE v.material_id = mt.id), '[]') AS versions,
            (SELECT count(*) FROM material_read r WHERE r.material_id = mt.id)::int AS read_count,
            EXISTS (SELECT 1 FROM material_read r WHERE r.material_id = mt.id AND r.member_id = $2) AS read_by_me
       FROM meeting_material mt WHERE mt.meeting_id = $1 ORDER BY mt.created_at`,
    [meetingId, memberId],
  );
}

export async function materialExists(q: Queryable, meetingId: string, materialId: string) {
  const rows = await q.query('SELECT 1 FROM meeting_material WHERE id = $1 AND meeting_id = $2', [
    materialId,
    meetingId,
  ]);
  return rows.length > 0;
}

export async function insertMaterial(q: Queryable, meetingId: string, title: string) {
  const [row] = await q.query<{ id: string }>(
    'INSERT INTO meeting_material (meeting_id, title) VALUES ($1,$2) RETURNING id',
    [meetingId, title],
  );
  return row!.id;
}

/** Adds the next version of a material's file. */
export async function insertMaterialVersion(
  q: Queryable,
  v: { materialId: string; fileName: string; mimeType: string; content: Uint8Array; uploadedBy: string },
) {
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO meeting_material_version (material_id, version, file_name, mime_type, size_bytes, content, uploaded_by)
     SELECT $1, COALESCE(max(version), 0) + 1, $2, $3, $4, $5, $6 FROM meeting_material_version WHERE material_id = $1
     RETURNING id`,
    [v.materialId, v.fileName, v.mimeType, v.content.length, v.content, v.uploadedBy],
  );
  return row!.id;
}

export async function findMaterialVersion(q: Queryable, versionId: string) {
  const [v] = await q.query<{
    material_id: string;
    meeting_id: string;
    file_name: string;
    mime_type: string;
    content: Uint8Array;
  }>(
    `SELECT v.material_id, mt.meeting_id, v.file_name, v.mime_type, v.content FROM meeting_material_version v
       JOIN meeting_material mt ON mt.id = v.material_id WHERE v.id = $1`,
    [versionId],
  );
  return v ?? null;
}

/** Records a read receipt; answers whether it is new (a member reads a material once, however often downloaded). */
export async function insertMaterialRead(q: Queryable, materialId: string, memberId: string) {
  const rows = await q.query(
    'INSERT INTO material_read (material_id, member_id) VALUES ($1,$2) ON CONFLICT DO NOTHING RETURNING 1',
    [materialId, memberId],
  );
  return rows.length > 0;
}
