import { editDistance, foldName, isGroupOfPartners, type AgencyIndex } from '@plankit/core';
import { tidy, type Para } from './model.js';

/**
 * Reading the agencies in one lead or partners cell. Core's AgencyIndex says whether a written
 * name is a known agency (by id, name, another spelling, or a joint lead such as "KCC/Kent
 * Police"); this file only cuts a cell into the names to ask it about, because tables run several
 * agencies together in one cell ("Kent Police KDAAT (DIP Manager) CRI"), and core has no reader
 * for whole cells. Nothing here decides whether a name is an agency: the register does.
 */

/** One agency as the plan writes it: an id (or the name as written), or an agency with its officer and the heading it is listed under. */
export type LeadValue = string | { agency: string; officer?: string; group?: string };

export interface AgencyReading {
  values: LeadValue[];
  /** What was guessed, in words for the officer (shown as YAML comments and on stderr). */
  guesses: string[];
  /** Names that are not in any register, as written. */
  unknown: string[];
  /** Parent list items whose sub-items were read under them: headings, kept as each sub-item's `group`. */
  parents: string[];
}

const ROLE = /\b(officer|officers|manager|lead|co-?ordinator|worker|team leader|director|head of|chair|inspector|sergeant|commander|advisor|adviser)\b/i;
const CONNECTOR = /^(and|&|\+|with|plus)$/i;

/** Reads a cell's paragraphs into agencies. Without a register, each line (or "/"-separated part) is kept as written. */
export function readAgencies(paras: Para[], index: AgencyIndex | undefined): AgencyReading {
  const reading: AgencyReading = { values: [], guesses: [], unknown: [], parents: [] };
  // Group list items with their sub-items.
  for (let i = 0; i < paras.length; i++) {
    const para = paras[i];
    const children: Para[] = [];
    while (i + 1 < paras.length && para.level > 0 && paras[i + 1].level > para.level) children.push(paras[++i]);
    if (children.length === 0) {
      readItem(para.text, index, reading);
      continue;
    }
    // A list item with sub-items is their heading ("RBK mainstream activity:"): each sub-item
    // carries it as its `group`, so the heading stays in the plan as written.
    const parent = readItemQuietly(para.text, index);
    const parentAgency = parent.known.length === 1 ? parent.known[0] : undefined;
    const group = headingText(para.text);
    reading.parents.push(para.text);
    for (const child of children) {
      const start = reading.values.length;
      const own = readItemQuietly(child.text, index);
      if (own.known.length > 0 || !parentAgency) {
        readItem(child.text, index, reading);
      } else {
        reading.values.push({ agency: parentAgency, officer: child.text });
        reading.guesses.push(`'${child.text}' (under '${para.text}') read as part of ${parentAgency}`);
      }
      if (group) for (let k = start; k < reading.values.length; k++) reading.values[k] = withGroup(reading.values[k], group);
    }
  }
  return reading;
}

/** A heading as written, without the colon that introduces its list ("RBK mainstream activity :" is "RBK mainstream activity"). */
function headingText(text: string): string {
  return tidy(text).replace(/\s*:$/, '');
}

function withGroup(value: LeadValue, group: string): LeadValue {
  return typeof value === 'string' ? { agency: value, group } : { ...value, group };
}

function readItemQuietly(text: string, index: AgencyIndex | undefined): { known: string[] } {
  const scratch: AgencyReading = { values: [], guesses: [], unknown: [], parents: [] };
  readItem(text, index, scratch);
  const known = scratch.values.map((value) => (typeof value === 'string' ? value : value.agency)).filter((id) => !scratch.unknown.includes(id));
  return { known };
}

/** One line of a cell: a whole known name, a joint lead, or several names run together. */
function readItem(written: string, index: AgencyIndex | undefined, reading: AgencyReading): void {
  const text = tidy(written);
  if (!text) return;
  // "All partners", "Other agencies": a group, kept as written and not put in a register to confirm.
  if (isGroupOfPartners(text) && !index?.match(text)) {
    reading.values.push(text);
    return;
  }
  if (!index || index.isEmpty) {
    for (const part of text.split(/\s*[/;]\s*/).filter(Boolean)) {
      reading.values.push(part);
      reading.unknown.push(part);
    }
    return;
  }
  const whole = index.match(text);
  // A lead "and partners" is kept as written: the check reads it as the agency with a group.
  if (whole?.groups) {
    reading.values.push(text);
    return;
  }
  if (whole) {
    for (const agency of whole.agencies) reading.values.push(agency.id);
    if (whole.agencies.length > 1 || whole.agencies[0].id !== text) reading.guesses.push(`'${text}' read as ${whole.agencies.map((agency) => agency.id).join(', ')}`);
    return;
  }
  const parts = text.split(/\s*[/;]\s*/).filter(Boolean);
  const values: LeadValue[] = [];
  const scratch: AgencyReading = { values: [], guesses: [], unknown: [], parents: [] };
  for (const part of parts) readRun(part, index, values, scratch);
  const knownCount = values.filter((value) => typeof value !== 'string' || !scratch.unknown.includes(value)).length;
  if (knownCount === 0) {
    // A close spelling of one registered agency ("Kent Polise")?
    const close = closeSpelling(text, index);
    if (close) {
      reading.values.push(close);
      reading.guesses.push(`'${text}' read as ${close} (close spelling): check it`);
      return;
    }
    // Nothing in it is a known agency: one name, as written ("Voluntary/Third Sector Providers").
    reading.values.push(text);
    reading.unknown.push(text);
    return;
  }
  reading.unknown.push(...scratch.unknown);
  reading.guesses.push(...scratch.guesses);
  reading.values.push(...values);
  reading.guesses.push(`'${text}' read as ${values.map((value) => (typeof value === 'string' ? value : `${value.agency} (${value.officer})`)).join(', ')}`);
}

interface Piece {
  text: string;
  /** A "(...)" group. */
  bracket: boolean;
}

/** A run of words that may name several agencies: the longest known names first, left to right. */
function readRun(text: string, index: AgencyIndex, values: LeadValue[], reading: AgencyReading): void {
  const valuesAtStart = values.length;
  const direct = index.match(text);
  if (direct?.groups) {
    values.push(text);
    return;
  }
  if (direct) {
    for (const agency of direct.agencies) values.push(agency.id);
    return;
  }
  const pieces: Piece[] = [];
  for (const match of text.matchAll(/\(([^()]*)\)|[^\s()]+/g)) pieces.push(match[1] !== undefined ? { text: tidy(match[1]), bracket: true } : { text: match[0], bracket: false });
  // Each piece: a known agency id, or part of an unknown span.
  type Found = { kind: 'agency'; id: string } | { kind: 'words'; words: string[]; bracket: boolean; connector?: boolean };
  const found: Found[] = [];
  const pushWords = (word: string, bracket: boolean) => {
    const last = found[found.length - 1];
    if (!bracket && last && last.kind === 'words' && !last.bracket && !CONNECTOR.test(word)) last.words.push(word);
    else if (CONNECTOR.test(word) && !bracket && last?.kind === 'agency') found.push({ kind: 'words', words: [], bracket: false, connector: true });
    else if (!bracket && last && last.kind === 'words' && !last.bracket) last.words.push(word);
    else found.push({ kind: 'words', words: [word], bracket });
  };
  let i = 0;
  while (i < pieces.length) {
    const piece = pieces[i];
    if (piece.bracket) {
      const inner = index.match(piece.text);
      if (inner && inner.by !== 'joint') found.push({ kind: 'agency', id: inner.agencies[0].id });
      else pushWords(piece.text, true);
      i++;
      continue;
    }
    let matched = 0;
    let id = '';
    for (let j = Math.min(pieces.length, i + 10); j > i; j--) {
      if (pieces.slice(i, j).some((p) => p.bracket)) continue;
      const candidate = pieces.slice(i, j).map((p) => p.text).join(' ');
      const match = index.match(candidate);
      if (match && match.by !== 'joint') {
        matched = j - i;
        id = match.agencies[0].id;
        break;
      }
    }
    if (matched > 0) {
      found.push({ kind: 'agency', id });
      i += matched;
    } else {
      pushWords(piece.text, false);
      i++;
    }
  }
  const spans = found.filter((entry) => entry.kind === 'agency' || entry.words.length > 0);
  const agencyCount = spans.filter((entry) => entry.kind === 'agency').length;
  if (agencyCount === 0) {
    // No known agency in it: one name, as written ("Pub Watches and Licensees").
    values.push(text);
    reading.unknown.push(text);
    return;
  }
  if (agencyCount === 1 && !spans.some((entry) => entry.kind === 'words' && entry.connector)) {
    // One agency and words about it ("Probation mainstream activity", "Police specialist (Sapphire) activity").
    const agency = spans.find((entry) => entry.kind === 'agency') as { id: string };
    const wordSpans = spans.filter((entry) => entry.kind === 'words');
    const officer = wordSpans
      .filter(() => true)
      .map((entry) => (entry.kind === 'words' && entry.bracket && wordSpans.length > 1 ? `(${entry.words.join(' ')})` : (entry as { words: string[] }).words.join(' ')))
      .join(' ');
    values.push(officer ? { agency: agency.id, officer } : agency.id);
    return;
  }
  // Drop an agency repeated by its own expansion in brackets: "KDAC (Kent Domestic Abuse Consortium)".
  for (let k = 0; k < spans.length; k++) {
    const entry = spans[k];
    if (entry.kind === 'agency') {
      const previous = values[values.length - 1];
      if (k > 0 && spans[k - 1].kind === 'agency' && typeof previous === 'string' && previous === entry.id) continue;
      values.push(entry.id);
      continue;
    }
    if (entry.words.length === 0) continue;
    const words = entry.words.join(' ');
    const before = spans[k - 1];
    const after = spans[k + 1];
    if (entry.bracket && before?.kind === 'agency') {
      // "KDAAT (DIP Manager)": the officer of the agency before it.
      replaceLast(values, before.id, words);
      continue;
    }
    if (ROLE.test(words) && after?.kind === 'agency') {
      // "ASB Officer Kent Police": a role, read as the officer of the agency after it.
      spans[k + 1] = { kind: 'words', words: [], bracket: false };
      values.push({ agency: after.id, officer: words });
      reading.guesses.push(`'${words}' read as the officer of ${after.id}`);
      continue;
    }
    if (agencyCount === 1 && before?.kind === 'agency' && !entry.connector) {
      // "Probation mainstream activity": one agency and words about it.
      replaceLast(values, before.id, words);
      continue;
    }
    if (!entry.connector) {
      // Words run into names with no separator and no role: prose, not a list of agencies. Kept whole.
      values.splice(valuesAtStart);
      values.push(text);
      reading.unknown.push(text);
      reading.guesses.push(`'${text}' names ${agencyCount} agencies among other words: kept as written`);
      return;
    }
    values.push(words);
    reading.unknown.push(words);
  }
}

function replaceLast(values: LeadValue[], id: string, officer: string): void {
  for (let k = values.length - 1; k >= 0; k--) {
    if (values[k] === id) {
      values[k] = { agency: id, officer };
      return;
    }
  }
  values.push({ agency: id, officer });
}

/** The register's agency a name is a near-miss of (one slip per eight letters), if any. */
function closeSpelling(text: string, index: AgencyIndex): string | undefined {
  const suggestion = index.suggest(text);
  if (!suggestion) return undefined;
  const written = foldName(text);
  const known = foldName(suggestion.matched);
  const allowed = Math.max(1, Math.floor(Math.max(written.length, known.length) / 8));
  return editDistance(written, known, allowed) <= allowed ? suggestion.agency.id : undefined;
}
