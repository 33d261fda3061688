import { foldName } from './similarity.js';

/** The colour a status is shown with; it also says how good the status is. */
export type StatusColour = 'red' | 'amber' | 'green' | 'blue' | 'grey';

/** One status of a plan's legend. */
export interface StatusDefinition {
  /** What officers write (`green`). */
  key: string;
  /** What readers see (`On track`). */
  label: string;
  /** What the status means in this plan. */
  definition?: string;
  colour: StatusColour;
  /** Whether an item with this status is finished (never overdue, counts as done). */
  complete: boolean;
  /** Other words officers use for it. */
  aliases: readonly string[];
}

/** The legend used when a plan has none: Blue/Red/Amber/Green with "not started" (BRAG). */
export const DEFAULT_STATUS_SCHEME: readonly StatusDefinition[] = Object.freeze([
  {
    key: 'blue',
    label: 'Complete',
    definition: 'Delivered: the action or milestone is finished.',
    colour: 'blue',
    complete: true,
    aliases: ['complete', 'completed', 'done', 'achieved', 'delivered', 'B'],
  },
  {
    key: 'green',
    label: 'Green',
    definition: 'On track: will be delivered as planned.',
    colour: 'green',
    complete: false,
    aliases: ['on track', 'G'],
  },
  {
    key: 'amber',
    label: 'Amber',
    definition: 'Some slippage or risk, but recoverable.',
    colour: 'amber',
    complete: false,
    aliases: ['at risk', 'slippage', 'A'],
  },
  {
    key: 'red',
    label: 'Red',
    definition: 'Off track: will not be delivered without intervention.',
    colour: 'red',
    complete: false,
    aliases: ['off track', 'R'],
  },
  {
    key: 'not-started',
    label: 'Not started',
    definition: 'Not started yet, or not yet due.',
    colour: 'grey',
    complete: false,
    aliases: ['not yet started', 'not yet due', 'not due'],
  },
]);

/** How good each colour is, for direction of travel: red < amber < green < blue. Grey has no rank. */
export const COLOUR_RANK: Readonly<Record<StatusColour, number | undefined>> = { red: 0, amber: 1, green: 2, blue: 3, grey: undefined };

/** Finds statuses by key, label or alias, ignoring case, spaces and punctuation. */
export class StatusLegend {
  private readonly byName = new Map<string, StatusDefinition>();

  constructor(readonly definitions: readonly StatusDefinition[]) {
    // Keys first, so a key always wins over another status's alias.
    for (const definition of definitions) this.add(definition.key, definition);
    for (const definition of definitions) this.add(definition.label, definition);
    for (const definition of definitions) for (const alias of definition.aliases) this.add(alias, definition);
  }

  private add(name: string, definition: StatusDefinition): void {
    const folded = foldName(name);
    if (folded && !this.byName.has(folded)) this.byName.set(folded, definition);
  }

  private readonly resolved = new Map<string, StatusDefinition | undefined>();

  /** The status a written word stands for, if the legend has it. */
  resolve(written: string | undefined): StatusDefinition | undefined {
    if (written === undefined) return undefined;
    // A plan writes the same few words thousands of times: fold each once.
    if (!this.resolved.has(written)) this.resolved.set(written, this.byName.get(foldName(written)));
    return this.resolved.get(written);
  }
}
