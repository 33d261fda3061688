import { deadlineOf, describeDue, formatLongDate, type DueInterpretation } from '@plankit/core/lite';

/**
 * Words <plan-milestone-timeline> shows, in English and Welsh; keys are the same in both.
 *
 * `describeDue` reads a "by when" text's interpretation back in words. English is the core's own
 * `describeDue`; the core has no Welsh, so the Welsh one words the same interpretation (it adds no
 * reading of its own: every date and kind comes from the core). Officers' text (titles, the due
 * text as written, events such as "ban") is never translated.
 *
 * `statusLabels` and `statusDefinitions` are the default legend's (core's DEFAULT_STATUS_SCHEME, by
 * key), the same words as <plan-rag-badge>; they are used only when a plan has no legend of its own.
 */

/** Welsh units stay singular after a numeral ("4 wythnos"). */
const WELSH_UNITS = { day: 'diwrnod', week: 'wythnos', month: 'mis', year: 'blwyddyn' } as const;

const WELSH_FREQUENCIES = {
  weekly: 'bob wythnos',
  monthly: 'bob mis',
  quarterly: 'bob chwarter',
  'half-yearly': 'bob chwe mis',
  yearly: 'bob blwyddyn',
} as const;

/** A list in Welsh words: 'a', 'a b', 'a, b neu c'. */
function welshList(items: readonly string[], conjunction: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** The core's interpretation of a "by when" text, in Welsh words (dates in Welsh). */
function describeDueInWelsh(due: DueInterpretation): string {
  const date = (iso: string) => formatLongDate(iso, 'cy');
  const noDate = 'dim dyddiad i’w wirio';
  switch (due.kind) {
    case 'date':
    case 'month':
    case 'year':
    case 'financial-year':
    case 'quarter':
      return due.latest === undefined ? noDate : `erbyn ${date(due.latest)}`;
    case 'range':
      if (due.earliest !== undefined && due.latest !== undefined) return `rhwng ${date(due.earliest)} a ${date(due.latest)}`;
      if (due.latest !== undefined) return `erbyn ${date(due.latest)}`;
      if (due.earliest !== undefined) return `o ${date(due.earliest)}, dim dyddiad gorffen`;
      return noDate;
    case 'ongoing':
      return due.latest === undefined ? 'parhaus, dim dyddiad gorffen' : `parhaus tan ${date(due.latest)}`;
    case 'recurring': {
      const words = due.recurrence === undefined ? 'yn ailadrodd' : WELSH_FREQUENCIES[due.recurrence.frequency];
      const until = due.recurrence?.until;
      return until === undefined ? words : `${words} tan ${date(until)}`;
    }
    case 'relative': {
      const offset = due.offset;
      if (offset === undefined) return due.event === undefined ? noDate : `mae’r dyddiad yn dibynnu ar: ${due.event}`;
      const units = `${Math.abs(offset.amount)} ${WELSH_UNITS[offset.unit]}`;
      if (due.event === undefined) return `o fewn ${units} i ddigwyddiad heb ei enwi`;
      return offset.amount < 0 ? `${units} cyn: ${due.event}` : `o fewn ${units} i: ${due.event}`;
    }
    case 'alternatives': {
      const alternatives = due.alternatives ?? [];
      const dates = alternatives.map((alternative) => {
        const deadline = deadlineOf(alternative);
        return deadline === undefined ? alternative.text.trim() : date(deadline);
      });
      return `${alternatives.length} dyddiad: ${welshList(dates, 'neu')}`;
    }
    case 'tbc':
      return 'dyddiad i’w gadarnhau';
    case 'not-applicable':
      return 'dim angen dyddiad';
    default:
      return noDate;
  }
}

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
    describeDue: (due: DueInterpretation): string => describeDue(due),
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
    describeDue: describeDueInWelsh,
  },
} as const;
