import type { TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';

/**
 * A workspace edit made with `changes` (uri → edits), as a client that takes `documentChanges` should
 * get it: each file's edits name the version they were made for (an open document's editor version;
 * `null` for a file read from disk), so that the editor refuses them if the text has changed since,
 * rather than applying them at the wrong places. Clients without `documentChanges` get it as it is.
 */
export function versionedEdit(edit: WorkspaceEdit, documentChanges: boolean, versionOf: (uri: string) => number | null): WorkspaceEdit {
  if (!documentChanges || !edit.changes) return edit;
  const documentEdits: TextDocumentEdit[] = Object.entries(edit.changes).map(([uri, edits]) => ({ textDocument: { uri, version: versionOf(uri) }, edits }));
  return { documentChanges: documentEdits };
}
