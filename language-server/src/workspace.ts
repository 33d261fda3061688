import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  checkFile,
  isPlankitFile,
  kindOfFile,
  type AstNode,
  type FileCheck,
  type FileHost,
  type IsoDate,
  type LineIndex,
  type ParsedSource,
} from '@plankit/core';
import { readPlankitText } from '@plankit/core/node';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { checkSettingsKey, type Settings } from './settings.js';

/** The file-name suffix each of the VS Code extension's languages stands for (package.json `contributes.languages`). */
const LANGUAGE_SUFFIXES = new Map([
  ['plankit-plan', '.plan.yaml'],
  ['plankit-plan-json', '.plan.json'],
  ['plankit-agencies', '.agencies.yaml'],
  ['plankit-agencies-json', '.agencies.json'],
]);

/** One file checked at one version: what every feature of the server reads. */
export interface DocumentCheck {
  fileName: string;
  uri: string;
  /** The version of the text checked: `o<version>` for an open document, `d<generation>` for a file on disk. */
  stamp: string;
  /** The editor's version number, for open documents. */
  version?: number;
  text: string;
  check: FileCheck;
  source?: ParsedSource;
  root?: AstNode;
  lines?: LineIndex;
  /** Every other file read for the check (registers, linked plans), with the stamp it had then. */
  deps: Map<string, string>;
  /** The settings and today's date the check was made with. */
  key: string;
}

/** Folders never searched for plan files. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'coverage', 'out', 'build']);
/** The most files a workspace scan collects. */
const MAX_WORKSPACE_FILES = 5_000;

interface DiskEntry {
  text: string | Error;
  generation: number;
  mtime?: number;
  size?: number;
}

/**
 * The plan and register files the server knows: open documents first, then files on disk (read
 * once and kept until they change), and one cached check per file version, shared by every
 * feature. `check(fileName)` is the one function that turns a version of a file into a FileCheck;
 * incremental re-checking can later be put behind it.
 */
export class Workspace {
  folders: string[] = [];
  /** Plan and register files found in the workspace folders (and since created). */
  readonly workspaceFiles = new Set<string>();
  /** Whether the client tells us about changes on disk (didChangeWatchedFiles); if not, files are stat'ed before use. */
  watching = false;

  private readonly disk = new Map<string, DiskEntry>();
  private readonly generations = new Map<string, number>();
  private readonly openUris = new Map<string, string>();
  /**
   * Documents read under a name from their language (see `opened`), both ways. Kept after the
   * document closes, so that its findings are cleared under its own URI (a few names per session).
   */
  private readonly namesByUri = new Map<string, string>();
  private readonly urisByName = new Map<string, string>();
  private readonly cache = new Map<string, DocumentCheck>();
  private readonly good = new Map<string, DocumentCheck>();
  private readonly inflight = new Map<string, { key: string; promise: Promise<DocumentCheck> }>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: (fileName: string) => Settings,
    private readonly today: () => IsoDate,
    private readonly log: (message: string) => void = () => {},
  ) {}

  // -------------------------------------------------------------------------------------------
  // Names

  /** The file name a URI stands for: the path of a file: URI, else the URI itself (see `opened` for documents named by their language). */
  fileNameOf(uri: string): string {
    const named = this.namesByUri.get(uri);
    if (named !== undefined) return named;
    try {
      const parsed = URI.parse(uri);
      if (parsed.scheme === 'file') return path.resolve(parsed.fsPath);
    } catch {
      // fall through
    }
    return uri;
  }

  /** The URI of a file name (the open document's own URI when it is open). */
  uriOf(fileName: string): string {
    const open = this.openUris.get(fileName) ?? this.urisByName.get(fileName);
    if (open) return open;
    return path.isAbsolute(fileName) ? URI.file(fileName).toString() : fileName;
  }

  /** Whether a URI or file name is a plan or register file Plankit reads. */
  isPlankitName(name: string): boolean {
    return isPlankitFile(name.replace(/[?#].*$/, ''));
  }

  // -------------------------------------------------------------------------------------------
  // Open documents and files on disk

  /**
   * A document the editor opened. One whose name is not a Plankit file name but whose language is
   * one of Plankit's (an untitled plan from Plankit: New Plan, or a file the officer set to a Plankit
   * language) is read under its name with the suffix its language stands for (`untitled:Untitled-1`
   * as `untitled:Untitled-1.plan.yaml`), so that every feature knows its kind and format by name.
   */
  opened(uri: string, languageId?: string): string {
    this.namesByUri.delete(uri);
    let fileName = this.fileNameOf(uri);
    const suffix = languageId === undefined || this.isPlankitName(fileName) ? undefined : LANGUAGE_SUFFIXES.get(languageId);
    if (suffix) {
      fileName += suffix;
      this.namesByUri.set(uri, fileName);
      this.urisByName.set(fileName, uri);
    }
    this.openUris.set(fileName, uri);
    return fileName;
  }

  closed(uri: string): string {
    const fileName = this.fileNameOf(uri);
    this.openUris.delete(fileName);
    return fileName;
  }

  isOpen(fileName: string): boolean {
    return this.openUris.has(fileName);
  }

  openFiles(): string[] {
    return [...this.openUris.keys()];
  }

  private document(fileName: string): TextDocument | undefined {
    const uri = this.openUris.get(fileName);
    return uri ? this.documents.get(uri) : undefined;
  }

  /** The current version of a file's text, as a short string. */
  stampOf(fileName: string): string {
    const document = this.document(fileName);
    if (document) return `o${document.version}`;
    return `d${this.generations.get(fileName) ?? 0}`;
  }

  /** A file on disk changed, was created or was deleted: forget what was read. */
  diskChanged(fileName: string): void {
    this.disk.delete(fileName);
    this.generations.set(fileName, (this.generations.get(fileName) ?? 0) + 1);
  }

  /** Without file watching, a file on disk is stat'ed before use and re-read only if it changed. */
  private async refresh(fileName: string): Promise<void> {
    if (this.watching || this.document(fileName) || !path.isAbsolute(fileName)) return;
    const known = this.disk.get(fileName);
    if (!known) return;
    let mtime: number | undefined;
    let size: number | undefined;
    try {
      const info = await stat(fileName);
      mtime = info.mtimeMs;
      size = info.size;
    } catch {
      // Missing now.
    }
    if (mtime !== known.mtime || size !== known.size) this.diskChanged(fileName);
  }

  /** The text of a file: the open document's, else the file on disk (read once per change). */
  async textOf(fileName: string): Promise<string | Error> {
    const document = this.document(fileName);
    if (document) return document.getText();
    await this.refresh(fileName);
    const known = this.disk.get(fileName);
    if (known) return known.text;
    const generation = this.generations.get(fileName) ?? 0;
    let text: string | Error;
    let mtime: number | undefined;
    let size: number | undefined;
    if (!path.isAbsolute(fileName)) {
      text = new Error('it is not a file on disk');
    } else {
      try {
        const info = await stat(fileName);
        mtime = info.mtimeMs;
        size = info.size;
      } catch {
        // readPlankitText says why.
      }
      try {
        text = await readPlankitText(fileName);
      } catch (error) {
        text = error instanceof Error ? error : new Error(String(error));
      }
    }
    // Keep it only if nothing changed while it was read.
    if ((this.generations.get(fileName) ?? 0) === generation) this.disk.set(fileName, { text, generation, mtime, size });
    return text;
  }

  // -------------------------------------------------------------------------------------------
  // Checks

  private checkKey(fileName: string): string {
    return `${checkSettingsKey(this.settings(fileName))}|${this.today()}`;
  }

  /** Whether a cached check still holds: same text, same settings and day, same registers and linked plans. */
  private isFresh(entry: DocumentCheck, key: string): boolean {
    return entry.key === key && entry.stamp === this.stampOf(entry.fileName) && this.depsFresh(entry);
  }

  /** Whether every other file a check read (registers, linked plans) is as it was then. */
  private depsFresh(entry: DocumentCheck): boolean {
    for (const [dep, stamp] of entry.deps) if (this.stampOf(dep) !== stamp) return false;
    return true;
  }

  /** The cached check of a file, if it is still fresh (no work done). */
  cached(fileName: string): DocumentCheck | undefined {
    const entry = this.cache.get(fileName);
    return entry && this.isFresh(entry, this.checkKey(fileName)) ? entry : undefined;
  }

  /** The latest check of a file, fresh or not (for completion while the text is half written). */
  latest(fileName: string): DocumentCheck | undefined {
    return this.cache.get(fileName);
  }

  /**
   * The check of a file at its current version: from the cache when nothing it depends on has
   * changed, else made once (concurrent callers share it). Never throws.
   */
  async check(fileName: string): Promise<DocumentCheck> {
    const key = this.checkKey(fileName);
    if (!this.watching) {
      const entry = this.cache.get(fileName);
      if (entry) for (const dep of entry.deps.keys()) await this.refresh(dep);
      await this.refresh(fileName);
    }
    const entry = this.cache.get(fileName);
    if (entry && this.isFresh(entry, key)) return entry;
    const stamp = this.stampOf(fileName);
    const fullKey = `${key}|${stamp}`;
    const running = this.inflight.get(fileName);
    if (running && running.key === fullKey) return running.promise;
    const promise = this.run(fileName, stamp, key);
    this.inflight.set(fileName, { key: fullKey, promise });
    try {
      return await promise;
    } finally {
      if (this.inflight.get(fileName)?.promise === promise) this.inflight.delete(fileName);
    }
  }

  private async run(fileName: string, stamp: string, key: string): Promise<DocumentCheck> {
    const document = this.document(fileName);
    const uri = this.uriOf(fileName);
    const deps = new Map<string, string>();
    const host: FileHost = {
      readText: async (name) => {
        deps.set(name, this.stampOf(name));
        return this.textOf(name);
      },
      resolve: (from, relative) => (path.isAbsolute(from) ? path.resolve(path.dirname(from), relative) : relative),
    };
    const settings = this.settings(fileName);
    let text: string;
    if (document) text = document.getText();
    else {
      const read = await this.textOf(fileName);
      text = read instanceof Error ? '' : read;
      if (read instanceof Error) this.log(`Cannot read ${fileName}: ${read.message}`);
    }
    // The same text, settings and dependencies as the last check (a file the workspace scan checked,
    // now opened in the editor; a save): its findings stand, only the version is new.
    const last = this.cache.get(fileName);
    if (last && last.key === key && last.text === text && this.depsFresh(last)) {
      const same: DocumentCheck = { ...last, uri, stamp, version: document?.version };
      if (this.stampOf(fileName) === stamp) this.cache.set(fileName, same);
      if (this.good.get(fileName) === last) this.good.set(fileName, same);
      return same;
    }
    let check: FileCheck;
    try {
      // The last check of this file lets the core re-read only what an edit touched.
      const previous = this.cache.get(fileName)?.check;
      check = await checkFile(fileName, text, host, { asOf: settings.asOf, today: this.today(), dueSoonDays: settings.dueSoonDays, previous, reuse: true });
    } catch (error) {
      // The core never throws on bad text; if it ever does, the file gets no findings rather than a dead server.
      this.log(`Checking ${fileName} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      check = { kind: kindOfFile(fileName), diagnostics: [], registers: [] };
    }
    const source = check.planFile?.source ?? check.registerFile?.source;
    const result: DocumentCheck = {
      fileName,
      uri,
      stamp,
      version: document?.version,
      text,
      check,
      source,
      root: source?.root,
      lines: source?.lines,
      deps,
      key,
    };
    // Keep it unless a newer version was checked meanwhile.
    const current = this.cache.get(fileName);
    if (!current || current.stamp === stamp || this.stampOf(fileName) === stamp) this.cache.set(fileName, result);
    if (check.analysis || check.registerFile?.register) this.good.set(fileName, result);
    return result;
  }

  /** The latest check of a file that could read its plan (for completion while the text is half written). */
  lastGood(fileName: string): DocumentCheck | undefined {
    return this.good.get(fileName);
  }

  /** Files whose last check read this file (plans using a register, plans linking to a plan). */
  dependentsOf(fileName: string): string[] {
    const found: string[] = [];
    for (const entry of this.cache.values()) if (entry.deps.has(fileName) && entry.fileName !== fileName) found.push(entry.fileName);
    return found;
  }

  /** Forgets a file's check (deleted, or closed and not part of the workspace). */
  forget(fileName: string): void {
    this.cache.delete(fileName);
    this.good.delete(fileName);
  }

  /** Every plan and register file known: the workspace's and the open ones. */
  allFiles(): string[] {
    const files = new Set<string>(this.workspaceFiles);
    for (const fileName of this.openUris.keys()) if (this.isPlankitName(fileName)) files.add(fileName);
    return [...files].sort();
  }

  /** The checks of every known file (made as needed), for workspace-wide features. */
  async allChecks(): Promise<DocumentCheck[]> {
    const checks: DocumentCheck[] = [];
    for (const fileName of this.allFiles()) checks.push(await this.check(fileName));
    return checks;
  }

  /** Finds every plan and register file under the workspace folders. */
  async scan(): Promise<string[]> {
    const found: string[] = [];
    const walk = async (folder: string, depth: number) => {
      if (depth > 20 || found.length >= MAX_WORKSPACE_FILES) return;
      let entries;
      try {
        entries = await readdir(folder, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (found.length >= MAX_WORKSPACE_FILES) return;
        if (entry.isDirectory()) {
          if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
          await walk(path.join(folder, entry.name), depth + 1);
        } else if (entry.isFile() && isPlankitFile(entry.name)) {
          found.push(path.join(folder, entry.name));
        }
      }
    };
    for (const folder of this.folders) await walk(folder, 0);
    this.workspaceFiles.clear();
    for (const file of found) this.workspaceFiles.add(file);
    return found.sort();
  }

  /** The workspace folder a file is in (the innermost, when folders nest), if any. */
  folderOf(fileName: string): string | undefined {
    if (!path.isAbsolute(fileName)) return undefined;
    let found: string | undefined;
    for (const folder of this.folders) {
      if (relativeWithin(folder, fileName) === undefined) continue;
      if (found === undefined || folder.length > found.length) found = folder;
    }
    return found;
  }

  /** Whether a file is inside one of the workspace folders (and not in a skipped folder). */
  inWorkspace(fileName: string): boolean {
    if (!path.isAbsolute(fileName) || !this.isPlankitName(fileName)) return false;
    return this.folders.some((folder) => {
      const relative = relativeWithin(folder, fileName);
      if (relative === undefined) return false;
      return !relative.split(path.sep).slice(0, -1).some((part) => part.startsWith('.') || SKIPPED_FOLDERS.has(part));
    });
  }
}

/** A file's path relative to a folder, or undefined when the file is not inside it. */
function relativeWithin(folder: string, fileName: string): string | undefined {
  const relative = path.relative(folder, fileName);
  return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative;
}
