// Vietnamese messages of the domain shared by every area: numbers, lists, document citations, verbatim text.
export const domain = {
  'text.verbatim': '{text}',
  'number.decimal': '{whole},{fraction}',
  'number.percent': '{value}%',
  'list.semicolon': '{first}; {rest}',
  'list.comma': '{first}, {rest}',
  'list.and': '{first} và {last}',
  'document.citation': '{type} {number}',
  'document.party_charter': 'Điều lệ Đảng',
  'document.type.directive': 'Chỉ thị',
  'document.type.guidance': 'Hướng dẫn',
  'document.type.resolution': 'Nghị quyết',
  'document.type.regulation': 'Quy định',
  'document.type.conclusion': 'Kết luận',
  'document.type.decision': 'Quyết định',
  'document.type.charter': 'Điều lệ',
} as const;
