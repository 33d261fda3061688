import path from 'node:path';
import {
  foldName,
  jointPartsInFile,
  locateAt,
  nodeAt,
  readsAsOneAgency,
  replaceWithinScalarChange,
  scalarText,
  withoutFootnoteMark,
  type Agency,
  type AgencyIndex,
  type AstNode,
  type JointPart,
  type PathSegment,
  type ScalarNode,
} from '@plankit/core';
import { ResponseError, type Location, type Position, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { fieldOf, isAgencyPath, linesOf, planIndex } from './plan-index.js';
import type { DocumentCheck, Workspace } from './workspace.js';

/** What the cursor is on, for navigation. */
type Target =
  | { kind: 'agency'; id: string; source: string | undefined; node: ScalarNode; path: PathSegment[] }
  | { kind: 'action' | 'theme'; id: string; planFile: string; node: ScalarNode; path: PathSegment[] }
  | { kind: 'file'; fileName: string; node: ScalarNode };

function resolveRelative(from: string, relative: string): string {
  return path.isAbsolute(from) ? path.resolve(path.dirname(from), relative) : relative;
}

/** The agency an agency-definition path names (`agencies[n].id`) in a plan or register. */
function definedAgency(entry: DocumentCheck, location: { path: PathSegment[] }): Agency | undefined {
  const p = location.path;
  if (p.length !== 3 || p[0] !== 'agencies' || p[2] !== 'id' || typeof p[1] !== 'number') return undefined;
  const agencies = entry.check.registerFile?.register?.agencies ?? entry.check.planFile?.plan?.agencies ?? [];
  return agencies.find((agency) => agency.path[1] === p[1]);
}

function targetAt(entry: DocumentCheck, position: Position): Target | undefined {
  const offset = linesOf(entry).offsetAt(position);
  const location = locateAt(entry.root, offset);
  if (!location || location.onKey || location.node.kind !== 'scalar') return undefined;
  const node = location.node;
  const text = scalarText(node);
  if (text === undefined) return undefined;
  const kind = entry.check.kind;
  const defined = definedAgency(entry, location);
  if (defined) return { kind: 'agency', id: defined.id, source: defined.source, node, path: location.path };
  if (isAgencyPath(location.path, kind)) {
    const index = agencyIndexOf(entry);
    let agencies = index?.match(text)?.agencies ?? [];
    if (agencies.length > 1) {
      // A joint lead: the part under the cursor.
      const part = jointPartAt(entry, node, offset);
      agencies = part ? (index?.match(part.text)?.agencies ?? []) : [];
    }
    if (agencies.length === 1) return { kind: 'agency', id: agencies[0].id, source: agencies[0].source, node, path: location.path };
    return undefined;
  }
  const field = fieldOf(location.path);
  if (field === 'registers' && typeof location.path[location.path.length - 1] === 'number') return { kind: 'file', fileName: resolveRelative(entry.fileName, text), node };
  if (location.path.includes('links')) {
    const linkPath = location.path.slice(0, -1);
    const link = nodeAt(entry.root, linkPath);
    const planText = link?.kind === 'map' ? scalarText(nodeAt(link, ['plan'])) : undefined;
    const planFile = planText ? resolveRelative(entry.fileName, planText) : entry.fileName;
    if (field === 'plan') return { kind: 'file', fileName: planFile, node };
    if (field === 'action' || field === 'theme') return { kind: field, id: text, planFile, node, path: location.path };
  }
  if (kind === 'plan' && field === 'id') {
    const index = planIndex(entry);
    const holder = location.path.slice(0, -1);
    const key = holder.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`)).join('');
    const item = index.items.get(key);
    if (item?.kind === 'action') return { kind: 'action', id: text, planFile: entry.fileName, node, path: location.path };
    if (index.themes.has(key)) return { kind: 'theme', id: text, planFile: entry.fileName, node, path: location.path };
  }
  return undefined;
}

function agencyIndexOf(entry: DocumentCheck): AgencyIndex | undefined {
  return entry.check.analysis?.agencies;
}

/** For a joint lead ("KCC/Kent Police") written as it reads, the part of the text under an offset, with its offsets. */
function jointPartAt(entry: DocumentCheck, node: ScalarNode, offset: number): JointPart | undefined {
  return jointPartsInFile(entry.text, node).find((part) => offset >= part.start && offset <= part.end);
}

function locationOf(entry: DocumentCheck, node: AstNode | { start: number; end: number }): Location {
  return { uri: entry.uri, range: linesOf(entry).rangeOf(node.start, node.end) };
}

/** Where an agency is defined: its id in a register file or in the plan's own agencies. */
async function agencyDefinition(workspace: Workspace, entry: DocumentCheck, id: string, source: string | undefined): Promise<Location | undefined> {
  const owner = source ? await workspace.check(source) : entry;
  const agencies = owner.check.registerFile?.register?.agencies ?? owner.check.planFile?.plan?.agencies ?? [];
  const agency = agencies.find((candidate) => candidate.id === id);
  if (!agency) return undefined;
  const idNode = nodeAt(owner.root, [...agency.path, 'id']);
  return idNode ? locationOf(owner, idNode) : { uri: owner.uri, range: agency.range };
}

/** Go to definition: an agency's register entry, a linked action or theme, a register or plan file. */
export async function definition(workspace: Workspace, entry: DocumentCheck, position: Position): Promise<Location[]> {
  const target = targetAt(entry, position);
  if (!target) return [];
  if (target.kind === 'agency') {
    const found = await agencyDefinition(workspace, entry, target.id, target.source);
    return found ? [found] : [];
  }
  if (target.kind === 'file') return [{ uri: workspace.uriOf(target.fileName), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
  const planEntry = target.planFile === entry.fileName ? entry : await workspace.check(target.planFile);
  const found = findDefinition(planEntry, target.kind, target.id);
  return found ? [found] : [];
}

function findDefinition(planEntry: DocumentCheck, kind: 'action' | 'theme', id: string): Location | undefined {
  const plan = planEntry.check.planFile?.plan;
  if (!plan) return undefined;
  const candidates = kind === 'theme' ? plan.themes : plan.themes.flatMap((theme) => theme.actions);
  const match = candidates.find((candidate) => candidate.id === id) ?? candidates.find((candidate) => candidate.id !== undefined && withoutFootnoteMark(candidate.id) === id);
  if (!match) return undefined;
  const idNode = nodeAt(planEntry.root, [...match.path, 'id']);
  return idNode ? locationOf(planEntry, idNode) : { uri: planEntry.uri, range: match.range };
}

/** Every mention of an agency (and, if asked, its definition) across the workspace's plans and registers. */
async function agencyOccurrences(workspace: Workspace, id: string, source: string | undefined, includeDefinitions: boolean): Promise<{ entry: DocumentCheck; start: number; end: number; exact: boolean; definition: boolean }[]> {
  const found: { entry: DocumentCheck; start: number; end: number; exact: boolean; definition: boolean }[] = [];
  const same = (agency: Agency) => agency.id === id && agency.source === source;
  for (const entry of await workspace.allChecks()) {
    const analysis = entry.check.analysis;
    if (analysis) {
      for (const mention of planIndex(entry).allMentions) {
        const match = analysis.agencies.match(mention.text);
        if (!match || !match.agencies.some(same)) continue;
        const node = nodeAt(entry.root, mention.path);
        if (node?.kind !== 'scalar') continue;
        if (match.by === 'joint') {
          for (const part of jointPartsInFile(entry.text, node)) {
            const partMatch = analysis.agencies.match(part.text);
            if (partMatch?.agencies.some(same)) found.push({ entry, start: part.start, end: part.end, exact: partMatch.by === 'id', definition: false });
          }
        } else {
          found.push({ entry, start: node.start, end: node.end, exact: match.by === 'id', definition: false });
        }
      }
    }
    // The definition, and registers' `parent:` fields naming it.
    const ownAgencies = entry.check.registerFile?.register?.agencies ?? entry.check.planFile?.plan?.agencies ?? [];
    const definesHere = entry.check.kind === 'register' ? entry.fileName === source : source === undefined;
    for (const agency of ownAgencies) {
      if (includeDefinitions && definesHere && agency.id === id) {
        const idNode = nodeAt(entry.root, [...agency.path, 'id']);
        if (idNode) found.push({ entry, start: idNode.start, end: idNode.end, exact: true, definition: true });
      }
      if (entry.check.kind === 'register' && agency.parent === id) {
        const parentNode = nodeAt(entry.root, [...agency.path, 'parent']);
        if (parentNode) found.push({ entry, start: parentNode.start, end: parentNode.end, exact: true, definition: false });
      }
    }
  }
  return found;
}

/** Find references: an agency's mentions, or the links to an action or theme. */
export async function references(workspace: Workspace, entry: DocumentCheck, position: Position, includeDeclaration: boolean): Promise<Location[]> {
  const target = targetAt(entry, position);
  if (!target) return [];
  if (target.kind === 'agency') {
    const occurrences = await agencyOccurrences(workspace, target.id, target.source, includeDeclaration);
    return occurrences.map((occurrence) => locationOf(occurrence.entry, occurrence));
  }
  if (target.kind === 'file') return [];
  const locations: Location[] = [];
  if (includeDeclaration) {
    const planEntry = target.planFile === entry.fileName ? entry : await workspace.check(target.planFile);
    const found = findDefinition(planEntry, target.kind, target.id);
    if (found) locations.push(found);
  }
  for (const other of await workspace.allChecks()) {
    const plan = other.check.planFile?.plan;
    if (!plan) continue;
    const links = [...plan.themes.flatMap((theme) => theme.links), ...(other.check.analysis?.items() ?? []).flatMap((item) => item.links)];
    for (const link of links) {
      const value = target.kind === 'action' ? link.action : link.theme;
      if (value === undefined) continue;
      const linkedFile = link.plan ? resolveRelative(other.fileName, link.plan) : other.fileName;
      if (linkedFile !== target.planFile || value !== target.id) continue;
      const node = nodeAt(other.root, [...link.path, target.kind]);
      if (node) locations.push(locationOf(other, node));
    }
  }
  return locations;
}

/** Rename works on agency ids: the cursor must be on an id (its definition, or a mention written as the id). */
export function prepareRename(entry: DocumentCheck, position: Position): { range: Range; placeholder: string } | null {
  const target = targetAt(entry, position);
  if (!target || target.kind !== 'agency') throw new ResponseError(0, 'Only agency ids can be renamed: put the cursor on an agency id in a register, or on a lead or partner written as the id.');
  const offset = linesOf(entry).offsetAt(position);
  const part = jointPartAt(entry, target.node, offset);
  const lines = linesOf(entry);
  if (part && foldName(part.text) === foldName(target.id) && part.text !== scalarText(target.node)) return { range: lines.rangeOf(part.start, part.end), placeholder: target.id };
  return { range: lines.rangeOf(target.node.start, target.node.end), placeholder: target.id };
}

/** Renames an agency id everywhere: its definition, every mention written as the id, and registers' parent fields. */
export async function rename(workspace: Workspace, entry: DocumentCheck, position: Position, newName: string): Promise<WorkspaceEdit | null> {
  const target = targetAt(entry, position);
  if (!target || target.kind !== 'agency') throw new ResponseError(0, 'Only agency ids can be renamed.');
  const name = newName.trim();
  if (name === '') throw new ResponseError(0, 'An agency id cannot be empty.');
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new ResponseError(0, 'An agency id is written on one line, without tabs or control characters.');
  const occurrences = await agencyOccurrences(workspace, target.id, target.source, true);
  const standsAlone = readsAsOneAgency(name);
  const changes: Record<string, TextEdit[]> = {};
  for (const occurrence of occurrences) {
    if (!occurrence.exact) continue; // Mentions by full name or another spelling still match: leave the officer's words.
    const node = locateAt(occurrence.entry.root, occurrence.start)?.node;
    const isWholeScalar = node?.kind === 'scalar' && node.start === occurrence.start && node.end === occurrence.end;
    const format = occurrence.entry.source?.format ?? 'yaml';
    if (!isWholeScalar && !standsAlone) continue; // would split a joint lead differently
    const change = node?.kind === 'scalar' ? replaceWithinScalarChange(occurrence.entry.text, node, occurrence.start, occurrence.end, name, format) : { start: occurrence.start, end: occurrence.end, text: name };
    if (!change) continue; // inside a plain text over several lines: left as written
    (changes[occurrence.entry.uri] ??= []).push({ range: linesOf(occurrence.entry).rangeOf(change.start, change.end), newText: change.text });
  }
  return { changes };
}
