import { describeDue, type DueInterpretation } from '@plankit/core/lite';

/**
 * Words <plan-milestone-timeline> shows, in English and Welsh; keys are the same in both.
 *
 * `describeDue` reads a "by when" text's interpretation back in words: the core's own, in English
 * or Welsh. Officers' text (titles, the due text as written, events such as "ban") is never
 * translated.
 *
 * `statusLabels` and `statusDefinitions` are the default legend's (core's DEFAULT_STATUS_SCHEME, by
 * key), the same words as <plan-rag-badge>; they are used only when a plan has no legend of its own.
 */

export const timeline = {
  en: {
    timeline: 'Timeline',
    zoom: 'Zoom',
    zoomLevels: { year: 'Year', quarter: 'Quarter', month: 'Month' },
    /** A quarter of the financial year on the axis (Q1 is April to June). */
    quarter: (quarter: number) => `Q${quarter}`,
    /** Month names on the axis at month zoom, January first. */
    monthsShort: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    asAt: (date: string) => `As at ${date}`,
    today: (date: string) => `Today, ${date}`,
    instructions:
      'Each item on the timeline is a button. Use the arrow keys to move between items: left and right in time, up and down between themes. Home and End go to the first and last item in a theme. Press Enter to select an item.',
    key: 'Key',
    noDatedItems: 'No dated items in this theme.',
    ongoing: 'Ongoing',
    recurring: 'Recurring',
    dateToBeConfirmed: 'Date to be confirmed',
    noDate: 'No date',
    inDateOrder: 'Every dated item, in date order',
    details: 'Details',
    theme: 'Theme',
    type: 'Type',
    action: 'Action',
    milestone: 'Milestone',
    partOf: 'Part of action',
    status: 'Status',
    byWhen: 'By when',
    readAs: 'Read as',
    deadline: 'Deadline',
    nextDue: 'Next due',
    lead: 'Lead',
    notGiven: 'Not given',
    overdue: 'Overdue',
    overdueSince: (date: string) => `Overdue: was due ${date}`,
    dueSoon: 'Due soon',
    dueSoonOn: (date: string) => `Due soon: ${date}`,
    dueOn: (date: string) => `Due ${date}`,
    complete: 'Complete',
    noDeadline: 'No date to check',
    noStatus: 'No status',
    notInLegend: (written: string) => `${written} (not in the plan’s legend)`,
    emptyPlan: 'This plan has no actions yet.',
    statusLabels: {
      blue: 'Complete',
      green: 'Green',
      amber: 'Amber',
      red: 'Red',
      'not-started': 'Not started',
    } as Readonly<Record<string, string>>,
    statusDefinitions: {
      blue: 'Delivered: the action or milestone is finished.',
      green: 'On track: will be delivered as planned.',
      amber: 'Some slippage or risk, but recoverable.',
      red: 'Off track: will not be delivered without intervention.',
      'not-started': 'Not started yet, or not yet due.',
    } as Readonly<Record<string, string>>,
    describeDue: (due: DueInterpretation): string => describeDue(due, 'en'),
  },
  cy: {
    timeline: 'Llinell amser',
    zoom: 'Chwyddo',
    zoomLevels: { year: 'Blwyddyn', quarter: 'Chwarter', month: 'Mis' },
    quarter: (quarter: number) => `Ch${quarter}`,
    monthsShort: ['Ion', 'Chwef', 'Maw', 'Ebr', 'Mai', 'Meh', 'Gorff', 'Awst', 'Medi', 'Hyd', 'Tach', 'Rhag'],
    asAt: (date: string) => `Fel ar ${date}`,
    today: (date: string) => `Heddiw, ${date}`,
    instructions:
      'Mae pob eitem ar y llinell amser yn fotwm. Defnyddiwch y bysellau saeth i symud rhwng eitemau: chwith a de mewn amser, i fyny ac i lawr rhwng themâu. Mae Home ac End yn mynd i’r eitem gyntaf a’r olaf mewn thema. Pwyswch Enter i ddewis eitem.',
    key: 'Allwedd',
    noDatedItems: 'Dim eitemau â dyddiad yn y thema hon.',
    ongoing: 'Parhaus',
    recurring: 'Cylchol',
    dateToBeConfirmed: 'Dyddiad i’w gadarnhau',
    noDate: 'Dim dyddiad',
    inDateOrder: 'Pob eitem â dyddiad, yn nhrefn dyddiad',
    details: 'Manylion',
    theme: 'Thema',
    type: 'Math',
    action: 'Cam gweithredu',
    milestone: 'Carreg filltir',
    partOf: 'Rhan o’r cam gweithredu',
    status: 'Statws',
    byWhen: 'Erbyn pryd',
    readAs: 'Wedi’i ddarllen fel',
    deadline: 'Dyddiad cau',
    nextDue: 'Nesaf erbyn',
    lead: 'Arweinydd',
    notGiven: 'Heb ei nodi',
    overdue: 'Hwyr',
    overdueSince: (date: string) => `Hwyr: roedd i fod erbyn ${date}`,
    dueSoon: 'Yn ddyledus cyn bo hir',
    dueSoonOn: (date: string) => `Yn ddyledus cyn bo hir: ${date}`,
    dueOn: (date: string) => `Erbyn ${date}`,
    complete: 'Wedi’i gwblhau',
    noDeadline: 'Dim dyddiad i’w wirio',
    noStatus: 'Dim statws',
    notInLegend: (written: string) => `${written} (ddim yn allwedd y cynllun)`,
    emptyPlan: 'Does dim camau yn y cynllun hwn eto.',
    statusLabels: {
      blue: 'Wedi’i gwblhau',
      green: 'Gwyrdd',
      amber: 'Ambr',
      red: 'Coch',
      'not-started': 'Heb ddechrau',
    } as Readonly<Record<string, string>>,
    statusDefinitions: {
      blue: 'Wedi’i gyflawni: mae’r gwaith wedi’i orffen.',
      green: 'Ar y trywydd iawn: bydd yn cael ei gyflawni fel y cynlluniwyd.',
      amber: 'Rhywfaint o lithriad neu risg, ond mae modd ei adfer.',
      red: 'Ddim ar y trywydd iawn: ni fydd yn cael ei gyflawni heb ymyrraeth.',
      'not-started': 'Heb ddechrau eto, neu ddim yn ddyledus eto.',
    } as Readonly<Record<string, string>>,
    describeDue: (due: DueInterpretation): string => describeDue(due, 'cy'),
  },
} as const;
