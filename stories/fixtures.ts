/**
 * Plans the stories show, as plain objects (what a host page would pass as `.plan`).
 */
import { samplePlan } from '../test/fixtures/sample-plan.js';

export { samplePlan };

type PlanObject = Record<string, unknown>;

/** A plan with a theme and no actions yet: the elements' "empty" state. */
export function emptyPlan(): PlanObject {
  return samplePlan({ themes: [{ id: 'ASB', title: 'Anti-social behaviour', actions: [] }] });
}

/** The sample plan read as at a later date, when most of it is overdue (the `as-of` attribute). */
export const LATE_AS_OF = '2018-09-30';

/**
 * One action in each status of the default legend, one with no status and one with a word that is
 * not in the legend (shown as written, "(not in the legend)"), each with a milestone of the same status.
 */
export function everyStatusPlan(): PlanObject {
  const statuses: Array<[string | undefined, string]> = [
    ['blue', 'Publish the partnership’s annual report'],
    ['green', 'Extend the street pastors scheme to Snodland'],
    ['amber', 'Recruit two more neighbourhood wardens'],
    ['red', 'Open a second youth diversion hub'],
    ['not-started', 'Review the night-time economy strategy'],
    [undefined, 'Agree a data-sharing protocol with health partners'],
    ['Delayed by funding', 'Install new CCTV cameras in the town centre'],
  ];
  return samplePlan({
    themes: [
      {
        id: 'S',
        title: 'Every status',
        actions: statuses.map(([status, title], index) => ({
          id: `S.${index + 1}`,
          title,
          lead: 'TMBC',
          due: 'March 2018',
          ...(status ? { status } : {}),
          ...(status === 'blue' ? { completed: '2017-11-30' } : {}),
          milestones: [{ title: `First stage of “${title}”`, due: 'December 2017', ...(status ? { status } : {}), ...(status === 'blue' ? { completed: '2017-11-15' } : {}) }],
        })),
      },
    ],
  });
}

/** Long words and sentences: titles, agency names, updates, a URL-like unbroken string. */
export function longTextPlan(): PlanObject {
  const longTitle =
    'Work with licensed premises, taxi marshals, street pastors, the town centre management partnership and the British Transport Police to reduce alcohol-related violence and anti-social behaviour in the night-time economy of Tonbridge, Snodland, West Malling and the surrounding parishes, reporting quarterly to the Joint Action Group';
  const unbroken = 'Antidisestablishmentarianism-https://www.tmbc.gov.uk/community-safety/partnership-plans/2017-18/night-time-economy/quarterly-update-report-final-v3.pdf';
  const longUpdate = Array.from(
    { length: 12 },
    (_, n) =>
      `Quarter ${(n % 4) + 1}: partners met ${n + 3} times; ${n * 7 + 12} premises visited, with advice given on Challenge 25, drugs awareness and safe closing; follow-up visits are arranged where problems were found.`,
  ).join(' ');
  return samplePlan({
    title: `${longTitle} (Community Safety Partnership Action Plan 2017/18, second revision agreed by the Joint Action Group)`,
    partnership: 'Tonbridge and Malling Community Safety Partnership together with the West Kent Health and Wellbeing Board',
    agencies: [
      { id: 'TMBC', name: 'Tonbridge and Malling Borough Council Community Safety, Licensing and Environmental Protection Services' },
      { id: 'Kent Police', name: 'Kent Police West Division Community Safety Unit and Neighbourhood Policing Teams' },
    ],
    themes: [
      {
        id: 'NTE',
        title: `${longTitle} — theme`,
        actions: [
          {
            id: '1.1',
            title: longTitle,
            lead: ['TMBC', 'Kent Police'],
            due: 'By end of March 2018',
            status: 'amber',
            baseline: unbroken,
            target: 'A reduction of 10% in violence with injury recorded between 22:00 and 04:00 in the town centre beats',
            updates: [
              { asOf: '2017-09-30', status: 'green', text: longUpdate },
              { asOf: '2017-12-31', status: 'amber', text: `${longUpdate} ${unbroken}` },
            ],
            milestones: [{ title: `${longTitle} — first milestone`, due: 'December 2017', status: 'amber' }],
          },
          { id: '1.2', title: unbroken, lead: 'TMBC', due: 'Ongoing', status: 'green' },
        ],
      },
    ],
  });
}

const STATUS_CYCLE = ['green', 'amber', 'red', 'blue', 'not-started'] as const;
const DUE_CYCLE = ['March 2018', 'Q3', '2017-11-30', 'Ongoing', 'TBC', 'June 2018', 'Quarterly until March 2018', '2017/18'];
const THEMES = ['Anti-social behaviour', 'Domestic abuse', 'Substance misuse', 'Road safety', 'Reducing reoffending', 'Night-time economy', 'Hate crime', 'Youth diversion', 'Fire safety', 'Serious violence'];

/** A plan of `count` actions (1,000 by default) in 20 themes, statuses and dates cycling, each with a milestone. */
export function largePlan(count = 1000): PlanObject {
  const themeCount = 20;
  const perTheme = Math.ceil(count / themeCount);
  const agencies = ['KCC', 'Kent Police', 'TMBC', 'KFRS'];
  const themes = Array.from({ length: themeCount }, (_, t) => ({
    id: `T${t + 1}`,
    title: `${THEMES[t % THEMES.length]} (${Math.floor(t / THEMES.length) + 1})`,
    actions: Array.from({ length: Math.min(perTheme, count - t * perTheme) }, (_, a) => {
      const n = t * perTheme + a;
      const status = STATUS_CYCLE[n % STATUS_CYCLE.length];
      return {
        id: `${t + 1}.${a + 1}`,
        title: `Action ${n + 1}: ${THEMES[n % THEMES.length].toLowerCase()} work with partners in ward ${(n % 27) + 1}`,
        lead: agencies[n % agencies.length],
        due: DUE_CYCLE[n % DUE_CYCLE.length],
        status,
        ...(status === 'blue' ? { completed: '2017-10-31' } : {}),
        updates: [{ asOf: '2017-09-30', status, text: `Update on action ${n + 1}.` }],
        milestones: [{ title: `Milestone of action ${n + 1}`, due: 'December 2017', status: status === 'blue' ? 'blue' : 'not-started', ...(status === 'blue' ? { completed: '2017-10-31' } : {}) }],
      };
    }),
  }));
  return samplePlan({ title: `Synthetic plan of ${count} actions`, themes });
}

/** A plan in Welsh (its `lang` field), for the Welsh stories; the elements take their words from the page's `lang`. */
export function welshPlan(): PlanObject {
  return samplePlan({
    title: 'Cynllun Gweithredu’r Bartneriaeth Diogelwch Cymunedol 2017/18',
    partnership: 'Partneriaeth Diogelwch Cymunedol Enghreifftiol',
    lang: 'cy',
  });
}

/** A plan that does not fit the format (no themes): an error without any network. */
export function invalidPlan(): PlanObject {
  return { title: 'A plan with no themes', asOf: '2017-12-31' };
}
