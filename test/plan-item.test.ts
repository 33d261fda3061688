/**
 * From a selection in the preview to the text (findPlanItem, which the language server's plankit/planItem
 * request answers with). The preview's model is built by the elements from the plain value
 * (readPlanValue: no text, so no ranges); the server finds the same item in its own model, read
 * from the text, which has them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findPlanItem, readPlanFile, readPlanValue, type Action, type Plan, type PlanItemSelection, type Range } from '@plankit/core';
import { describe, expect, it } from 'vitest';

const text = readFileSync(fileURLToPath(new URL('../examples/sevenoaks-alcohol-drug-strategy-2011.plan.yaml', import.meta.url)), 'utf8');
const plan = readPlanFile(text, { fileName: 'sevenoaks.plan.yaml' }).plan!;
const lines = text.split('\n');

/** Where the cursor goes for a selection: the item's range, or undefined when it is no longer there. */
const rangeOfSelection = (plan: Plan, selection: PlanItemSelection): Range | undefined => findPlanItem(plan, selection)?.range;

/** The preview's model of the same plan: what the elements hold and put in their events. */
const previewPlan = readPlanValue(readPlanFile(text, { fileName: 'sevenoaks.plan.yaml' }).value).plan!;

function previewAction(id: string): Action {
  return previewPlan.themes.flatMap((theme) => theme.actions).find((action) => action.id === id)!;
}

describe('findPlanItem', () => {
  it('finds an action the table selected, by its path, at its place in the text', () => {
    const selected = previewAction('1.3');
    const range = rangeOfSelection(plan, { path: selected.path, key: selected.key, kind: 'action' })!;
    expect(lines[range.start.line].slice(range.start.character)).toBe("id: '1.3'");
    expect(lines[range.start.line + 1]).toContain('title: Address Proxy Sales');
  });

  it('finds a milestone the timeline selected (milestones without ids have keys from their place)', () => {
    const milestone = previewAction('2.1').milestones[0];
    expect(milestone.id).toBeUndefined();
    const range = rangeOfSelection(plan, { path: milestone.path, key: milestone.key, kind: 'milestone' })!;
    expect(lines[range.start.line].slice(range.start.character)).toMatch(/^title: /);
    expect(findPlanItem(plan, { path: milestone.path, key: milestone.key, kind: 'milestone' })?.title).toBe(milestone.title);
    expect(text.slice(text.split('\n').slice(0, range.start.line).join('\n').length)).toContain(milestone.title.split(' ').slice(0, 3).join(' '));
  });

  it('finds every action of the plan at the line where the text has its id', () => {
    for (const action of previewPlan.themes.flatMap((theme) => theme.actions)) {
      const range = rangeOfSelection(plan, { path: action.path, key: action.key })!;
      expect(lines[range.start.line]).toContain(`id: '${action.id}'`);
    }
  });

  it('follows the key when the text has changed since the preview was drawn', () => {
    // The officer deleted action 1.1 after the preview drew the plan: the paths have moved up one.
    const start = plan.themes[0].actions[0].range.start.line;
    const end = plan.themes[0].actions[1].range.start.line;
    const edited = [...lines.slice(0, start), ...lines.slice(end)].join('\n');
    const editedPlan: Plan = readPlanFile(edited, { fileName: 'sevenoaks.plan.yaml' }).plan!;
    const selected = previewAction('1.3');
    const range = rangeOfSelection(editedPlan, { path: selected.path, key: selected.key })!;
    expect(edited.split('\n')[range.start.line]).toContain("id: '1.3'");
    expect(findPlanItem(editedPlan, { path: selected.path, key: selected.key })?.id).toBe('1.3');
  });

  it('says nothing when the item is no longer in the text', () => {
    expect(rangeOfSelection(plan, { path: ['themes', 9, 'actions', 0], key: '9.9' })).toBeUndefined();
    expect(rangeOfSelection(plan, { key: 'no-such-key' })).toBeUndefined();
    expect(rangeOfSelection(plan, {})).toBeUndefined();
  });

  it('keeps actions and milestones with the same key apart by kind', () => {
    const doubled = readPlanFile('title: T\nthemes:\n  - title: A\n    actions:\n      - id: x\n        title: Action x\n        milestones:\n          - id: x\n            title: Milestone x\n', { fileName: 'd.plan.yaml' }).plan!;
    expect(findPlanItem(doubled, { key: 'x', kind: 'milestone' })?.title).toBe('Milestone x');
    expect(findPlanItem(doubled, { key: 'x', kind: 'action' })?.title).toBe('Action x');
  });
});
