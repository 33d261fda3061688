import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The generated custom-elements.json (made by the elements' build, before the tests run) is what
// npm users' tools and the Storybook docs read: it must list each element's real attributes, and
// none of the elements' internal reactive state.
const manifestPath = join(__dirname, '..', 'packages', 'elements', 'custom-elements.json');

interface Declaration {
  tagName?: string;
  customElement?: boolean;
  attributes?: { name: string; fieldName?: string }[];
  members?: { name: string; privacy?: string; attribute?: string }[];
}

function elements(): Map<string, Declaration> {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { modules: { declarations?: Declaration[] }[] };
  const out = new Map<string, Declaration>();
  for (const module of manifest.modules) for (const declaration of module.declarations ?? []) if (declaration.customElement && declaration.tagName) out.set(declaration.tagName, declaration);
  return out;
}

describe('custom-elements.json', () => {
  it('exists (the build made it)', () => {
    expect(existsSync(manifestPath)).toBe(true);
  });

  it('lists exactly the attributes each element reads', () => {
    const found = Object.fromEntries([...elements()].map(([tag, declaration]) => [tag, (declaration.attributes ?? []).map((attribute) => attribute.name).sort()]));
    const common = ['as-of', 'src'];
    expect(found).toEqual({
      'plan-source': [...common].sort(),
      'plan-rag-badge': [...common, 'compact', 'focusable', 'label', 'lang', 'status'].sort(),
      'plan-summary': [...common, 'count', 'due-within', 'heading-level', 'lang'].sort(),
      'plan-milestone-timeline': [...common, 'heading-level', 'print', 'show-list', 'zoom'].sort(),
      'plan-action-table': [...common, 'columns', 'filter-agency', 'filter-status', 'overdue-only', 'page', 'page-size', 'print', 'search', 'sort', 'sort-direction', 'sortable'].sort(),
    });
  });

  it('gives no attribute to a private or protected member (Lit state such as the loaded plan, focus or announcements)', () => {
    for (const [tag, declaration] of elements()) {
      const hidden = new Set((declaration.members ?? []).filter((member) => member.privacy === 'private' || member.privacy === 'protected').map((member) => member.name));
      expect(hidden.size, `${tag} has internal members`).toBeGreaterThan(0);
      for (const attribute of declaration.attributes ?? []) expect(hidden.has(attribute.fieldName ?? ''), `${tag}: ${attribute.name}`).toBe(false);
      for (const member of declaration.members ?? []) if (hidden.has(member.name)) expect(member.attribute, `${tag}: ${member.name}`).toBeUndefined();
    }
  });
});
