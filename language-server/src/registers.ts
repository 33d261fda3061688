/**
 * Register files of the workspace that a plan does not list: the edit that lists one in the plan's
 * `registers:` (completion adds it with an agency it completes from such a register; a quick fix
 * adds it for an unknown agency that such a register has), and finding the register that has an
 * agency. The agencies a plan knows are still only its own and its registers' (the core decides);
 * this only writes the line an officer would otherwise write by hand.
 */
import path from 'node:path';
import { addListEntryChange, AgencyIndex, kindOfFile, type Agency, type TextChange } from '@plankit/core';
import type { DocumentCheck, Workspace } from './workspace.js';

/** A path written in a file (`registers:`, `links[].plan`), as a path in the workspace: relative to that file's folder. */
export function workspaceResolve(from: string, relative: string): string {
  return path.isAbsolute(from) ? path.resolve(path.dirname(from), relative) : relative;
}

/** The register files a plan lists, as paths in the workspace (whether or not they could be read). */
function listedRegisterFiles(entry: DocumentCheck): Set<string> {
  return new Set((entry.check.planFile?.plan?.registers ?? []).map((register) => workspaceResolve(entry.fileName, register.text)));
}

/** Keys a new `registers:` goes after, the first the plan has: beside the plan's other particulars. */
const REGISTERS_AFTER = ['asOf', 'period', 'partnership', 'title'];

/**
 * The change that adds a register file to a plan's `registers:` (its path relative to the plan,
 * written as the list is), or undefined when the file is not a plan that can be read now, already
 * lists the register, or lays its list out in a way the change cannot follow.
 */
export function registerListChange(entry: DocumentCheck, registerFile: string): TextChange | undefined {
  const plan = entry.check.planFile?.plan;
  const root = entry.root;
  if (kindOfFile(entry.fileName) !== 'plan' || !plan || root?.kind !== 'map' || !path.isAbsolute(entry.fileName)) return undefined;
  if (listedRegisterFiles(entry).has(registerFile)) return undefined;
  const relative = path.relative(path.dirname(entry.fileName), registerFile).split(path.sep).join('/');
  const format = entry.check.planFile?.source.format === 'json' ? 'json' : 'yaml';
  return addListEntryChange(entry.text, root, 'registers', relative, format, REGISTERS_AFTER);
}

/** A register of the workspace that the plan does not list, with the agency it has for a written name. */
export interface UnlistedRegisterMatch {
  registerFile: string;
  agency: Agency;
}

/**
 * The first register file of the workspace (in the workspace's order) that the plan does not list
 * and that knows `written` by id, name or other spelling, with the agency it names.
 */
export async function unlistedRegisterWith(workspace: Workspace, entry: DocumentCheck, written: string): Promise<UnlistedRegisterMatch | undefined> {
  if (!entry.check.planFile?.plan || !path.isAbsolute(entry.fileName)) return undefined;
  const listed = listedRegisterFiles(entry);
  for (const fileName of workspace.allFiles()) {
    if (kindOfFile(fileName) !== 'register' || listed.has(fileName)) continue;
    const register = (await workspace.check(fileName)).check.registerFile?.register;
    if (!register) continue;
    const match = new AgencyIndex(register.agencies).match(written);
    if (match?.agencies.length === 1) return { registerFile: fileName, agency: match.agencies[0] };
  }
  return undefined;
}
