/**
 * The catalogue of examples every plan element shares (GOV.UK Frontend style: each example is docs,
 * a fixture and an axe check at once). Each `*.stories.ts` file exports these under its own title;
 * preview.ts makes every one a test: it waits for the state the story names, then axe runs on it.
 */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import type { StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import { emptyPlan, everyStatusPlan, invalidPlan, largePlan, LATE_AS_OF, longTextPlan, samplePlan, welshPlan } from './fixtures.js';
import {
  expectNoSidewaysScroll,
  expectWelsh,
  inForcedColours,
  inNarrowContainer,
  inWelsh,
  isTestRun,
  mediaIsEmulated,
  MISSING_PLAN_URL,
  narrowWrapper,
  NEVER_ANSWERING_PLAN_URL,
  onDarkPage,
  planElements,
  settle,
  type PlankitParameters,
} from './support.js';
// A real published plan (YAML), bundled as a file so its URL works in the dev server, the static
// build (under any base path) and the test runner alike.
import tonbridgePlanUrl from '../examples/tonbridge-malling-csp-action-plan-2013-14.plan.yaml?url';

/** The attributes every story can set (the Controls panel changes them). */
export interface PlanArgs {
  /** `theme`: light or dark colours (unset: follow the reader's system setting). */
  theme?: 'light' | 'dark';
  /** `print`: apply the element's print styles on screen. */
  print?: boolean;
  /** `as-of`: report as at this date (YYYY-MM-DD) instead of the plan's own. */
  asOf?: string;
  /** `columns` (<plan-action-table> only): which columns to show. */
  columns?: string;
}

export type PlanStory = StoryObj<PlanArgs> & { parameters?: { plankit?: PlankitParameters } & Record<string, unknown> };

/** The tags a plan can be shown with (the badge shows a single status and has its own stories). */
export type PlanTag = 'plan-source' | 'plan-action-table' | 'plan-milestone-timeline' | 'plan-summary';

/** Where a story's plan comes from: an object (`.plan`) or a URL (`src`). */
interface PlanInput {
  plan?: unknown;
  src?: string;
}

/** The plan elements shown inside <plan-source> in its own stories: the whole page, through context. */
const SOURCE_CHILDREN = ['plan-summary', 'plan-action-table', 'plan-milestone-timeline'] as const;

/** One plan element given its plan directly. */
function standalone(tag: PlanTag, { plan, src }: PlanInput, args: PlanArgs) {
  const name = unsafeStatic(tag);
  return staticHtml`<${name} .plan=${plan} src=${ifDefined(src)} as-of=${ifDefined(args.asOf || undefined)} theme=${ifDefined(args.theme)} columns=${ifDefined(args.columns || undefined)} ?print=${!!args.print}></${name}>`;
}

/** <plan-source> providing one plan to the given elements inside it. */
export function inSource(children: readonly string[], { plan, src }: PlanInput, args: PlanArgs) {
  return html`<plan-source .plan=${plan} src=${ifDefined(src)} as-of=${ifDefined(args.asOf || undefined)}>
    ${children.map((tag) => standalone(tag as PlanTag, {}, { theme: args.theme, print: args.print }))}
  </plan-source>`;
}

/** Renders a story's plan with `tag`: on its own, or (for plan-source) around the three viewers. */
function view(tag: PlanTag, input: PlanInput, args: PlanArgs) {
  return tag === 'plan-source' ? inSource(SOURCE_CHILDREN, input, args) : standalone(tag, input, args);
}

const describe = (text: string) => ({ docs: { description: { story: text } } });

/** Every story of the catalogue, for one tag. */
export function planElementStories(tag: PlanTag) {
  const shows = (state: PlankitParameters['shows']) => ({ plankit: { shows: state } });
  const stories = {
    Default: {
      render: (args) => view(tag, { plan: samplePlan() }, args),
      parameters: describe('The sample plan: two themes, every status, milestones, update history, one action overdue at the plan’s as-of date.'),
    },
    InPlanSource: {
      render: (args) => (tag === 'plan-source' ? view(tag, { plan: samplePlan() }, args) : inSource([tag], { plan: samplePlan() }, args)),
      parameters: describe('The plan comes from an enclosing `<plan-source>` (through `@lit/context`), as on a page with several views of one plan.'),
    },
    FromYamlFile: {
      render: (args) => view(tag, { src: tonbridgePlanUrl }, args),
      parameters: describe('`src` pointing at a real published plan in YAML (examples/tonbridge-malling-csp-action-plan-2013-14.plan.yaml): the full YAML reader is loaded only then.'),
    },
    Loading: {
      render: (args) => view(tag, { src: NEVER_ANSWERING_PLAN_URL }, args),
      parameters: {
        ...shows('loading'),
        ...describe('While the plan is being fetched. The story’s `src` is a URL that never answers (the stories’ `fetch` holds it open), so the loading state stays on screen.'),
      },
      play: async ({ canvasElement }) => {
        await settle(canvasElement, 'loading');
        for (const element of planElements(canvasElement)) {
          await expect(element.shadowRoot?.querySelector('[role="status"]'), `<${element.localName}> announces loading in a status region`).toBeTruthy();
        }
      },
    },
    ErrorMissingFile: {
      render: (args) => view(tag, { src: MISSING_PLAN_URL }, args),
      parameters: { ...shows('error'), ...describe('`src` pointing at a file that does not exist: the element says so in words, in an alert, and fires `plan-error`.') },
      play: async ({ canvasElement }) => {
        await settle(canvasElement, 'error');
        for (const element of planElements(canvasElement)) {
          await expect(element.shadowRoot?.querySelector('[role="alert"]')?.textContent).toContain(MISSING_PLAN_URL);
        }
      },
    },
    ErrorInvalidPlan: {
      render: (args) => view(tag, { plan: invalidPlan() }, args),
      parameters: { ...shows('error'), ...describe('A plan object with no themes: the error names what is wrong.') },
    },
    Empty: {
      render: (args) => view(tag, { plan: emptyPlan() }, args),
      parameters: describe('A plan with a theme and no actions yet.'),
    },
    EveryStatus: {
      render: (args) => view(tag, { plan: everyStatusPlan() }, args),
      parameters: describe('One action in each status of the default legend (blue, green, amber, red, not started), one with no status and one with a word that is not in the legend.'),
    },
    Overdue: {
      args: { asOf: LATE_AS_OF },
      render: (args) => view(tag, { plan: samplePlan() }, args),
      parameters: describe(`The sample plan reported as at ${LATE_AS_OF} (\`as-of\`): most of it is overdue.`),
    },
    LongText: {
      render: (args) => view(tag, { plan: longTextPlan() }, args),
      parameters: describe('Very long titles, agency names and update text, and an unbroken URL-like string that must wrap rather than widen the page.'),
    },
    ThousandActions: {
      // Left out of the docs page, which renders every story at once; in the Storybook UI axe runs on
      // it only when asked (the Accessibility panel's button): on 1,000 rows it takes 10-40 seconds.
      // The test run always checks it.
      tags: ['!autodocs'],
      globals: isTestRun() ? {} : { a11y: { manual: true } },
      render: (args) => view(tag, { plan: largePlan(1000) }, args),
      parameters: describe('A generated plan of 1,000 actions in 20 themes, each with an update and a milestone.'),
    },
    Welsh: {
      decorators: [inWelsh],
      render: (args) => view(tag, { plan: welshPlan() }, args),
      parameters: describe('Inside an element with `lang="cy"`: the element’s own words are Welsh.'),
      play: async ({ canvasElement }) => {
        await settle(canvasElement);
        expectWelsh(canvasElement);
      },
    },
    Dark: {
      args: { theme: 'dark' },
      decorators: [onDarkPage],
      render: (args) => view(tag, { plan: samplePlan() }, args),
      parameters: describe('`theme="dark"` on the element, on a dark page.'),
    },
    ForcedColours: {
      decorators: [inForcedColours],
      render: (args) => view(tag, { plan: samplePlan() }, args),
      parameters: {
        plankit: { media: { forcedColors: 'active' } },
        ...describe(
          'Windows contrast themes (`forced-colors: active`). Storybook cannot switch the system setting, so this story looks like Default here: turn on a contrast theme, or emulate it in Chromium’s DevTools (Rendering › Emulate CSS media feature forced-colors). The test run emulates it, and axe checks the result.',
        ),
      },
      play: async ({ canvasElement }) => {
        await settle(canvasElement);
        if (mediaIsEmulated()) await expect(window.matchMedia('(forced-colors: active)').matches, 'forced colours are emulated').toBe(true);
      },
    },
    NarrowContainer: {
      decorators: [inNarrowContainer],
      render: (args) => view(tag, { plan: samplePlan() }, args),
      parameters: describe('In a 320px-wide container (WCAG 1.4.10 Reflow): nothing may push the container sideways.'),
      play: async ({ canvasElement }) => {
        await settle(canvasElement);
        expectNoSidewaysScroll(narrowWrapper(canvasElement));
      },
    },
    Print: {
      args: { print: true },
      render: (args) => view(tag, { plan: samplePlan() }, args),
      parameters: {
        plankit: { media: { media: 'print' } },
        ...describe('The `print` attribute applies the element’s print styles on screen (true black, no colour-only meaning). The test run also emulates print media.'),
      },
    },
  } satisfies Record<string, PlanStory>;
  return stories;
}

/** Storybook's `argTypes` for the shared attributes (the manifest adds the element's own). */
export const planArgTypes = {
  theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'], description: '`theme` attribute: light or dark colours (unset follows the system).' },
  print: { control: 'boolean', description: '`print` attribute: apply print styles on screen.' },
  asOf: { control: 'text', description: '`as-of` attribute: report as at this date (YYYY-MM-DD).' },
} as const;
