/**
 * Words <plan-action-table> shows, in English and Welsh; keys are the same in both. Words every
 * element shares (loading, errors, "Overdue: was due …", "Due soon", "As at …") are in common.ts.
 * Status labels are never translated here: they are the plan's own legend, in the plan's words.
 */
/** Welsh units stay singular after a numeral ("4 wythnos"). */
const WELSH_UNITS = { day: 'diwrnod', week: 'wythnos', month: 'mis', year: 'blwyddyn' } as const;

export const table = {
  en: {
    /** Column headers, by the key used in the `columns` attribute. */
    columns: {
      id: 'Ref',
      title: 'Action',
      lead: 'Lead',
      partners: 'Partners',
      due: 'Due date',
      status: 'Status',
      measure: 'Measure',
      baseline: 'Baseline',
      target: 'Target',
      update: 'Latest update',
      direction: 'Direction of travel',
    },
    sortBy: 'Sort by',
    ascending: 'ascending',
    descending: 'descending',
    sortedBy: (column: string, direction: string) => `Sorted by ${column}, ${direction}`,

    filters: 'Filter actions',
    statusFilter: 'Status',
    allStatuses: 'All statuses',
    notInLegend: 'Not in the legend',
    agencyFilter: 'Lead agency',
    allAgencies: 'All agencies',
    overdueOnly: 'Overdue only',
    search: 'Search actions',
    clearFilters: 'Clear filters',
    actionCount: (count: number) => `${count} ${count === 1 ? 'action' : 'actions'}`,
    shownOf: (shown: number, total: number) => `${shown} ${shown === 1 ? 'action' : 'actions'} shown of ${total}`,
    noMatches: 'No actions match these filters.',

    /** Pages of a long table: the navigation's name, its buttons, and what is said on moving. */
    pages: 'Pages of actions',
    previousPage: 'Previous',
    nextPage: 'Next',
    /** The accessible names of Previous and Next: each starts with the visible word (WCAG 2.5.3, label in name). */
    previousPageName: 'Previous page',
    nextPageName: 'Next page',
    pageLabel: (page: number) => `Page ${page}`,
    /** Added to the count when the rows are paged: "showing 101 to 200". */
    showing: (first: number, last: number) => `showing ${first} to ${last}`,
    pageAnnouncement: (page: number, pages: number, first: number, last: number) => `Page ${page} of ${pages}, actions ${first} to ${last}`,
    /** A theme's heading when its rows began on an earlier page. */
    continued: (title: string) => `${title} (continued)`,

    notGiven: 'Not given',
    noUpdate: 'No update yet',
    undated: 'Undated',

    direction: {
      improving: 'Improving',
      'no-change': 'No change',
      worsening: 'Worsening',
    },
    directionUnknown: 'Not enough updates to compare',

    statusMeaning: 'What the status means',
    objective: 'Objective',
    outcome: 'Outcomes',
    outputs: 'Outputs',
    measures: 'Measures',
    achieved: 'Target achieved?',
    achievedWords: { met: 'Yes', 'not-met': 'No', 'partially-met': 'Partially' },
    progress: 'Progress',
    percentComplete: (percent: number) => `${percent}% complete`,
    completed: 'Completed',
    completedOn: (date: string) => `Completed on ${date}`,
    notes: 'Notes',
    links: 'Links',
    milestones: 'Milestones',
    updates: 'Update history, newest first',
    noUpdates: 'No updates yet.',
    measuredValue: (value: string) => `Measured: ${value}`,
    updatedBy: (by: string) => `By ${by}`,

  },
  cy: {
    columns: {
      id: 'Cyf',
      title: 'Cam gweithredu',
      lead: 'Arweinydd',
      partners: 'Partneriaid',
      due: 'Erbyn pryd',
      status: 'Statws',
      measure: 'Mesur',
      baseline: 'Llinell sylfaen',
      target: 'Targed',
      update: 'Diweddariad diweddaraf',
      direction: 'Cyfeiriad teithio',
    },
    sortBy: 'Trefnu yn ôl',
    ascending: 'esgynnol',
    descending: 'disgynnol',
    sortedBy: (column: string, direction: string) => `Wedi’i drefnu yn ôl ${column}, ${direction}`,

    filters: 'Hidlo’r camau gweithredu',
    statusFilter: 'Statws',
    allStatuses: 'Pob statws',
    notInLegend: 'Ddim yn yr allwedd',
    agencyFilter: 'Asiantaeth arweiniol',
    allAgencies: 'Pob asiantaeth',
    overdueOnly: 'Rhai hwyr yn unig',
    search: 'Chwilio’r camau gweithredu',
    clearFilters: 'Clirio’r hidlwyr',
    // Welsh takes the singular noun after a numeral: "3 cam gweithredu".
    actionCount: (count: number) => `${count} cam gweithredu`,
    shownOf: (shown: number, total: number) => `Yn dangos ${shown} o ${total} cam gweithredu`,
    noMatches: 'Does dim camau gweithredu yn cyfateb i’r hidlwyr hyn.',

    pages: 'Tudalennau’r camau gweithredu',
    previousPage: 'Blaenorol',
    nextPage: 'Nesaf',
    // Welsh puts the adjective after the noun ("tudalen nesaf"), so a name that added the noun would not start with
    // the visible word (WCAG 2.5.3): the nav's own name already says these are pages.
    previousPageName: 'Blaenorol',
    nextPageName: 'Nesaf',
    pageLabel: (page: number) => `Tudalen ${page}`,
    showing: (first: number, last: number) => `yn dangos ${first} i ${last}`,
    pageAnnouncement: (page: number, pages: number, first: number, last: number) => `Tudalen ${page} o ${pages}, camau gweithredu ${first} i ${last}`,
    continued: (title: string) => `${title} (parhad)`,

    notGiven: 'Heb ei roi',
    noUpdate: 'Dim diweddariad eto',
    undated: 'Heb ddyddiad',

    direction: {
      improving: 'Yn gwella',
      'no-change': 'Dim newid',
      worsening: 'Yn gwaethygu',
    },
    directionUnknown: 'Dim digon o ddiweddariadau i’w cymharu',

    statusMeaning: 'Ystyr y statws',
    objective: 'Amcan',
    outcome: 'Canlyniadau',
    outputs: 'Allbynnau',
    measures: 'Mesurau',
    achieved: 'Wedi cyrraedd y targed?',
    achievedWords: { met: 'Do', 'not-met': 'Naddo', 'partially-met': 'Yn rhannol' },
    progress: 'Cynnydd',
    percentComplete: (percent: number) => `${percent}% wedi’i gwblhau`,
    completed: 'Wedi’i gwblhau',
    completedOn: (date: string) => `Wedi’i gwblhau ar ${date}`,
    notes: 'Nodiadau',
    links: 'Dolenni',
    milestones: 'Cerrig milltir',
    updates: 'Hanes y diweddariadau, y diweddaraf yn gyntaf',
    noUpdates: 'Dim diweddariadau eto.',
    measuredValue: (value: string) => `Wedi’i fesur: ${value}`,
    updatedBy: (by: string) => `Gan ${by}`,

  },
} as const;

/** The table's words in one language. */
export type TableStrings = (typeof table)[keyof typeof table];
