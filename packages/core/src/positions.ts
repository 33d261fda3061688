/** A zero-based line and UTF-16 column, as in the Language Server Protocol. */
export interface Position {
  line: number;
  character: number;
}

/** A span of source text from start (inclusive) to end (exclusive). */
export interface Range {
  start: Position;
  end: Position;
}

/**
 * Converts character offsets in one text to line/column positions.
 * Line starts are found once (a single scan) and looked up by binary search.
 */
export class LineIndex {
  /** Where each line starts (a typed array: compact, and copied in one go by `edited`). */
  private readonly lineStarts: Int32Array;

  /** `lineStarts` is for `edited` only: where the lines of `text` start, known already. */
  constructor(
    readonly text: string,
    lineStarts?: Int32Array,
  ) {
    this.lineStarts = lineStarts ?? findLineStarts(text);
  }

  /**
   * The index of a text made from this one by an edit that added and removed no line break:
   * `delta` characters more (or fewer, if negative) on `line`. The line starts are copied and moved
   * on, not found again; this index is left as it was.
   */
  edited(text: string, line: number, delta: number): LineIndex {
    const starts = this.lineStarts.slice();
    for (let i = line + 1; i < starts.length; i++) starts[i] += delta;
    return new LineIndex(text, starts);
  }

  /** The offset where a line's text ends (before its line break). */
  private lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** Number of lines (a text with no newline has one). */
  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The line of the last lookup: readers mostly ask about offsets in order, so try there first. */
  private lastLine = 0;

  /** The position of a character offset (clamped into the text). */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    for (let line = this.lastLine; line < this.lastLine + 3 && line < starts.length; line++) {
      if (starts[line] <= clamped && (line + 1 === starts.length || clamped < starts[line + 1])) {
        this.lastLine = line;
        return { line, character: clamped - starts[line] };
      }
    }
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    this.lastLine = low;
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  /** The character offset of a position (clamped into the text; a column past a line's end is its end). */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const lineStart = this.lineStarts[position.line];
    return Math.max(lineStart, Math.min(lineStart + Math.max(0, position.character), this.lineEnd(position.line)));
  }

  /** The range covering offsets [start, end). */
  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(Math.max(start, end)) };
  }

  /** The text of one line without its line break. */
  lineText(line: number): string {
    if (line < 0 || line >= this.lineStarts.length) return '';
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }
}

/** Where each line of a text starts: lines end at LF, CRLF or a lone CR, as in YAML 1.2 and the Language Server Protocol. */
function findLineStarts(text: string): Int32Array {
  if (text.indexOf('\r') === -1) {
    let count = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
    const starts = new Int32Array(count);
    let line = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts[line++] = at + 1;
    return starts;
  }
  const starts: number[] = [0];
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 10) starts.push(at + 1);
    else if (code === 13) {
      if (text.charCodeAt(at + 1) === 10) at++;
      starts.push(at + 1);
    }
  }
  return Int32Array.from(starts);
}
