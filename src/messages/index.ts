// Messages by code: the server and the domain say what is wrong (or what a piece of evidence shows) as a code
// with parameters; each catalogue renders it in its language. The server renders Vietnamese into documents and
// into `message` of every error answer; the web renders the code in the UI's language.
import { en } from './en/index.ts';
import { type Language, type Message, type MessageCode, rendererOf } from './core.ts';
import { vi } from './vi/index.ts';

export { message, type Language, type Message, type MessageCode, type MessageParam } from './core.ts';

export const catalogs: Record<Language, Record<MessageCode, string>> = { vi, en };

export function isMessageCode(s: unknown): s is MessageCode {
  return typeof s === 'string' && Object.hasOwn(vi, s);
}

export function isMessage(x: unknown): x is Message {
  return typeof x === 'object' && x !== null && isMessageCode((x as { code?: unknown }).code);
}

/** One message in a language. */
export const render: (language: Language, m: Message) => string = rendererOf(
  (language) => catalogs[language],
);

/** The placeholders a template uses, in order of first use. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!))];
}

export const renderVi = (m: Message) => render('vi', m);
