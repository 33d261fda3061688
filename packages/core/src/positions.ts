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
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    let at = text.indexOf('\n');
    while (at !== -1) {
      starts.push(at + 1);
      at = text.indexOf('\n', at + 1);
    }
    this.lineStarts = starts;
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

  /** The character offset of a position (clamped into the text). */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const lineStart = this.lineStarts[position.line];
    const nextStart = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.text.length;
    return Math.max(lineStart, Math.min(lineStart + position.character, nextStart));
  }

  /** The range covering offsets [start, end). */
  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(Math.max(start, end)) };
  }

  /** The text of one line without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line] ?? this.text.length;
    let end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }
}
