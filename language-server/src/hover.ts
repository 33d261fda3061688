import {
  describeDueAt,
  interpretDue,
  jointParts,
  kindOfFile,
  locateAt,
  scalarText,
  schemaAtPath,
  type Agency,
  type AgencySuggestion,
  type SchemaKind,
} from '@plankit/core';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { markdownText as md } from './markdown.js';
import { baseName, fieldOf, isAgencyPath, itemHolding, linesOf } from './plan-index.js';
import type { DocumentCheck } from './workspace.js';

/** Where an agency is defined, in words. */
export function agencyWhere(agency: Agency): string {
  return agency.source ? `registered in ${md(baseName(agency.source))}` : "defined in this plan's agencies";
}

/** The other spellings a register gives for an agency, as a paragraph (empty when it gives none). */
export function alsoWritten(agency: Agency): string {
  return agency.aliases.length > 0 ? `\n\nAlso written: ${agency.aliases.map((alias) => `“${md(alias)}”`).join(', ')}` : '';
}

function agencyLine(agency: Agency): string {
  const kind = agency.kind ? ` (${agency.kind})` : '';
  return `**${md(agency.name)}**${agency.name === agency.id ? '' : ` — ${md(agency.id)}`}${md(kind)}, ${agencyWhere(agency)}`;
}

/** Hover over a key (the schema's words), an agency, a "by when" text or a status. */
export function hover(entry: DocumentCheck, position: Position): Hover | null {
  const lines = linesOf(entry);
  const offset = lines.offsetAt(position);
  const location = locateAt(entry.root, offset);
  if (!location) return null;
  const kind: SchemaKind = kindOfFile(entry.fileName);
  const range = lines.rangeOf(location.node.start, location.node.end);
  const markdown = (value: string): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range });

  if (location.onKey) {
    const schema = schemaAtPath(kind, location.path);
    if (!schema || (!schema.title && !schema.description)) return null;
    const parts = [schema.title ? `**${schema.title}**` : undefined, schema.description];
    if (schema.examples && schema.examples.length > 0) parts.push(`Examples: ${schema.examples.map((example) => `\`${String(example)}\``).join(', ')}`);
    return markdown(parts.filter(Boolean).join('\n\n'));
  }
  if (location.node.kind !== 'scalar') return null;
  const text = scalarText(location.node);
  if (text === undefined) return null;
  const field = fieldOf(location.path);
  const analysis = entry.check.analysis;

  // An agency named as lead or partner (or a register's parent).
  if (isAgencyPath(location.path, kind)) {
    const index = analysis?.agencies;
    const agencies = index?.match(text)?.agencies ?? (kind === 'register' ? entry.check.registerFile?.register?.agencies.filter((agency) => agency.id === text) : undefined) ?? [];
    if (agencies.length > 0) return markdown(agencies.map(agencyLine).join('\n\n'));
    const unknown = (written: string, suggestion: AgencySuggestion | undefined) =>
      `“${md(written)}” is not in the agency register.${suggestion ? ` Did you mean **${md(suggestion.agency.name)}** (${md(suggestion.agency.id)})?` : ''}`;
    const finding = index?.findingFor(text);
    if (finding?.group) return markdown(`“${md(text)}” names a group, not one agency.`);
    if (!finding?.unknownParts) return markdown(unknown(text, finding?.suggestion));
    // A joint lead with some agencies registered: each in turn, as the check reports them.
    const lines = jointParts(text).map((part) => {
      const missing = finding.unknownParts!.find((candidate) => candidate.part.start === part.start);
      return missing ? unknown(part.text, missing.suggestion) : (index!.match(part.text)?.agencies ?? []).map(agencyLine).join('\n\n');
    });
    return markdown(lines.filter((line) => line !== '').join('\n\n'));
  }
  // An agency's own id in a register or in the plan's agencies.
  if (field === 'id' && location.path.length >= 3 && location.path[location.path.length - 3] === 'agencies') {
    const agencies = kind === 'register' ? entry.check.registerFile?.register?.agencies : analysis?.plan.agencies;
    const agency = agencies?.find((candidate) => candidate.id === text);
    if (agency) return markdown(`${agencyLine(agency)}${alsoWritten(agency)}`);
  }
  if (kind === 'plan' && analysis && field === 'due') {
    const item = itemHolding(entry, location.path);
    const interpretation = item?.due?.interpretation ?? interpretDue(text, { period: analysis.plan.period });
    const state = item ? analysis.state(item) : undefined;
    const parts = [md(describeDueAt(interpretation, state, analysis.asOf, analysis.plan.lang))];
    if (interpretation.assumption) parts.push(md(interpretation.assumption));
    else if (interpretation.reason && !state?.deadline) parts.push(md(interpretation.reason));
    parts.push(asOfNote(entry));
    return markdown(parts.join('\n\n'));
  }
  if (kind === 'plan' && analysis && field === 'status' && !location.path.includes('statusScheme')) {
    const definition = analysis.legend.resolve(text);
    if (!definition) {
      return markdown(`“${md(text)}” is not in ${analysis.plan.usesDefaultStatusScheme ? 'the default legend' : "this plan's legend"}: ${analysis.plan.statusScheme.map((entry) => md(entry.key)).join(', ')}.`);
    }
    const legend = analysis.plan.usesDefaultStatusScheme ? 'default legend' : "plan's legend";
    return markdown(`**${md(definition.label)}** (${definition.colour}${definition.complete ? ', complete' : ''}) — ${legend}${definition.definition ? `\n\n${md(definition.definition)}` : ''}`);
  }
  const schema = schemaAtPath(kind, location.path);
  if (schema && (schema.title || schema.description)) return markdown([schema.title ? `**${schema.title}**` : undefined, schema.description].filter(Boolean).join('\n\n'));
  return null;
}

function asOfNote(entry: DocumentCheck): string {
  const basis = entry.check.asOfBasis;
  const asOf = entry.check.asOf;
  if (!asOf) return '';
  const from = basis === 'option' ? 'the plankit.asOf setting' : basis === 'plan' ? "the plan's asOf" : 'today';
  return `_As of ${asOf} (${from})._`;
}
