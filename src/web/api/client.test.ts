import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { en } from '../../messages/en/index.ts';
import { addEnglishCatalog, catalog, message, render } from '../i18n/catalogs.ts';
import { ApiError, api, errorEnvelope, withQuery } from './client.ts';

function answer(status: number, body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
    ),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('message catalogues in the browser', () => {
  // The first test of the file: English words come only with the English chunk (src/web/i18n/en.ts).
  it('renders in Vietnamese until the English catalogue is added, then in English', () => {
    const m = message('client.network');
    expect(catalog('en')).not.toBe(en);
    expect(render('en', m)).toBe(render('vi', m));
    addEnglishCatalog(en);
    expect(render('en', m)).toBe(en['client.network']);
    expect(render('en', m)).not.toBe(render('vi', m));
  });
});

describe('withQuery', () => {
  it('leaves out empty values and encodes Vietnamese text', () => {
    expect(withQuery('/members', { q: 'Đức', status: undefined, exempt: '', limit: 50 })).toBe(
      '/members?q=%C4%90%E1%BB%A9c&limit=50',
    );
    expect(withQuery('/members', {})).toBe('/members');
  });
});

describe('api errors', () => {
  // The app adds English before it renders anything in English.
  beforeAll(() => addEnglishCatalog(en));

  it('carries the server message and the issues per field', async () => {
    answer(400, {
      error: {
        code: 'validation_failed',
        message: 'Dữ liệu không hợp lệ',
        messageCode: 'error.validation_failed',
        issues: [
          { path: 'citizenId', message: 'Số CCCD gồm 12 chữ số' },
          {
            path: 'phone',
            message: 'Số điện thoại đã được dùng cho đảng viên khác',
            messageCode: 'db.duplicate_phone',
          },
          { path: 'citizenId', message: 'second' },
        ],
      },
    });
    const error = await api.patch('/members/x', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    expect(e.status).toBe(400);
    expect(e.message).toBe('Dữ liệu không hợp lệ');
    expect(e.fieldErrors()).toEqual({
      citizenId: 'Số CCCD gồm 12 chữ số',
      phone: 'Số điện thoại đã được dùng cho đảng viên khác',
    });
    expect(e.messageFor('en')).toBe('Invalid input');
    expect(e.fieldErrors('en').phone).toBe('This phone number is already used by another member');
  });

  it('replaces a bare code with its Vietnamese message', async () => {
    answer(401, { error: { code: 'invalid_credentials', message: 'invalid_credentials' } });
    const e = (await api.post('/auth/login', {}).catch((x: unknown) => x)) as ApiError;
    expect(e.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng');
  });

  it('names a status without an envelope', async () => {
    answer(404, 'nope');
    const e = (await api.get('/organizations/x').catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(404);
    expect(e.code).toBe('not_found');
  });

  it('reads an envelope only when it has the shape of the contract', () => {
    expect(errorEnvelope({ error: { code: 'conflict', message: 'x' } })).toEqual({
      code: 'conflict',
      message: 'x',
    });
    expect(errorEnvelope({ error: { code: 'conflict' } })).toBeNull();
    expect(errorEnvelope({ error: { code: 1, message: 'x' } })).toBeNull();
    expect(errorEnvelope({ error: { code: 'c', message: 'x', issues: [{ path: 'a' }] } })).toBeNull();
    expect(errorEnvelope({ error: { code: 'c', message: 'x', params: [] } })).toBeNull();
    expect(errorEnvelope('nope')).toBeNull();
    expect(errorEnvelope(null)).toBeNull();
  });

  it('falls back to the status when the envelope is malformed', async () => {
    answer(409, { error: { code: 'conflict', message: 42 } });
    const e = (await api.get('/members').catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(409);
    expect(e.code).toBe('internal');
  });
});

describe('api.put', () => {
  it('sends a JSON body with PUT and returns the answer', async () => {
    answer(200, { ok: true });
    const result = await api.put<{ ok: true }>('/meetings/m/minutes', { text: 'x' });
    expect(result).toEqual({ ok: true });
    const [url, init] = vi.mocked(fetch).mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/meetings/m/minutes');
    expect(init.method).toBe('PUT');
    expect(init.body).toBe(JSON.stringify({ text: 'x' }));
  });

  it('renders a refusal by its message code, like every other verb', async () => {
    answer(409, {
      error: { code: 'conflict', message: 'Đã có người sửa', messageCode: 'error.conflict' },
    });
    const error = await api.put('/meetings/m/minutes', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).messageFor('en')).not.toBe('Đã có người sửa');
  });
});
