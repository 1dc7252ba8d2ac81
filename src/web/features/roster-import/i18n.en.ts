// English texts of importing a member roster from a spreadsheet; the same keys as i18n.vi.ts (checked by the type).
import type { Translation } from '../../i18n/types.ts';
import type { rosterImportVi } from './i18n.vi.ts';

export const rosterImportEn: Translation<typeof rosterImportVi> = {
  import: {
    title: 'Import a member roster',
    intro:
      'Upload an Excel (.xlsx) or .csv file with the members of one cell. Every row is checked first; nothing is saved until you press "Save to the list".',
    organization: 'Cell receiving the roster',
    file: 'Roster file',
    fileHint: '.xlsx or .csv file, at most 20 MB',
    filePlaceholder: 'Click to choose a file',
    chooseOrganization: 'Please choose the cell',
    chooseFile: 'Please choose a file',
    wrongType: 'Only .xlsx or .csv files are accepted',
    tooLarge: 'The file is too large (at most 20 MB)',
    upload: 'Upload and check',
    uploading: 'Uploading…',
    parsing: 'Checking the file…',
    committing: 'Saving to the list…',
    progress: 'Processed {{done}}/{{total}} rows',
    invalidTitle: 'The file has {{count}} problems',
    invalidAlert: 'Nothing was saved. Please fix the file and upload it again.',
    problemsLabel: 'Problems in the file',
    colRow: 'Row',
    colColumn: 'Column',
    colReason: 'Reason',
    readyTitle: 'The file is valid',
    summary: '{{create}} new, {{update}} updated',
    totalRows: 'Rows in total: {{count}}',
    previewTitle: 'Preview of the first rows',
    actionCreate: 'New',
    actionUpdate: 'Update',
    colAction: 'Action',
    commit: 'Save to the list',
    startOver: 'Upload another file',
    committedTitle: 'Saved to the list',
    committedText: '{{create}} members added and {{update}} updated.',
    openList: 'Open the member list',
    failedTitle: 'The roster could not be imported',
    fileName: 'File: {{name}}',
  },
};
