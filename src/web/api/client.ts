// A small typed fetch client: sends the session cookie, parses the error envelope into ApiError, checks responses.
import { type ErrorCode, errorCodes } from '../../contracts/error-codes.ts';
import type { ErrorResponse } from '../../contracts/errors.ts';
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

const isText = (v: unknown): v is string => typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The error of an answer shaped as the contract's envelope (`{ error: { code, message, … } }`), else null. */
export function errorEnvelope(body: unknown): ErrorResponse['error'] | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  const { code, message: words, messageCode, params, issues } = body.error;
  if (!isText(code) || !isText(words)) return null;
  if (messageCode !== undefined && !isText(messageCode)) return null;
  if (params !== undefined && !isRecord(params)) return null;
  if (
    issues !== undefined &&
    !(Array.isArray(issues) && issues.every((i) => isRecord(i) && isText(i.path) && isText(i.message)))
  )
    return null;
  return body.error as ErrorResponse['error'];
}

/** An ApiError from a failed answer: the envelope's message code, else the error code's own words. */
export async function toApiError(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  const e = errorEnvelope(body);
  if (e) {
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

/**
 * The API. Answers are typed by their contract (`api.get<z.infer<typeof meResponse>>('/me')`) and not parsed again
 * here: the server checks every JSON answer against its route's contract in every test and journey
 * (CHECK_RESPONSES, src/server/platform/http.ts), so zod and the schemas stay out of a member's first load (ADR 011).
 */
export const api = {
  async get<T = unknown>(path: string, signal?: AbortSignal): Promise<T> {
    return (await request('GET', path, { signal })) as T;
  },
  async post<T = unknown>(path: string, body: unknown): Promise<T> {
    return (await request('POST', path, { body })) as T;
  },
  async put<T = unknown>(path: string, body: unknown): Promise<T> {
    return (await request('PUT', path, { body })) as T;
  },
  async patch<T = unknown>(path: string, body: unknown): Promise<T> {
    return (await request('PATCH', path, { body })) as T;
  },
  async delete<T = unknown>(path: string): Promise<T> {
    return (await request('DELETE', path)) as T;
  },
  /** Multipart upload (a file plus text fields). */
  async upload<T = unknown>(path: string, form: FormData): Promise<T> {
    return (await request('POST', path, { body: form })) as T;
  },
};
