import type { ArgTypesEnhancer } from 'storybook/internal/types';
import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
// The manifest the elements build writes (npm run build): the docs pages and controls come from it.
import manifest from '../../packages/elements/custom-elements.json';
// The one-script entry, as a host page loads it: each element is registered when its chunk arrives.
import '../../packages/elements/src/plankit.js';
import { installNeverAnsweringPlanUrl, settle, type PlankitParameters } from '../support.js';

/** The WCAG 2.2 A and AA rules axe-core checks (the same tags as test/browser/helpers.ts). */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

interface ManifestMember {
  name: string;
  privacy?: string;
  static?: boolean;
}
interface ManifestAttribute {
  name: string;
  fieldName?: string;
}
interface ManifestDeclaration {
  kind: string;
  name: string;
  customElement?: boolean;
  tagName?: string;
  members?: ManifestMember[];
  attributes?: ManifestAttribute[];
}
interface Manifest {
  modules: Array<{ path: string; declarations?: ManifestDeclaration[] }>;
}

/**
 * The manifest as the docs pages need it. The analyzer reads src/elements/*.ts only, so it cannot
 * see that PlanElement (src/base.ts) is a LitElement, nor the tags (define.ts registers them): the
 * element classes come without `customElement` or `tagName`. Each file there holds one element and
 * is named after its tag, so the tag is the file's name (kept only when it matches the class name,
 * PlanActionTable ↔ plan-action-table). Private, protected and static members, and the attributes of
 * private fields, are left out of the API tables.
 */
function forDocs(input: Manifest): Manifest {
  const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  const isPublic = (member: ManifestMember) => (member.privacy ?? 'public') === 'public' && !member.static;
  return {
    ...input,
    modules: input.modules.map((module) => {
      const fileTag = /(?:^|\/)elements\/([a-z0-9]+-[a-z0-9-]+)\.ts$/.exec(module.path)?.[1];
      return {
        ...module,
        declarations: module.declarations?.map((declaration) => {
          const tagName = declaration.tagName ?? (declaration.kind === 'class' && fileTag === kebab(declaration.name) ? fileTag : undefined);
          if (!declaration.customElement && !tagName) return declaration;
          const hidden = new Set((declaration.members ?? []).filter((member) => !isPublic(member)).map((member) => member.name));
          return {
            ...declaration,
            customElement: true,
            tagName,
            members: declaration.members?.filter(isPublic),
            attributes: declaration.attributes?.filter((attribute) => !attribute.fieldName || !hidden.has(attribute.fieldName)),
          };
        }),
      };
    }),
  };
}

setCustomElementsManifest(forDocs(manifest as unknown as Manifest));
installNeverAnsweringPlanUrl();

type Hook = (context: { canvasElement: HTMLElement; parameters: { plankit?: PlankitParameters } }) => Promise<void>;

/** In the `stories` test project, emulates the media features a story asks for (forced colours, print). */
const emulateMedia: Hook = async ({ parameters }) => {
  const emulate = (globalThis as { __plankitEmulateMedia?: (media: unknown) => Promise<void> }).__plankitEmulateMedia;
  const media = parameters.plankit?.media;
  if (emulate && media) await emulate(media);
};

/**
 * After every story (and its play function): fail on a Plankit tag that is not registered, then wait
 * until the plan elements show what the story says (a plan, loading, an error). This runs before the
 * a11y addon's own afterEach (Storybook runs afterEach hooks in reverse, the project's preview first),
 * so axe sees the settled page, not a loading message.
 */
const settleCanvas: Hook = async ({ canvasElement, parameters }) => {
  await settle(canvasElement, parameters.plankit?.shows ?? 'plan');
};

/**
 * Parts, custom properties, events and slots are documented, not set: no "Set object" controls for
 * them in the docs tables.
 */
const DOCUMENTED_ONLY = new Set(['css shadow parts', 'css custom properties', 'events', 'slots']);
const documentedOnly: ArgTypesEnhancer = ({ argTypes }) =>
  Object.fromEntries(Object.entries(argTypes).map(([name, argType]) => [name, DOCUMENTED_ONLY.has(String(argType.table?.category)) ? { ...argType, control: false } : argType]));

const preview: Preview = {
  tags: ['autodocs'],
  argTypesEnhancers: [documentedOnly],
  beforeEach: emulateMedia as Preview['beforeEach'],
  afterEach: settleCanvas as Preview['afterEach'],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    a11y: {
      // Any violation fails the story: in the Storybook UI (the Accessibility panel) and in vitest.
      test: 'error',
      options: { runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] },
    },
  },
};

export default preview;
