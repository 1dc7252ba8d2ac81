// Routes of roster import (upload, progress and problems, commit) and of the roster export as .xlsx.
import { createRoute, z } from '@hono/zod-openapi';
import { uuid } from '../../../contracts/common.ts';
import {
  exportQuery,
  rosterImportCreated,
  rosterImportView,
  rosterUploadForm,
} from '../../../contracts/roster-import.ts';
import {
  commonErrors,
  createRouter,
  errorResponseOf,
  jsonResponseOf,
  requestMeta as meta,
} from '../../platform/http.ts';
import { reads, who } from '../../platform/routes.ts';
import * as exporter from './roster-export.service.ts';
import * as service from './roster-import.service.ts';

const err = errorResponseOf;
const ok = jsonResponseOf;
const common = commonErrors;
const idParam = z.object({ id: uuid });
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 6266: an ASCII fallback name, and the real name percent-encoded as UTF-8 (RFC 8187). */
function contentDisposition(file: exporter.RosterFile): string {
  const encoded = encodeURIComponent(file.fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encoded}`;
}

export const rosterImportRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/roster-imports',
      tags: ['roster-import'],
      summary:
        'Upload a cell’s roster (.xlsx or .csv); the rows are checked in the background (poll the import)',
      request: { body: { content: { 'multipart/form-data': { schema: rosterUploadForm } }, required: true } },
      responses: {
        202: ok(rosterImportCreated, 'Accepted; being checked'),
        ...common,
        403: err('Not allowed'),
        413: err('File too large'),
        415: err('Not an .xlsx or .csv file'),
        429: err('This account already has two files being made or read, or the server is busy'),
      },
    }),
    async (c) => c.json(await service.startImport(...who(c), c.req.valid('form'), meta(c)), 202),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/roster-imports/{id}',
      tags: ['roster-import'],
      summary: 'An import’s status, progress, every problem and the first rows as they will be saved',
      request: { params: idParam },
      responses: { 200: ok(rosterImportView), ...common },
    }),
    async (c) => c.json(await service.getView(...who(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/roster-imports/{id}/commit',
      tags: ['roster-import'],
      summary: 'Save a checked import, all rows or none, in the background (poll the import)',
      request: { params: idParam },
      responses: {
        202: ok(rosterImportCreated, 'Accepted; being saved'),
        ...common,
        403: err('Not allowed'),
        422: err('Not ready: still being checked, has problems, or already saved'),
      },
    }),
    async (c) => c.json(await service.commitImport(...who(c), c.req.valid('param').id, meta(c)), 202),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/members/export.xlsx',
      tags: ['roster-import'],
      summary: 'The roster of an organisation and its subtree as .xlsx, in the columns the import reads',
      request: { query: exportQuery },
      responses: {
        200: {
          description: 'The workbook',
          content: { [xlsxType]: { schema: z.string().meta({ format: 'binary' }) } },
        },
        ...common,
        429: err('This account already has two files being made or read, or the server is busy'),
      },
    }),
    async (c) => {
      const file = await exporter.exportRoster(...reads(c), c.req.valid('query').organizationId);
      return c.body(new Uint8Array(file.bytes), 200, {
        'content-type': xlsxType,
        'content-disposition': contentDisposition(file),
        'cache-control': 'no-store',
      });
    },
  );
