/**
 * The report's words, English and Welsh. Every word the web components already use comes from
 * their catalogue (`packages/elements/src/strings/`), so the report reads like the elements; only
 * the words a printed report needs and the elements have not (the contents, the as-at basis, the
 * summary table's column headings…) are written here, in the same two languages.
 *
 * The catalogue's modules are plain data (no DOM, no Lit): `@plankit/elements/strings/*`.
 */
import { badge } from '@plankit/elements/strings/badge';
import { common } from '@plankit/elements/strings/common';
import { summary } from '@plankit/elements/strings/summary';
import { table } from '@plankit/elements/strings/table';
import { timeline } from '@plankit/elements/strings/timeline';

export type Lang = 'en' | 'cy';

/** The elements' catalogue, by language. */
export const catalogue = { badge, common, summary, table, timeline } as const;

/** Words only the printed report uses. */
const report = {
  en: {
    kicker: 'Action plan report',
    partnership: 'Partnership',
    period: 'Period',
    asAtBasis: {
      option: 'the reporting date chosen for this report',
      plan: 'the date of the plan’s latest published update',
      today: 'the date the report was produced: the plan gives no reporting date',
    },
    /** "As at 31 March 2011: the date of the plan’s latest published update." */
    asAtWithBasis: (asAt: string, basis: string) => `${asAt}: ${basis}.`,
    produced: (date: string) => `Report produced ${date}.`,
    contents: 'Contents',
    aboutPlan: 'About the plan',
    legend: 'Key to statuses',
    legendIntro: 'Each status is shown as a word, a shape and a colour.',
    legendOwn: 'The words and their meanings are the plan’s own.',
    legendDefault: 'The plan has no key of its own, so the usual one is used.',
    legendStatus: 'Status',
    legendShape: 'Shape',
    legendMeaning: 'What it means',
    legendComplete: 'Counts as complete',
    yes: 'Yes',
    no: 'No',
    shapes: { red: 'Triangle', amber: 'Diamond', green: 'Circle', blue: 'Tick', grey: 'Ring', unknown: 'Dashed square' },
    statusTableCaption: 'Actions at each status',
    countColumn: 'Number',
    shareColumn: 'Share',
    totalRow: 'Total',
    deadlinesCaption: 'Deadlines',
    measureColumn: 'Measure',
    actionsColumn: 'Actions',
    milestonesColumn: 'Milestones',
    percentCompleteRow: 'Percent complete',
    percentCompleteNote: 'Percent complete is the average across the actions of each action’s progress.',
    dueSoonWindow: (days: number) => `“Due soon” beside an item means its deadline is within ${days} ${days === 1 ? 'day' : 'days'} of the as-at date.`,
    themes: 'Themes',
    themeNoActions: 'This theme has no actions.',
    aim: 'Aim',
    objectives: 'Objectives',
    description: 'Description',
    timelineIntro: 'Every action and milestone with a date, in date order, grouped by quarter of the financial year (April to March). Items with no fixed date are listed after them.',
    quarterHeading: (quarter: string, year: string, from: string, to: string) => `${quarter} ${year}: ${from} to ${to}`,
    footnotes: 'Notes',
    planFootnotes: 'Footnotes in the plan',
    risks: 'Risks',
    riskOwner: 'Owner',
    riskMitigation: 'Mitigation',
    milestoneUpdates: 'Update history of this milestone, newest first',
  },
  cy: {
    kicker: 'Adroddiad cynllun gweithredu',
    partnership: 'Partneriaeth',
    period: 'Cyfnod',
    asAtBasis: {
      option: 'y dyddiad adrodd a ddewiswyd ar gyfer yr adroddiad hwn',
      plan: 'dyddiad diweddariad cyhoeddedig diweddaraf y cynllun',
      today: 'y dyddiad y lluniwyd yr adroddiad: nid yw’r cynllun yn rhoi dyddiad adrodd',
    },
    asAtWithBasis: (asAt: string, basis: string) => `${asAt}: ${basis}.`,
    produced: (date: string) => `Lluniwyd yr adroddiad ${date}.`,
    contents: 'Cynnwys',
    aboutPlan: 'Am y cynllun',
    legend: 'Allwedd y statws',
    legendIntro: 'Dangosir pob statws fel gair, siâp a lliw.',
    legendOwn: 'Geiriau’r cynllun ei hun yw’r geiriau a’u hystyron.',
    legendDefault: 'Does gan y cynllun ddim allwedd ei hun, felly defnyddir yr un arferol.',
    legendStatus: 'Statws',
    legendShape: 'Siâp',
    legendMeaning: 'Ei ystyr',
    legendComplete: 'Yn cyfrif fel wedi’i gwblhau',
    yes: 'Ydy',
    no: 'Nac ydy',
    shapes: { red: 'Triongl', amber: 'Diemwnt', green: 'Cylch', blue: 'Tic', grey: 'Cylch gwag', unknown: 'Sgwâr llinell doredig' },
    statusTableCaption: 'Camau gweithredu ym mhob statws',
    countColumn: 'Nifer',
    shareColumn: 'Cyfran',
    totalRow: 'Cyfanswm',
    deadlinesCaption: 'Dyddiadau cau',
    measureColumn: 'Mesur',
    actionsColumn: 'Camau gweithredu',
    milestonesColumn: 'Cerrig milltir',
    percentCompleteRow: 'Canran wedi’i chwblhau',
    percentCompleteNote: 'Y ganran wedi’i chwblhau yw cyfartaledd cynnydd pob cam gweithredu.',
    dueSoonWindow: (days: number) => `Mae “Yn ddyledus cyn bo hir” wrth eitem yn golygu bod ei dyddiad cau o fewn ${days} diwrnod i’r dyddiad adrodd.`,
    themes: 'Themâu',
    themeNoActions: 'Does dim camau gweithredu yn y thema hon.',
    aim: 'Nod',
    objectives: 'Amcanion',
    description: 'Disgrifiad',
    timelineIntro: 'Pob cam gweithredu a charreg filltir â dyddiad, yn nhrefn dyddiad, wedi’u grwpio fesul chwarter o’r flwyddyn ariannol (Ebrill i Fawrth). Rhestrir yr eitemau heb ddyddiad penodol ar eu hôl.',
    quarterHeading: (quarter: string, year: string, from: string, to: string) => `${quarter} ${year}: ${from} i ${to}`,
    footnotes: 'Nodiadau',
    planFootnotes: 'Troednodiadau yn y cynllun',
    risks: 'Risgiau',
    riskOwner: 'Perchennog',
    riskMitigation: 'Lliniaru',
    milestoneUpdates: 'Hanes diweddariadau’r garreg filltir hon, y diweddaraf yn gyntaf',
  },
} as const;

/** Every word the report uses in one language. */
export function wordsFor(lang: Lang) {
  return {
    common: common[lang],
    badge: badge[lang],
    summary: summary[lang],
    table: table[lang],
    timeline: timeline[lang],
    report: report[lang],
  };
}

export type Words = ReturnType<typeof wordsFor>;
