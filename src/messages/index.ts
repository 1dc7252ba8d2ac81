// Messages by code: the server and the domain say what is wrong (or what a piece of evidence shows) as a code
// with parameters; each catalogue renders it in its language. The server renders Vietnamese into documents and
// into `message` of every error answer; the web renders the code in the UI's language.
import { z } from 'zod';
import { en } from './en/index.ts';
import { vi } from './vi/index.ts';

export type MessageCode = keyof typeof vi;
export type Language = 'vi' | 'en';
export type MessageParam = string | number | Message;
export interface Message {
  code: MessageCode;
  params?: Record<string, MessageParam>;
}

export const catalogs: Record<Language, Record<MessageCode, string>> = { vi, en };

/** A message with its parameters: `message('meeting.not_started')`, `message('task.due', { date: '03/01/2026' })`. */
export function message(code: MessageCode, params?: Record<string, MessageParam>): Message {
  return params ? { code, params } : { code };
}

export function isMessageCode(s: unknown): s is MessageCode {
  return typeof s === 'string' && Object.hasOwn(vi, s);
}

export function isMessage(x: unknown): x is Message {
  return typeof x === 'object' && x !== null && isMessageCode((x as { code?: unknown }).code);
}

const zodLocales = { vi: z.locales.vi, en: z.locales.en } as const;

/** One message in a language. Parameters fill `{name}`; a parameter that is itself a message is rendered first. */
export function render(language: Language, m: Message): string {
  const params = m.params ?? {};
  if (m.code === 'validation.zod_issue') {
    // A zod issue without words of ours: zod's own locale names the rule (type, length, format…).
    const out = zodLocales[language]().localeError?.(params as unknown as Parameters<z.core.$ZodErrorMap>[0]);
    const text = typeof out === 'string' ? out : out?.message;
    if (text) return text;
  }
  return catalogs[language][m.code].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'object' ? render(language, v) : String(v);
  });
}

/** The placeholders a template uses, in order of first use. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!))];
}

export const renderVi = (m: Message) => render('vi', m);
