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
  const from = path.dirname(entry.fileName);
  if (plan.registers.some((listed) => path.resolve(from, listed.text) === registerFile)) return undefined;
  const relative = path.relative(from, registerFile).split(path.sep).join('/');
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
  const plan = entry.check.planFile?.plan;
  if (!plan || !path.isAbsolute(entry.fileName)) return undefined;
  const from = path.dirname(entry.fileName);
  const listed = new Set(plan.registers.map((register) => path.resolve(from, register.text)));
  for (const fileName of workspace.allFiles()) {
    if (kindOfFile(fileName) !== 'register' || listed.has(fileName)) continue;
    const register = (await workspace.check(fileName)).check.registerFile?.register;
    if (!register) continue;
    const match = new AgencyIndex(register.agencies).match(written);
    if (match?.agencies.length === 1) return { registerFile: fileName, agency: match.agencies[0] };
  }
  return undefined;
}
