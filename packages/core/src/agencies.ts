import type { Agency } from './model.js';
import { foldName, nearest } from './similarity.js';

/** How a written agency name was matched. */
export interface AgencyMatch {
  /** The agencies it names: one, or several for a joint lead such as "KCC/Kent Police". */
  agencies: Agency[];
  /** How: by id, by full name, by another spelling, or as a joint lead of several. */
  by: 'id' | 'name' | 'alias' | 'joint';
  /**
   * The words of a joint lead that name a group rather than an agency ("partners" in "Kent Police
   * and partners"), as written; absent when there are none.
   */
  groups?: string[];
}

/** The registered agency nearest to a written name, and the spelling it was matched through. */
export interface AgencySuggestion {
  agency: Agency;
  matched: string;
}

/** What the agency check finds in one written lead or partner (`AgencyIndex.findingFor`). */
export interface AgencyFinding {
  /** Whether it names registered agencies (one, or several jointly). */
  match: boolean;
  /** When it does not: the nearest registered agency to the whole text. */
  suggestion?: AgencySuggestion;
  /** The text names only a group of helpers ("All partners"), no agency: nothing to suggest or register. */
  group?: boolean;
  /**
   * For a joint lead some of whose agencies are registered ("KCC/Kent Polce"): the others, each
   * with the nearest registered agency. The finding is then about those parts, not the whole text.
   */
  unknownParts?: { part: JointPart; suggestion?: AgencySuggestion }[];
}

/** Separators officers use between joint leads in one cell (with the spaces around them). */
const JOINT_SEPARATORS = /\s*(?:\/|&|\+|,|;|\band\b)\s*/gi;

/** The most parts a lead is read as a joint lead of, for findings about some of them. */
export const MAX_JOINT_PARTS = 24;

/** One agency of a cell that names several, and where it is in the written text (`end` exclusive). */
export interface JointPart {
  text: string;
  start: number;
  end: number;
}

/**
 * The agencies a cell names jointly ("KCC/Kent Police", "Police & KCC"), each with where it is in
 * the text, split where officers separate them: / & + , ; and "and". One part when nothing
 * separates them; parts of nothing but spaces are left out.
 */
export function jointParts(written: string): JointPart[] {
  const parts: JointPart[] = [];
  const add = (start: number, end: number) => {
    if (written.slice(start, end).trim() !== '') parts.push({ text: written.slice(start, end), start, end });
  };
  let last = 0;
  for (const separator of written.matchAll(JOINT_SEPARATORS)) {
    add(last, separator.index);
    last = separator.index + separator[0].length;
  }
  add(last, written.length);
  return parts;
}

/**
 * Words that follow a lead agency to say that others help ("Kent Police and partners", "KCC &
 * other agencies", "Police, KCC and all relevant partners"): a group, not an agency to register.
 * Matched on the folded text (lower case, `&` as "and", no punctuation).
 */
const GROUP_WORDS = /^(?:(?:all|other|the|key|relevant|local|wider|csp)\s+){0,2}(?:partners|partner agencies|partner organisations|partner organizations|agencies|organisations|organizations|others)$/;

/** Whether one name (a whole text, or one part of a joint lead) is words for a group of helpers. */
function isGroupWords(name: string): boolean {
  return GROUP_WORDS.test(foldName(name));
}

/** `isGroupOfPartners` for a text already cut into its joint parts. */
function namesOnlyGroups(text: string, parts: readonly JointPart[]): boolean {
  return isGroupWords(text) || (parts.length > 1 && parts.length <= MAX_JOINT_PARTS && parts.every((part) => isGroupWords(part.text)));
}

/** Whether a text names only groups of helpers, no agency ("partners", "all other agencies", "partners and others"). */
export function isGroupOfPartners(text: string): boolean {
  return namesOnlyGroups(text, jointParts(text));
}

/** Whether a name reads as one agency inside a joint lead: nothing in it splits it (no "/", "&", "and"…). */
export function readsAsOneAgency(name: string): boolean {
  const parts = jointParts(name);
  return parts.length === 1 && parts[0].text === name;
}

/**
 * All agencies a plan can name (its own and those of its registers), looked up by id, full name
 * or other spelling, ignoring case, spacing and punctuation.
 */
export class AgencyIndex {
  private readonly byName = new Map<string, { agency: Agency; by: 'id' | 'name' | 'alias' }>();
  /** Every agency once, first definition first. */
  readonly agencies: Agency[] = [];

  constructor(agencies: Iterable<Agency>) {
    const all = [...agencies];
    const seenIds = new Set<string>();
    for (const agency of all) {
      if (seenIds.has(agency.id)) continue;
      seenIds.add(agency.id);
      this.agencies.push(agency);
    }
    // Ids first, then names, then aliases: an id always wins over someone else's alias.
    for (const agency of this.agencies) this.add(agency.id, agency, 'id');
    for (const agency of this.agencies) this.add(agency.name, agency, 'name');
    for (const agency of this.agencies) for (const alias of agency.aliases) this.add(alias, agency, 'alias');
  }

  private add(name: string, agency: Agency, by: 'id' | 'name' | 'alias'): void {
    const folded = foldName(name);
    if (folded && !this.byName.has(folded)) this.byName.set(folded, { agency, by });
  }

  /** What the index answers from (ids, names, other spellings): equal fingerprints, equal answers. */
  fingerprint(): unknown[] {
    return this.agencies.map((agency) => [agency.id, agency.name, agency.aliases]);
  }

  /** Whether the index has any agency at all (a plan without a register is not checked for agencies). */
  get isEmpty(): boolean {
    return this.agencies.length === 0;
  }

  /** The agency with exactly this id. */
  byId(id: string): Agency | undefined {
    const found = this.byName.get(foldName(id));
    return found && found.agency.id === id ? found.agency : this.agencies.find((agency) => agency.id === id);
  }

  private readonly matches = new Map<string, AgencyMatch | undefined>();

  /** The agency or agencies a written lead names, if every part is known. */
  match(written: string): AgencyMatch | undefined {
    // Plans name the same few agencies thousands of times: remember each answer.
    if (this.matches.has(written)) return this.matches.get(written);
    const found = this.matchUncached(written);
    this.matches.set(written, found);
    return found;
  }

  private matchUncached(written: string): AgencyMatch | undefined {
    const direct = this.byName.get(foldName(written));
    if (direct) return { agencies: [direct.agency], by: direct.by };
    const parts = jointParts(written);
    if (parts.length < 2) return undefined;
    const agencies: Agency[] = [];
    let groups: string[] | undefined;
    for (const part of parts) {
      const found = this.byName.get(foldName(part.text));
      if (found) agencies.push(found.agency);
      else if (isGroupWords(part.text)) (groups ??= []).push(part.text);
      else return undefined;
    }
    // "Partners and others" names no agency at all.
    if (agencies.length === 0) return undefined;
    return groups ? { agencies, by: 'joint', groups } : { agencies, by: 'joint' };
  }

  /**
   * What the agency check finds in a written lead or partner: whether it names registered
   * agencies; if not, whether it names only a group ("All partners"), else the nearest to the
   * whole text, or, for a joint lead some of whose agencies are registered, the others each with
   * its nearest.
   */
  findingFor(written: string): AgencyFinding {
    if (this.match(written)) return { match: true };
    const parts = jointParts(written);
    if (namesOnlyGroups(written, parts)) return { match: false, group: true };
    // More parts than any cell names agencies (a pasted list, a run of slashes): one finding, not hundreds.
    if (parts.length >= 2 && parts.length <= MAX_JOINT_PARTS) {
      // "… and partners" is neither a registered agency nor an unknown one.
      const named = parts.filter((part) => !isGroupWords(part.text) || this.match(part.text));
      const unknown = named.filter((part) => !this.match(part.text));
      // Some agencies registered, or one named beside a group ("Kent Polce and partners"): the
      // finding is about the unregistered names. With none registered and several named, the
      // whole text may be one name with "and" in it ("Drug and Alcohol Action Team").
      if (unknown.length < named.length || named.length === 1) return { match: false, unknownParts: unknown.map((part) => ({ part, suggestion: this.suggest(part.text) })) };
    }
    return { match: false, suggestion: this.suggest(written) };
  }

  private suggestionNames?: { agency: Agency; name: string; folded: string }[];

  private readonly suggestions = new Map<string, AgencySuggestion | undefined>();

  /** The known agency whose id, name or alias is closest to a written name, for a "did you mean". */
  suggest(written: string): AgencySuggestion | undefined {
    // An unknown agency is usually written the same way many times: compare each spelling once.
    if (this.suggestions.has(written)) return this.suggestions.get(written);
    const found = this.suggestUncached(written);
    this.suggestions.set(written, found);
    return found;
  }

  private suggestUncached(written: string): AgencySuggestion | undefined {
    if (!this.suggestionNames) {
      const names: { agency: Agency; name: string; folded: string }[] = [];
      for (const agency of this.agencies) {
        for (const name of [agency.id, agency.name, ...agency.aliases]) names.push({ agency, name, folded: foldName(name) });
      }
      this.suggestionNames = names;
    }
    const best = nearest(written, this.suggestionNames, (entry) => entry.folded, true);
    return best ? { agency: best.agency, matched: best.name } : undefined;
  }
}
