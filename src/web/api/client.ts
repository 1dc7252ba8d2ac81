// A small typed fetch client: sends the session cookie, parses the error envelope into ApiError, checks responses.
import type { z } from 'zod';
import { type ErrorCode, errorCodes, errorResponse } from '../../contracts/errors.ts';

export interface FieldIssue {
  path: string;
  message: string;
}

/** An answer of the API that is not a success, with the server's Vietnamese message and per-field issues. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[];

  constructor(status: number, code: string, message: string, issues: FieldIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }

  /** The first message per field, keyed by the field's path ('fullName', 'parts.0.name'). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const i of this.issues) if (!(i.path in out)) out[i.path] = i.message;
    return out;
  }

  /** The message to show: the server's words, or the English default for a known code when the UI is English. */
  messageFor(language: string): string {
    const known = errorCodes[this.code as ErrorCode];
    if (language.startsWith('en') && known && this.message === known.vi) return known.en;
    return this.message;
  }
}

export const isNotFound = (e: unknown): boolean => e instanceof ApiError && e.status === 404;
export const isUnauthenticated = (e: unknown): boolean => e instanceof ApiError && e.status === 401;

type Query = Record<string, string | number | boolean | null | undefined>;

/** '/members' + {q:'Đức', limit:50} → '/members?q=%C4%90%E1%BB%A9c&limit=50'; empty values are left out. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function toApiError(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  const parsed = errorResponse.safeParse(body);
  if (parsed.success) {
    const e = parsed.data.error;
    // An error raised without words carries its code as the message; show the code's Vietnamese text instead.
    const known = errorCodes[e.code as ErrorCode];
    const message = known && (e.message === '' || e.message === e.code) ? known.vi : e.message;
    return new ApiError(res.status, e.code, message, e.issues ?? []);
  }
  const fallback: ErrorCode =
    res.status === 401
      ? 'unauthenticated'
      : res.status === 404
        ? 'not_found'
        : res.status === 413
          ? 'payload_too_large'
          : 'internal';
  return new ApiError(res.status, fallback, errorCodes[fallback].vi);
}

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
}

async function request(method: string, path: string, options: RequestOptions = {}): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'Không kết nối được máy chủ. Hãy kiểm tra mạng và thử lại.');
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return null;
  return res.json();
}

/** Checks a response against its contract, so a server that drifts from it fails loudly here. */
function check<T>(schema: z.ZodType<T> | undefined, data: unknown, path: string): T {
  if (!schema) return data as T;
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    console.error(`Response of ${path} does not match its contract`, parsed.error.issues);
    throw new ApiError(0, 'invalid_response', 'Dữ liệu máy chủ trả về không đúng định dạng.');
  }
  return parsed.data;
}

/** `api.get(path, schema)` returns the schema's type; `api.get<T>(path)` trusts the server. */
export const api = {
  async get<T>(path: string, schema?: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
    return check(schema, await request('GET', path, { signal }), path);
  },
  async post<T>(path: string, body: unknown, schema?: z.ZodType<T>): Promise<T> {
    return check(schema, await request('POST', path, { body }), path);
  },
  async patch<T>(path: string, body: unknown, schema?: z.ZodType<T>): Promise<T> {
    return check(schema, await request('PATCH', path, { body }), path);
  },
  async delete<T>(path: string, schema?: z.ZodType<T>): Promise<T> {
    return check(schema, await request('DELETE', path), path);
  },
  /** Multipart upload (a file plus text fields). */
  async upload<T>(path: string, form: FormData, schema?: z.ZodType<T>): Promise<T> {
    return check(schema, await request('POST', path, { body: form }), path);
  },
};
