/**
 * Robustness of the language server under a long, hostile editing session: 10,000 random
 * incremental edits (seeded, deterministic) to an example plan, sent as fast as a client can
 * write them: plan-like text, deletions (in a line, across lines, whole blocks), pasted binary
 * (NUL, lone surrogates, control characters), 100 KB lines, CRLF and lone CR, tabs, unicode, and
 * notifications carrying several changes. Every third stretch of 300 edits is careful (values
 * changed, list items copied or removed, from the plan as it was) so that the plan checks run, not
 * only the YAML reader. The test keeps its own copy of the text, applying each
 * change as the LSP specification says (UTF-16 positions; \n, \r\n and \r end lines; a character
 * past the end of a line means the end of the line), and cross-checks that copy against
 * vscode-languageserver-textdocument.
 *
 * Every 200 edits it asks for hover, completion, document symbols and code actions (without
 * waiting), and at the end checks that the server is alive, that every request was answered
 * (cancellations aside), that nothing failed inside it, that the diagnostics it published for the
 * last version equal both a fresh check of the same text opened as a new document and the core's
 * own checkFile, that every intermediate publish it made for a version whose text we kept matches
 * the core too (and that published versions never go backwards), and that its memory stayed sane.
 *
 * Reproduce a run with PLANKIT_FUZZ_SEED=<seed> (printed); PLANKIT_FUZZ_EDITS changes the count.
 * A failing run writes its last text and diagnostics to $TMPDIR/plankit-robustness-<seed>.json.
 *
 * Two small tests follow: the smallest case of a bug the random run found (an edit that joins a
 * CR and an LF), and that positions count a lone CR as a line end, as LSP does (the random run
 * cannot see that, since the server and the core share one line index).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  ResponseError,
  type Position,
  type Range,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkFile, civilDateInLondon, type FileHost } from '../../packages/core/dist/index.js';
import { nodeFileHost } from '../../packages/core/dist/node.js';
import { seededRandom } from '../seeded-random.js';
import { comparable, examplesDir, LspClient, uriOf, WAIT_MS } from './lsp-client.js';

const SEED = (process.env.PLANKIT_FUZZ_SEED ? Number(process.env.PLANKIT_FUZZ_SEED) : 0x5eed_2026) >>> 0;
const EDITS = process.env.PLANKIT_FUZZ_EDITS ? Number(process.env.PLANKIT_FUZZ_EDITS) : 10_000;
const PLAN = 'sevenoaks-alcohol-drug-strategy-2011.plan.yaml';
const REGISTER = 'kent.agencies.yaml';
const AS_OF = '2011-06-30';
/** Requests every this many edits; a short pause (so the server's 15 ms debounce can fire) every PAUSE_EVERY. */
const REQUEST_EVERY = 200;
/** Every third stretch of this many edits is careful (see EditMaker.careful). */
const STRETCH = 300;
const PAUSE_EVERY = 50;
/** A line this long is 100 KB. */
const LONG_LINE = 100 * 1024;
/** Above this size the next edit deletes a large part of the text (keeps the run to minutes). */
const MAX_TEXT = 400_000;
/** Texts kept (for comparing intermediate publishes) only up to this size. */
const KEEP_TEXT = 200_000;
const MAX_RSS_KB = 500 * 1024;

// ---------------------------------------------------------------------------------------------
// The text as the LSP specification reads it

/** Offsets where lines start: after every \n, \r\n and lone \r. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  const breaks = /\r\n?|\n/g;
  while (breaks.exec(text) !== null) starts.push(breaks.lastIndex);
  return starts;
}

class LspText {
  text: string;
  starts: number[];
  constructor(text: string) {
    this.text = text;
    this.starts = lineStartsOf(text);
  }
  get lineCount(): number {
    return this.starts.length;
  }
  /** Where a line's content ends (before its line break). */
  contentEnd(line: number): number {
    let end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    while (end > this.starts[line] && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return end;
  }
  lineLength(line: number): number {
    return this.contentEnd(line) - this.starts[line];
  }
  /** An LSP position's offset: a character past the line's end means the end of the line. */
  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    return start + Math.min(position.character, this.contentEnd(position.line) - start);
  }
  positionAt(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - this.starts[low] };
  }
  /** Applies one incremental change, as a server must. */
  apply(change: { range: Range; text: string }): void {
    const start = this.offsetAt(change.range.start);
    const end = this.offsetAt(change.range.end);
    this.text = this.text.slice(0, start) + change.text + this.text.slice(end);
    this.starts = lineStartsOf(this.text);
  }
}

// ---------------------------------------------------------------------------------------------
// Random edits

const FRAGMENTS = [
  '\n', '\n', '\n  ', '\n    ', '\n      - ', '\n        ', '\n          - ', '- ', ': ', ':', ' ', '  ',
  "id: '1.3'", 'id: 1.10', 'title: ', 'title: New milestone', 'lead: ', 'lead: KCC', 'lead: Kent Polce', 'lead: [SDC, West Kent Police]',
  'partners: [SDC, Kent Police]', 'partners:\n  - KCC\n  - Nobody Ltd', 'due: ', 'due: March 2018', 'due: Q3', 'due: 2013/14', 'due: Ongoing',
  'due: TBC', 'due: 31/02/2014', 'due: Within four weeks of ban', 'due: November 2017 March 2018', 'status: green', 'status: red',
  'status: purple', 'completed: 2011-02-30', 'completed: 2011-01-01', 'asOf: 2011-06-30', 'asOf: not a date', 'milestones:', 'actions:',
  'themes:', 'updates:', 'registers: [kent.agencies.yaml]', 'registers: [missing.agencies.yaml]', 'registers: [../../etc/passwd]',
  'links:\n  - plan: other.plan.yaml\n    action: "1.1"', "'", '"', '[', ']', '{', '}', ',', '#', ' # a comment', '|', '|-', '>-', '&a ', '*a',
  '!!str ', '!!binary ', '!local ', '---\n', '...\n', '? ', '%YAML 1.2\n', '<<: *a', 'x-extra: 1', 'null', '~', 'true', '0x1F', '1e3', '.nan',
  '-', 'West Kent Police', 'KCC Trading Standards', 'Kenward Trust', '{ id: x, title: y }', '"\\u0000 \\x41 \\"', "'it''s'",
];
const WORDS = ['the', 'plan', 'Kent', 'police', 'review', 'quarterly', 'March', '2011', 'Q4', 'Ongoing', 'TBC', 'alcohol', 'drug', 'partners'];
const UNICODE = [
  'é', 'ŵ', 'ŷ', 'Ŵ', 'ß', '😀', '👩‍👧‍👦', '𝔘𝔫𝔦', 'e\u0301', '\u200d', '\u202e', 'قانون', 'שלום', '中文', '\uFEFF', '\u2028', '\u2029', '\u0085',
  '\u00a0', '\uFFFD', '\uFFFE', '\uFFFF', '“quoted”', '’', '—', 'ﬁ', '\u{10FFFF}', '\u{1F3F4}\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}',
];

/** Values a plan-aware edit writes after a key: valid, invalid and misspelt, so the plan checks run. */
const VALUES: Record<string, string[]> = {
  due: ['March 2018', 'March 2011', 'April 2011', 'Q3', 'Q4 2010/11', '2010/11', '2013/14', 'Ongoing', 'Ongoing until March 2011', 'Quarterly until March 2011', 'TBC', '31/03/2011', '31/02/2011', '2011-07-01', 'Within four weeks of ban', 'November 2017 March 2018', 'soon', "'2011-06-30'", '2011-06-20'],
  lead: ['KCC', 'SDC', 'West Kent Police', 'Kent Polce', 'Kenward Trust', 'Trading Standards', 'Nobody Ltd', '[KCC, SDC]', '[West Kent Police, Kent Fire]', "''", '42'],
  partners: ['[KCC, SDC]', '[Kent Police, Substance Misuse Task Group]', '[Nobody, Somebody]', '[]', 'KCC', '[KCC, KCC]'],
  status: ['green', 'amber', 'red', 'blue', 'grey', 'Green', 'purple', 'complete', "''", '1'],
  completed: ['2011-01-01', '2011-05-01', '2011-07-01', '2011-02-30', 'yesterday'],
  asOf: ['2011-03-31', '2011-06-30', '2010-01-01', '2012-01-01', '2011-13-01', 'March 2011'],
  id: ["'1.1'", "'1.2'", '1.10', "'9.9'", "''", '[1]'],
  title: ['A new title', "''", '[a, b]', '{ x: 1 }', 'Regular police operations'],
  period: ['2010/11', '2011/12', 'next year'],
  registers: ['[kent.agencies.yaml]', '[missing.agencies.yaml]', '[kent.agencies.yaml, kent.agencies.yaml]', '[]', 'kent.agencies.yaml'],
};
const ANY_VALUE = ['x', '1', 'true', 'null', '[]', '{}', "'quoted'", '"double"', '2011-06-30', 'Q3'];

class EditMaker {
  readonly counts: Record<string, number> = {};
  /**
   * In careful stretches the edits are the ones an officer makes (values changed, list items
   * copied or removed), so the plan stays readable and the plan checks run; the first edit of a
   * stretch puts the plan back.
   */
  careful = false;
  private restore = false;
  constructor(
    private readonly random: () => number,
    private readonly original: string,
  ) {}

  private int(max: number): number {
    return Math.floor(this.random() * max);
  }
  private pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }
  private chance(p: number): boolean {
    return this.random() < p;
  }

  private plantext(): string {
    let text = '';
    const parts = 1 + this.int(5);
    for (let i = 0; i < parts; i++) text += this.chance(0.8) ? this.pick(FRAGMENTS) : this.pick(WORDS);
    return text;
  }

  private binary(): string {
    const codes: number[] = [];
    const length = 1 + this.int(64);
    for (let i = 0; i < length; i++) {
      const r = this.random();
      if (r < 0.45) codes.push(1 + this.int(31));
      else if (r < 0.65) codes.push(0xd800 + this.int(0x800)); // lone (or accidentally paired) surrogates
      else if (r < 0.75) codes.push(0x7f + this.int(0x21));
      else codes.push(1 + this.int(0xffff));
    }
    // A NUL in the text makes the whole file 'not text'; about a third of the pastes carry one.
    if (this.chance(0.35)) codes.splice(this.int(codes.length + 1), 0, 0);
    return String.fromCharCode(...codes);
  }

  private longLine(): string {
    const kind = this.int(5);
    if (kind === 0) return `\n        title: ${'x'.repeat(LONG_LINE)}\n`;
    if (kind === 1) return `# ${'long comment '.repeat(LONG_LINE / 13)}\n`;
    if (kind === 2) {
      const names = ['KCC', 'SDC', 'Nobody', 'Kent Polce', 'West Kent Police', 'Somewhere Council'];
      const items: string[] = [];
      let length = 0;
      while (length < LONG_LINE) {
        const name = `${this.pick(names)} ${this.int(1000)}`;
        items.push(name);
        length += name.length + 2;
      }
      return `\n            partners: [${items.join(', ')}]\n`;
    }
    if (kind === 3) return 'y'.repeat(LONG_LINE); // no line break: into the middle of a line
    return `\n            due: ${'March 2018 '.repeat(LONG_LINE / 11)}\n`;
  }

  /** A random position; now and then a character past the line's end (legal: it means the end). */
  private position(doc: LspText, pastEnd = 0.03): Position {
    const line = this.int(doc.lineCount);
    const length = doc.lineLength(line);
    if (this.chance(pastEnd)) return { line, character: length + 1 + this.int(5) };
    return { line, character: this.int(length + 1) };
  }

  private rangeFrom(doc: LspText, startOffset: number, endOffset: number): Range {
    return { start: doc.positionAt(startOffset), end: doc.positionAt(Math.max(startOffset, endOffset)) };
  }

  private count(kind: string): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
  }

  /** A `key: value` line's value replaced with another value for that key (keeps the YAML readable). */
  private changeValue(doc: LspText): { range: Range; text: string } | undefined {
    for (let attempt = 0; attempt < 20; attempt++) {
      const line = this.int(doc.lineCount);
      const text = doc.text.slice(doc.starts[line], doc.contentEnd(line));
      const match = /^(\s*(?:- )?)([A-Za-z][\w-]*):( +)([^#\s][^#]*?)?\s*(#.*)?$/.exec(text);
      // Not an empty value (a block follows) nor a block scalar, anchor, alias or tag.
      if (!match || text.length > 500 || !match[4] || /^[|>&*!]/.test(match[4])) continue;
      const start = match[1].length + match[2].length + 1 + match[3].length;
      const end = start + (match[4]?.length ?? 0);
      const value = this.pick(VALUES[match[2]] ?? ANY_VALUE);
      return { range: { start: { line, character: start }, end: { line, character: end } }, text: value };
    }
    return undefined;
  }

  /** The lines of a list item (`- ` and the lines indented under it), if `line` starts one. */
  private itemBlock(doc: LspText): { first: number; end: number } | undefined {
    for (let attempt = 0; attempt < 20; attempt++) {
      const first = this.int(doc.lineCount);
      const text = doc.text.slice(doc.starts[first], doc.contentEnd(first));
      const match = /^( *)- /.exec(text);
      if (!match) continue;
      let end = first + 1;
      while (end < doc.lineCount) {
        const next = doc.text.slice(doc.starts[end], doc.contentEnd(end));
        if (next.trim() !== '' && !next.startsWith(`${match[1]}  `) && !next.startsWith(`${match[1]}\t`)) break;
        end++;
      }
      if (end - first <= 200) return { first, end };
    }
    return undefined;
  }

  /** One change against the text as it is now (its range never ends before it starts). */
  change(doc: LspText): { range: Range; text: string } {
    const change = this.anyChange(doc);
    const { start, end } = change.range;
    if (end.line < start.line || (end.line === start.line && end.character < start.character)) change.range = { start: end, end: start };
    return change;
  }

  /** Starts (or ends) a careful stretch. */
  setCareful(careful: boolean): void {
    if (careful && !this.careful) this.restore = true;
    this.careful = careful;
  }

  private carefulChange(doc: LspText): { range: Range; text: string } {
    if (this.restore) {
      this.restore = false;
      this.count('careful: start from the plan');
      return { range: this.rangeFrom(doc, 0, doc.text.length), text: this.original };
    }
    const r = this.random();
    if (r < 0.75) {
      const change = this.changeValue(doc);
      if (change) {
        this.count('careful: change a value');
        return change;
      }
    }
    const block = this.itemBlock(doc);
    if (block && r < 0.95) {
      const end = block.end < doc.lineCount ? { line: block.end, character: 0 } : { line: block.end - 1, character: doc.lineLength(block.end - 1) };
      if (this.chance(0.5) && doc.text.length > 2000) {
        this.count('careful: delete a list item');
        return { range: { start: { line: block.first, character: 0 }, end }, text: '' };
      }
      this.count('careful: duplicate a list item');
      const copy = doc.text.slice(doc.starts[block.first], doc.offsetAt(end));
      return { range: { start: end, end }, text: copy.endsWith('\n') ? copy : `\n${copy}` };
    }
    this.count('careful: type a space at a line end');
    const line = this.int(doc.lineCount);
    const at = { line, character: doc.lineLength(line) };
    return { range: { start: at, end: at }, text: ' ' };
  }

  private anyChange(doc: LspText): { range: Range; text: string } {
    if (this.careful && doc.text.length <= MAX_TEXT) return this.carefulChange(doc);
    const text = doc.text;
    // Keep the session bounded: a text past MAX_TEXT loses a large part.
    if (text.length > MAX_TEXT) {
      this.count('trim');
      const start = this.int(text.length / 3);
      return { range: this.rangeFrom(doc, start, start + Math.floor(text.length / 2)), text: '' };
    }
    // Long lines go again after a while, and NULs are scrubbed now and then, so most of the
    // session is spent on text the checks can read.
    if (text.length > 2 * LONG_LINE && this.chance(0.05)) {
      let longest = 0;
      for (let line = 1; line < doc.lineCount; line++) if (doc.lineLength(line) > doc.lineLength(longest)) longest = line;
      this.count('delete long line');
      return { range: { start: { line: longest, character: 0 }, end: { line: longest + 1, character: 0 } }, text: '' };
    }
    const nul = text.indexOf('\0');
    if (nul !== -1 && this.chance(0.2)) {
      this.count('scrub NUL');
      return { range: this.rangeFrom(doc, nul, nul + 1), text: this.chance(0.5) ? '' : ' ' };
    }
    const r = this.random();
    if (r < 0.005) {
      this.count('replace everything with the plan');
      return { range: this.rangeFrom(doc, 0, text.length), text: this.original };
    }
    if (r < 0.1) {
      const change = this.changeValue(doc);
      if (change) {
        this.count('change a value');
        return change;
      }
    } else if (r < 0.115) {
      const block = this.itemBlock(doc);
      if (block) {
        const end = block.end < doc.lineCount ? { line: block.end, character: 0 } : { line: block.end - 1, character: doc.lineLength(block.end - 1) };
        if (this.chance(0.5)) {
          this.count('delete a list item');
          return { range: { start: { line: block.first, character: 0 }, end }, text: '' };
        }
        this.count('duplicate a list item');
        const copy = doc.text.slice(doc.starts[block.first], doc.offsetAt(end));
        return { range: { start: end, end }, text: copy.endsWith('\n') ? copy : `\n${copy}` };
      }
    }
    if (r < 0.2) {
      this.count('type a character');
      const position = this.position(doc);
      return { range: { start: position, end: position }, text: this.pick([...'abcdefghijklmnopqrstuvwxyz0123456789 :-\'"#[]{},\n']) };
    }
    if (r < 0.3) {
      this.count('backspace');
      const offset = 1 + this.int(Math.max(1, text.length));
      return { range: this.rangeFrom(doc, Math.max(0, offset - 1 - this.int(3)), Math.min(offset, text.length)), text: '' };
    }
    if (r < 0.5) {
      this.count('insert plan text');
      const position = this.position(doc);
      return { range: { start: position, end: position }, text: this.plantext() };
    }
    if (r < 0.6) {
      this.count('delete in a line');
      const start = this.position(doc, 0);
      const end = { line: start.line, character: start.character + this.int(40) };
      return { range: { start, end }, text: '' };
    }
    if (r < 0.66) {
      this.count('delete across lines');
      const start = this.position(doc, 0);
      const endLine = Math.min(doc.lineCount - 1, start.line + 1 + this.int(10));
      return { range: { start, end: { line: endLine, character: this.int(doc.lineLength(endLine) + 1) } }, text: '' };
    }
    if (r < 0.68) {
      this.count('delete a block');
      const line = this.int(doc.lineCount);
      const end = Math.min(doc.lineCount - 1, line + 5 + this.int(60));
      return { range: { start: { line, character: 0 }, end: { line: end, character: 0 } }, text: '' };
    }
    if (r < 0.74) {
      this.count('replace');
      const start = this.position(doc, 0);
      const endLine = Math.min(doc.lineCount - 1, start.line + this.int(3));
      const end = endLine === start.line ? { line: endLine, character: start.character + this.int(20) } : { line: endLine, character: this.int(doc.lineLength(endLine) + 1) };
      return { range: { start, end }, text: this.plantext() };
    }
    if (r < 0.79) {
      this.count('paste a block of the plan');
      const lines = this.original.split('\n');
      const from = this.int(lines.length);
      const block = lines.slice(from, from + 1 + this.int(40)).join('\n') + '\n';
      const line = this.int(doc.lineCount);
      return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: block };
    }
    if (r < 0.83) {
      this.count('paste binary');
      const position = this.position(doc);
      return { range: { start: position, end: position }, text: this.binary() };
    }
    if (r < 0.833) {
      this.count('paste a 100 KB line');
      const position = this.position(doc);
      return { range: { start: position, end: position }, text: this.longLine() };
    }
    if (r < 0.88) {
      const position = this.position(doc, 0);
      const kind = this.int(4);
      if (kind === 0 && position.line + 1 < doc.lineCount) {
        this.count('LF to CRLF');
        const line = position.line;
        return { range: { start: { line, character: doc.lineLength(line) }, end: { line: line + 1, character: 0 } }, text: '\r\n' };
      }
      if (kind === 1) {
        this.count('insert lone CR');
        return { range: { start: position, end: position }, text: '\r' };
      }
      this.count('insert CRLF text');
      return { range: { start: position, end: position }, text: `\r\n${this.plantext().replace(/\n/g, '\r\n')}` };
    }
    if (r < 0.93) {
      this.count('tab');
      const position = this.chance(0.5) ? { line: this.int(doc.lineCount), character: 0 } : this.position(doc);
      return { range: { start: position, end: position }, text: this.chance(0.7) ? '\t' : '\t\t- \t' };
    }
    this.count('unicode');
    const position = this.position(doc);
    return { range: { start: position, end: position }, text: this.pick(UNICODE) + (this.chance(0.3) ? this.plantext() : '') };
  }
}

// ---------------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let workspace: string;
let client: LspClient;

beforeAll(async () => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'plankit-robust-'));
  for (const name of [PLAN, REGISTER]) fs.copyFileSync(path.join(examplesDir, name), path.join(workspace, name));
  client = new LspClient({ asOf: AS_OF });
  await client.initialize([workspace]);
});

afterAll(async () => {
  await client?.stop();
  if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
});

describe('the server under 10,000 random edits', () => {
  it(
    'stays up, answers, keeps its memory, and ends with the diagnostics a fresh check gives',
    async () => {
      console.log(`robustness.test.ts: seed ${SEED} (reproduce with PLANKIT_FUZZ_SEED=${SEED}), ${EDITS} edits`);
      const started = Date.now();
      const fileName = path.join(workspace, PLAN);
      const uri = uriOf(fileName);
      const original = fs.readFileSync(fileName, 'utf8');
      const doc = new LspText(original);
      let reference = TextDocument.create(uri, 'yaml', 1, original);
      const maker = new EditMaker(seededRandom(SEED), original);
      const random = seededRandom(SEED ^ 0x9e3779b9);

      /** What went to the server and what came back, kept for a failure report. */
      const evidence: Record<string, unknown> = {};
      onTestFailed(() => {
        // JSON, so lone surrogates and NULs survive.
        const saved = path.join(os.tmpdir(), `plankit-robustness-${SEED}.json`);
        fs.writeFileSync(saved, JSON.stringify({ seed: SEED, edits: EDITS, asOf: AS_OF, text: doc.text, ...evidence }));
        console.log(`robustness.test.ts: seed ${SEED}; the last text (JSON) is in ${saved}; server log:\n${client.log.slice(-40).join('\n')}`);
      });

      let version = await client.open(uri, original);
      await client.diagnostics(uri, version);
      const publishesBefore = client.publishCount(uri);

      /** Texts at the versions the server had time to check (at each pause), to compare its publishes. */
      const kept = new Map<number, string>();
      const requests: { method: string; at: number; promise: Promise<unknown> }[] = [];
      let changes = 0;
      let multi = 0;
      const sending: Promise<void>[] = [];

      const request = (at: number) => {
        const position = (() => {
          const line = Math.floor(random() * doc.lineCount);
          return { line, character: Math.floor(random() * (doc.lineLength(line) + 1)) };
        })();
        const textDocument = { uri };
        const range = { start: position, end: position };
        const wrap = (method: string, promise: Promise<unknown>) => requests.push({ method, at, promise });
        wrap('hover', client.connection.sendRequest(HoverRequest.type, { textDocument, position }));
        wrap('completion', client.connection.sendRequest(CompletionRequest.type, { textDocument, position }));
        wrap('documentSymbol', client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }));
        const diagnostics = client.published.get(uri)?.at(-1)?.diagnostics ?? [];
        wrap('codeAction', client.connection.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics: diagnostics.slice(0, 20) } }));
      };

      /** Whether edits (done, done + count] pass a multiple of `every`. */
      const passes = (done: number, count: number, every: number) => Math.floor((done + count) / every) > Math.floor(done / every);
      for (let done = 0; done < EDITS; ) {
        // Usually one change per notification; sometimes several, each against the text the previous one left.
        const count = Math.min(EDITS - done, random() < 0.03 ? 2 + Math.floor(random() * 3) : 1);
        if (count > 1) multi++;
        const contentChanges: TextDocumentContentChangeEvent[] = [];
        for (let i = 0; i < count; i++) {
          maker.setCareful(Math.floor((done + i) / STRETCH) % 3 === 2);
          const change = maker.change(doc);
          doc.apply(change);
          contentChanges.push(change);
          changes++;
        }
        version++;
        reference = TextDocument.update(reference, contentChanges, version);
        // Not awaited one by one: the connection writes in order; all are awaited at each pause.
        sending.push(client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges }));
        const edit = done + count;
        if (passes(done, count, REQUEST_EVERY)) request(edit);
        done = edit;
        if (passes(edit - count, count, PAUSE_EVERY)) {
          await Promise.all(sending.splice(0));
          expect(client.exited, `the server exited after edit ${edit}\n${client.log.join('\n')}`).toBe(false);
          expect(reference.getText() === doc.text, `the test's text differs from vscode-languageserver-textdocument's after edit ${edit}`).toBe(true);
          if (doc.text.length <= KEEP_TEXT) kept.set(version, doc.text);
          await sleep(10 + Math.floor(random() * 30));
        }
      }
      await Promise.all(sending.splice(0));
      const finalVersion = version;
      const finalText = doc.text;
      expect(reference.getText() === finalText).toBe(true);
      // One more round of requests on the last version.
      request(EDITS);
      const sentAt = Date.now();

      // Every request answered: a result, or a cancellation; never another error, never no answer.
      const outcomes = await Promise.all(
        requests.map(async ({ method, at, promise }) => {
          try {
            await Promise.race([promise, sleep(WAIT_MS * 4).then(() => Promise.reject(new Error('no answer')))]);
            return { method, at, ok: true as const };
          } catch (error) {
            const code = error instanceof ResponseError ? error.code : undefined;
            return { method, at, ok: false as const, cancelled: code === -32800 || code === -32801, error: error instanceof Error ? `${code ?? ''} ${error.message}` : String(error) };
          }
        }),
      );
      const failures = outcomes.filter((outcome) => !outcome.ok && !outcome.cancelled);
      expect(failures).toEqual([]);
      expect(requests.length).toBe(4 * (Math.floor(EDITS / REQUEST_EVERY) + 1));
      expect(client.exited).toBe(false);

      // The diagnostics of the last version (the server publishes only the current version).
      const last = await client.diagnostics(uri, finalVersion);
      evidence.last = last;
      const answered = Date.now();

      // (a) The same text opened as a new document in the same server.
      const freshUri = uriOf(path.join(workspace, 'robustness-final.plan.yaml'));
      await client.open(freshUri, finalText);
      const fresh = await client.diagnostics(freshUri, 1);
      evidence.fresh = fresh;
      expect(comparable(last)).toEqual(comparable(fresh));

      // (b) The core itself, with the same as-of date and registers read from the workspace folder.
      const host: FileHost = nodeFileHost;
      const core = await checkFile(fileName, finalText, host, { asOf: AS_OF, today: civilDateInLondon(new Date()) });
      expect(comparable(last)).toEqual(comparable(core.diagnostics));

      // Intermediate publishes: versions never go backwards, and each one we can check matches the core.
      const publishes = (client.published.get(uri) ?? []).slice(publishesBefore);
      const versions = publishes.map((p) => p.version ?? -1);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      let compared = 0;
      const seen: Record<string, number> = {};
      for (const publish of publishes) {
        const text = publish.version === undefined ? undefined : kept.get(publish.version);
        if (text === undefined) continue;
        const expected = await checkFile(fileName, text, host, { asOf: AS_OF, today: civilDateInLondon(new Date()) });
        expect(comparable(publish.diagnostics), `diagnostics published for version ${publish.version}`).toEqual(comparable(expected.diagnostics));
        compared++;
        for (const diagnostic of publish.diagnostics) seen[String(diagnostic.code)] = (seen[String(diagnostic.code)] ?? 0) + 1;
      }

      // Nothing failed inside the server (its handlers log and answer a fallback when they throw).
      const problems = client.log.filter((line) => /failed:|^\[stderr\]|plankit-language-server:/.test(line));
      expect(problems).toEqual([]);

      // Memory: resident set size now (not a timing assertion), and the peak for the report.
      const status = fs.readFileSync(`/proc/${client.child.pid}/status`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
      const peak = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
      expect(rss).toBeGreaterThan(0);
      expect(rss).toBeLessThan(MAX_RSS_KB);

      const cancelled = outcomes.filter((outcome) => !outcome.ok).length;
      console.log(
        [
          `robustness.test.ts: seed ${SEED}: ${changes} changes in ${finalVersion - 1} notifications (${multi} with several changes), ${((sentAt - started) / 1000).toFixed(1)} s to send`,
          `  last version's diagnostics ${((answered - sentAt) / 1000).toFixed(1)} s after; ${last.length} diagnostics on a final text of ${finalText.length} characters, ${doc.lineCount} lines`,
          `  ${requests.length} requests, ${cancelled} cancelled; ${publishes.length} publishes, ${compared} compared with the core; RSS ${(rss / 1024).toFixed(0)} MB, peak ${(peak / 1024).toFixed(0)} MB`,
          `  codes in the compared publishes: ${Object.entries(seen)
            .sort((a, b) => b[1] - a[1])
            .map(([code, n]) => `${code} ${n}`)
            .join(', ')}`,
          `  edits: ${Object.entries(maker.counts)
            .sort((a, b) => b[1] - a[1])
            .map(([kind, n]) => `${kind} ${n}`)
            .join(', ')}`,
        ].join('\n'),
      );
    },
    900_000,
  );

  it('keeps its copy of the text right when an edit joins a CR and an LF into one line end', async () => {
    // The smallest case the random run found: a CR typed before an LF (the line end becomes CRLF,
    // the line count stays the same), then an edit further down.
    const uri = uriOf(path.join(workspace, 'crlf-join.plan.yaml'));
    const text = 'title: Plan\nthemes:\n  - title: T\n    actions:\n      - title: A\n        due: March 2010\n';
    let editor = TextDocument.create(uri, 'yaml', 1, text);
    await client.open(uri, text);
    const edits = [
      { range: { start: { line: 0, character: 11 }, end: { line: 0, character: 11 } }, text: '\r' },
      { range: { start: { line: 5, character: 19 }, end: { line: 5, character: 23 } }, text: '2030' },
    ];
    let version = 1;
    for (const edit of edits) {
      version++;
      editor = TextDocument.update(editor, [edit], version);
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [edit] });
    }
    expect(editor.getText()).toBe('title: Plan\r\nthemes:\n  - title: T\n    actions:\n      - title: A\n        due: March 2030\n');
    const published = await client.diagnostics(uri, version);
    const core = await checkFile(path.join(workspace, 'crlf-join.plan.yaml'), editor.getText(), nodeFileHost, { asOf: AS_OF, today: civilDateInLondon(new Date()) });
    expect(comparable(published)).toEqual(comparable(core.diagnostics));
    expect(published.filter((d) => d.code === 'overdue')).toEqual([]);
  });

  it('places findings after a lone CR (an old Mac line ending) where an LSP client counts lines', async () => {
    // LSP (and YAML 1.2) end a line at \n, \r\n and a lone \r. Every range the server sends and
    // every position it receives must count lines that way, whatever the text's line endings.
    const uri = uriOf(path.join(workspace, 'lone-cr.plan.yaml'));
    const text = 'title: Plan\r# saved with an old Mac line ending\nthemes:\n  - title: T\n    actions:\n      - title: A\n        due: March 2010\n';
    const editor = TextDocument.create(uri, 'yaml', 1, text);
    await client.open(uri, text);
    const overdue = (await client.diagnostics(uri, 1)).filter((d) => d.code === 'overdue');
    expect(overdue).toHaveLength(1);
    expect(editor.getText(overdue[0].range)).toBe('March 2010');
    const at = editor.positionAt(text.indexOf('March 2010') + 2);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at });
    expect(JSON.stringify(hover?.contents ?? null)).toContain('31 March 2010');
  });
});
