// The message catalogues of src/messages (ADR 007) as the web uses them: Vietnamese in the entry, English added by
// the English chunk (./en.ts) when English is chosen, so a member reading Vietnamese never downloads it. Renders
// with the same renderer as src/messages/index.ts (messages/core.ts), which imports both catalogues for the server.
import {
  type Language,
  type Message,
  type MessageCode,
  type MessageParam,
  message,
  rendererOf,
} from '../../messages/core.ts';
import { vi } from '../../messages/vi/index.ts';

export { message };
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

export function isMessageCode(s: unknown): s is MessageCode {
  return typeof s === 'string' && Object.hasOwn(vi, s);
}

/** One message in a language (Vietnamese until English is loaded). */
export const render: (language: Language, m: Message) => string = rendererOf(catalog);
