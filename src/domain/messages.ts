// How the domain words what it finds: a Message (a code with parameters, src/messages) instead of a sentence.
// Numbers with decimals, percentages, lists and document citations are messages of their own, so that each
// language writes them its way ('85,7%' in Vietnamese, '85.7%' in English). Pure, no I/O.
import {
  isMessage,
  isMessageCode,
  type Message,
  type MessageCode,
  type MessageParam,
  message,
  renderVi,
} from '../messages/index.ts';
import type { IssuingDocument } from './meeting-rules.ts';

export { isMessageCode, message, renderVi, type Message, type MessageCode, type MessageParam };

/** A rule broken by a caller: the problem as a message; `message` is its Vietnamese words (logs, tests). */
export class DomainError extends Error {
  constructor(readonly problem: Message) {
    super(renderVi(problem));
    this.name = 'DomainError';
  }
}

/** A number rounded to `digits` decimals, trailing zeros dropped: 12 → 12; 2.5 → '2,5' (vi) / '2.5' (en). */
export function decimal(n: number, digits = 2): MessageParam {
  const rounded = Math.round(n * 10 ** digits) / 10 ** digits;
  const fixed = rounded.toFixed(digits);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  const [whole, fraction] = trimmed.split('.');
  return fraction === undefined ? whole! : message('number.decimal', { whole: whole!, fraction });
}

/** A share 0..1 as a percentage: 0.857142 → '85,7%' (vi) / '85.7%' (en), as formatPercentVi rounds it. */
export function percent(share: number, digits = 1): Message {
  return message('number.percent', { value: decimal(share * 100, digits) });
}

type ListKind = 'semicolon' | 'comma' | 'and';

/** Items joined: 'a; b; c' (semicolon), 'a, b, c' (comma), 'a, b và c' (and). */
export function list(items: readonly MessageParam[], kind: ListKind = 'semicolon'): MessageParam {
  if (items.length === 0) return '';
  if (items.length === 1) return items[0]!;
  if (kind === 'and') {
    const head = list(items.slice(0, -1), 'comma');
    return message('list.and', { first: head, last: items[items.length - 1]! });
  }
  return message(`list.${kind}`, { first: items[0]!, rest: list(items.slice(1), kind) });
}

const documentTypeCode: Record<string, MessageCode> = {
  'Chỉ thị': 'document.type.directive',
  'Hướng dẫn': 'document.type.guidance',
  'Nghị quyết': 'document.type.resolution',
  'Quy định': 'document.type.regulation',
  'Kết luận': 'document.type.conclusion',
  'Quyết định': 'document.type.decision',
  'Điều lệ': 'document.type.charter',
};

/** Messages joined with semicolons, as one message: at least one is needed. */
export function joined(ms: readonly [Message, ...Message[]] | readonly Message[]): Message {
  if (ms.length === 0) throw new Error('joined: no message');
  return list(ms) as Message;
}

/** A message as it travels (a contract's `messageSchema`): a known code is a message, anything else verbatim. */
export interface WireMessage {
  code: string;
  params?: Record<string, unknown>;
}
export function fromWire(w: WireMessage): Message {
  return isMessageCode(w.code) ? (w as Message) : verbatim(w.code);
}

/** The Vietnamese words of a message, for a document or a column that holds Vietnamese text; null stays null. */
export function viText(m: WireMessage | null): string | null {
  return m ? renderVi(fromWire(m)) : null;
}

/** A document as cited in a finding: 'Chỉ thị 50-CT/TW' / 'Directive 50-CT/TW'; the Party Charter by name. */
export function citation(
  doc: Pick<IssuingDocument, 'type' | 'number'> | { type: string; number: string },
): Message {
  if (doc.type === 'Điều lệ' && doc.number === 'Đảng') return message('document.party_charter');
  const type = documentTypeCode[doc.type];
  return type
    ? message('document.citation', { type: message(type), number: doc.number })
    : message('text.verbatim', { text: `${doc.type} ${doc.number}` });
}

/** Text written by a person (or stored before messages had codes), shown as written in every language. */
export function verbatim(text: string): Message {
  return message('text.verbatim', { text });
}

/** A message as stored in a text column: its JSON. */
export function storedText(m: Message): string {
  return JSON.stringify(m);
}

/** A stored text column read back: a message stored as JSON, or older plain text shown as written. */
export function fromStoredText(text: string): Message;
export function fromStoredText(text: string | null): Message | null;
export function fromStoredText(text: string | null): Message | null {
  if (text === null) return null;
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (isMessage(parsed)) return parsed;
    } catch {
      // plain text that happens to start with a brace
    }
  }
  return verbatim(text);
}
