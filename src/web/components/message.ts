// Messages by code (ADR 007) in the UI's language: findings, evidence and reasons the server sends as
// { code, params }, rendered with the catalogues of src/messages.
import { useTranslation } from 'react-i18next';
import type { WireMessage } from '../../contracts/common.ts';
import { isMessageCode, type Language, type Message, render } from '../i18n/catalogs.ts';

export const languageOf = (language: string | undefined): Language =>
  language?.startsWith('en') ? 'en' : 'vi';

/** A message's words in a language; a code the catalogues do not know shows as sent. */
export function renderMessage(language: Language, m: WireMessage | Message): string {
  return isMessageCode(m.code) ? render(language, m as Message) : m.code;
}

/** Renders messages in the UI's language: `const msg = useMessage(); msg(finding.message)`. */
export function useMessage(): (m: WireMessage | Message | null | undefined) => string {
  const { i18n } = useTranslation();
  const language = languageOf(i18n.language);
  return (m) => (m ? renderMessage(language, m) : '');
}
