// The message catalogues of src/messages (ADR 007) as the web uses them: Vietnamese in the entry, English added by
// the English chunk (./en.ts) when English is chosen, so a member reading Vietnamese never downloads it. Renders
// like `render` of src/messages/index.ts (which imports both catalogues, for the server).
import { z } from 'zod';
import type { Language, Message, MessageCode, MessageParam } from '../../messages/index.ts';
import { vi } from '../../messages/vi/index.ts';

export type { Language, Message, MessageCode, MessageParam };

let english: Record<MessageCode, string> | undefined;

/** Called by ./en.ts when the English chunk loads. */
export function addEnglishCatalog(catalog: Record<MessageCode, string>) {
  english = catalog;
}

/** The catalogue of a language; Vietnamese until the English chunk is there. */
export function catalog(language: Language): Record<MessageCode, string> {
  return language === 'en' && english ? english : vi;
}

/** The catalogues loaded so far. */
export const loadedCatalogs = (): Record<MessageCode, string>[] => (english ? [vi, english] : [vi]);

export function message(code: MessageCode, params?: Record<string, MessageParam>): Message {
  return params ? { code, params } : { code };
}

export function isMessageCode(s: unknown): s is MessageCode {
  return typeof s === 'string' && Object.hasOwn(vi, s);
}

const zodLocales = { vi: z.locales.vi, en: z.locales.en } as const;

/** One message in a language. Parameters fill `{name}`; a parameter that is itself a message is rendered first. */
export function render(language: Language, m: Message): string {
  const params = m.params ?? {};
  if (m.code === 'validation.zod_issue') {
    const out = zodLocales[language]().localeError?.(params as unknown as Parameters<z.core.$ZodErrorMap>[0]);
    const text = typeof out === 'string' ? out : out?.message;
    if (text) return text;
  }
  return catalog(language)[m.code].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'object' ? render(language, v) : String(v);
  });
}
