// English messages of roster import. Column labels are the file's own (Vietnamese) and stay as written.
import type { roster as vi } from '../vi/roster.ts';

export const roster: Record<keyof typeof vi, string> = {
  'roster.forbidden': 'You may not import a roster for this organisation',
  'roster.cell_only': 'A roster is imported for one party cell at a time',
  'roster.unsupported_extension': "Files of type '{extension}' are not accepted: only .xlsx or .csv.",
  'roster.no_extension': 'Files without an extension are not accepted: only .xlsx or .csv.',
  'roster.old_excel':
    'Files of type \'.xls\' are not accepted: only .xlsx or .csv. An old Excel file (.xls): open it in Excel and "Save as" Excel Workbook (.xlsx).',
  'roster.only_xlsx_csv': 'Only .xlsx or .csv files are accepted',
  'roster.unreadable': "Cannot read the file '{file}': {reason}",
  'roster.broken_xlsx': 'the file is damaged or not an Excel file (.xlsx)',
  'roster.csv_not_utf8': 'the CSV file is not in UTF-8; in Excel choose "Save as" CSV UTF-8',
  'roster.no_header':
    'No header row in the first {rows} rows of the file. At least the column «Họ và tên» (full name) is needed; the columns that can be read: {columns}.',
  'roster.no_header_short': 'No header row with «Họ và tên» (full name)',
  'roster.too_large': 'The file is {size} MB, over the limit of {limit} MB',
  'roster.no_rows': 'The file has no member rows under the header row',
  'roster.no_data': 'No data',
  'roster.too_many_rows': 'The file has {rows} rows; one import takes at most {limit}',
  'roster.internal_error': 'System error while processing the file: {detail}',
  'roster.interrupted': 'The server restarted while processing; upload the file again',
  'roster.twin':
    'Same name and date of birth as a member attending this cell, but a different {card} or {citizenId}; check it so as not to create two profiles for one person',
  'roster.identifiers_of_two': '{card} and {citizenId} belong to two different members in the system',
  'roster.member_left':
    "{column} '{value}' belongs to a member who no longer attends in the system; they are not imported again through a roster",
  'roster.other_cell':
    "{column} '{value}' already belongs to another cell; transfer the member by the procedure, not through a roster",
  'roster.same_member_as_row': "{column} '{value}': the same member as row {row}",
  'roster.identifier_taken': "{column} '{value}' is already used by another member",
  'roster.import_not_found': 'Roster import not found',
  'roster.status.parsing': 'The file is being checked; wait until the check is done',
  'roster.status.invalid':
    'The file still has problems and cannot be saved. Fix the rows with problems and upload the file again',
  'roster.status.committing': 'The roster is being saved',
  'roster.status.committed': 'This roster has already been saved',
  'roster.status.failed': 'This import failed; upload the file again',
  'roster.changed_since_check':
    'The data changed since the file was checked (row {row}: {problem}). Upload the file again.',
  'roster.row_matches_other':
    'The data changed since the file was checked (row {row} matches another member). Upload the file again.',
  'roster.imported_event_note': 'Imported from a roster',
};
