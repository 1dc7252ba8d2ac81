// What every message renderer shares, with no catalogue imported: the server's index.ts renders with both
// catalogues; the web (src/web/i18n/catalogs.ts) with Vietnamese built in and English added when chosen.
import type { z } from 'zod';
// zod's locales alone (not zod): the web renders form issues with them and keeps zod out of a page's first load.
import zodEnglish from 'zod/v4/locales/en.js';
import zodVietnamese from 'zod/v4/locales/vi.js';
import type { vi } from './vi/index.ts';

export type MessageCode = keyof typeof vi;
export type Language = 'vi' | 'en';
export type MessageParam = string | number | Message;
export interface Message {
  code: MessageCode;
  params?: Record<string, MessageParam>;
}

/** A message with its parameters: `message('meeting.not_started')`, `message('task.due', { date: '03/01/2026' })`. */
export function message(code: MessageCode, params?: Record<string, MessageParam>): Message {
  return params ? { code, params } : { code };
}

const zodLocales = { vi: zodVietnamese, en: zodEnglish } as const;

/**
 * A renderer over the catalogue a language has: parameters fill `{name}`; a parameter that is itself a message is
 * rendered first; a zod issue without words of ours is worded by zod's own locale (type, length, format…).
 */
export function rendererOf(catalogOf: (language: Language) => Record<MessageCode, string>) {
  const render = (language: Language, m: Message): string => {
    const params = m.params ?? {};
    if (m.code === 'validation.zod_issue') {
      const out = zodLocales[language]().localeError?.(
        params as unknown as Parameters<z.core.$ZodErrorMap>[0],
      );
      const text = typeof out === 'string' ? out : out?.message;
      if (text) return text;
    }
    return catalogOf(language)[m.code].replace(/\{(\w+)\}/g, (whole, name: string) => {
      const v = params[name];
      if (v === undefined) return whole;
      return typeof v === 'object' ? render(language, v) : String(v);
    });
  };
  return render;
}
