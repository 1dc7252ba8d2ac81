// A small typed fetch client: sends the session cookie, parses the error envelope into ApiError, checks responses.
import type { z } from 'zod';
import { type ErrorCode, errorCodes, errorResponse } from '../../contracts/errors.ts';
import {
  isMessageCode,
  type Language,
  type Message,
  type MessageCode,
  type MessageParam,
  message,
  render,
} from '../i18n/catalogs.ts';

export interface FieldIssue {
  path: string;
  /** The server's Vietnamese words. */
  message: string;
  messageCode?: string;
  params?: Record<string, unknown>;
}

const languageOf = (language: string): Language => (language.startsWith('en') ? 'en' : 'vi');

/** The catalogue message of a wire message, when its code is one the catalogues know. */
function known(code: string | undefined, params: Record<string, unknown> | undefined): Message | null {
  return isMessageCode(code) ? message(code, params as Record<string, MessageParam> | undefined) : null;
}

/** An answer of the API that is not a success: its code, the problem as a catalogue message, per-field issues. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[];
  readonly detail: Message | null;

  constructor(status: number, code: string, detail: Message | string, issues: FieldIssue[] = []) {
    super(typeof detail === 'string' ? detail : render('vi', detail));
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.detail = typeof detail === 'string' ? null : detail;
  }

  /** The first message per field, keyed by the field's path ('fullName', 'parts.0.name'), in the UI's language. */
  fieldErrors(language = 'vi'): Record<string, string> {
    const out: Record<string, string> = {};
    for (const i of this.issues) {
      if (i.path in out) continue;
      const m = known(i.messageCode, i.params);
      out[i.path] = m ? render(languageOf(language), m) : i.message;
    }
    return out;
  }

  /** The message to show in the UI's language. */
  messageFor(language: string): string {
    return this.detail ? render(languageOf(language), this.detail) : this.message;
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

const codeMessage = (code: ErrorCode): Message => message(`error.${code}` as MessageCode);

/** An ApiError from a failed answer: the envelope's message code, else the error code's own words. */
export async function toApiError(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  const parsed = errorResponse.safeParse(body);
  if (parsed.success) {
    const e = parsed.data.error;
    const detail =
      known(e.messageCode, e.params) ??
      (e.code in errorCodes && (e.message === '' || e.message === e.code)
        ? codeMessage(e.code as ErrorCode)
        : null);
    return new ApiError(res.status, e.code, detail ?? e.message, e.issues ?? []);
  }
  const fallback: ErrorCode =
    res.status === 401
      ? 'unauthenticated'
      : res.status === 404
        ? 'not_found'
        : res.status === 413
          ? 'payload_too_large'
          : 'internal';
  return new ApiError(res.status, fallback, codeMessage(fallback));
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
    throw new ApiError(0, 'network', message('client.network'));
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
    throw new ApiError(0, 'invalid_response', message('client.invalid_response'));
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
  async put<T>(path: string, body: unknown, schema?: z.ZodType<T>): Promise<T> {
    return check(schema, await request('PUT', path, { body }), path);
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
