import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
// The manifest the elements build writes (npm run build): the docs pages and controls come from it.
import manifest from '../../packages/elements/custom-elements.json';
// The one-script entry, as a host page loads it: registers every element that has landed in define.ts.
import '../../packages/elements/src/plankit.js';
import './zz-tmp-define.js'; // TEMP
import { installNeverAnsweringPlanUrl, settle, type PlankitParameters } from '../support.js';

/** The WCAG 2.2 A and AA rules axe-core checks (the same tags as test/browser/helpers.ts). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

interface ManifestMember {
  privacy?: string;
  static?: boolean;
}
interface ManifestDeclaration {
  name: string;
  customElement?: boolean;
  tagName?: string;
  members?: ManifestMember[];
}
interface Manifest {
  modules: Array<{ declarations?: ManifestDeclaration[] }>;
}

/**
 * The manifest as the docs pages need it. The analyzer reads src/elements/*.ts, where no tag is
 * defined (define.ts registers them), so declarations carry no `tagName`: it is derived from the class
 * name (PlanActionTable → plan-action-table) unless the class documents one (`@tagname`). Private,
 * protected and static members are left out of the API tables.
 */
function forDocs(input: Manifest): Manifest {
  const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return {
    ...input,
    modules: input.modules.map((module) => ({
      ...module,
      declarations: module.declarations?.map((declaration) =>
        declaration.customElement
          ? {
              ...declaration,
              tagName: declaration.tagName ?? kebab(declaration.name),
              members: declaration.members?.filter((member) => (member.privacy ?? 'public') === 'public' && !member.static),
            }
          : declaration,
      ),
    })),
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
  const t0 = performance.now(); await settle(canvasElement, parameters.plankit?.shows ?? 'plan'); console.log('TIMING settle', Math.round(performance.now() - t0), 'elements', canvasElement.querySelectorAll('*').length); // TEMP
};

const preview: Preview = {
  tags: ['autodocs'],
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
