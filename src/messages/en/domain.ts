// English messages of the domain shared by every area: numbers, lists, document citations, verbatim text.
import type { domain as vi } from '../vi/domain.ts';

export const domain: Record<keyof typeof vi, string> = {
  'text.verbatim': '{text}',
  'number.decimal': '{whole}.{fraction}',
  'number.percent': '{value}%',
  'list.semicolon': '{first}; {rest}',
  'list.comma': '{first}, {rest}',
  'list.and': '{first} and {last}',
  'document.citation': '{type} {number}',
  'document.party_charter': 'the Party Charter',
  'document.type.directive': 'Directive',
  'document.type.guidance': 'Guidance',
  'document.type.resolution': 'Resolution',
  'document.type.regulation': 'Regulation',
  'document.type.conclusion': 'Conclusion',
  'document.type.decision': 'Decision',
  'document.type.charter': 'Charter',
};
