/** Words <plan-summary> uses. English and Welsh; keys are the same in both. */
export const summary = {
  en: {
    summary: 'Summary',
    /** The heading over the counts: what is counted. */
    counted: { action: 'Actions', milestone: 'Milestones', all: 'Actions and milestones' },
    /** A status count in words: '2 of 5 actions, 40%'. */
    countOf: (count: number, total: number, kind: 'action' | 'milestone' | 'all', percent: number) =>
      `${count} of ${total} ${kind === 'action' ? (total === 1 ? 'action' : 'actions') : kind === 'milestone' ? (total === 1 ? 'milestone' : 'milestones') : total === 1 ? 'action or milestone' : 'actions and milestones'}, ${percent}%`,
    noStatus: 'No status',
    notInLegend: 'Not in the legend',
    overdue: 'Overdue',
    dueWithin: (days: number) => (days === 1 ? 'Due in the next day' : `Due in the next ${days} days`),
    percentComplete: (percent: number) => `${percent}% complete`,
    nothingCounted: { action: 'This plan has no actions yet.', milestone: 'This plan has no milestones.', all: 'This plan has no actions or milestones yet.' },
  },
  cy: {
    summary: 'Crynodeb',
    counted: { action: 'Camau gweithredu', milestone: 'Cerrig milltir', all: 'Camau gweithredu a cherrig milltir' },
    // Welsh puts a singular noun after a number and mutates it by the number; the heading above
    // already says what is counted, so the count is given without the noun.
    countOf: (count: number, total: number, _kind: 'action' | 'milestone' | 'all', percent: number) => `${count} allan o ${total}, ${percent}%`,
    noStatus: 'Dim statws',
    notInLegend: 'Ddim yn yr allwedd',
    overdue: 'Hwyr',
    dueWithin: (days: number) => (days === 1 ? 'Yn ddyledus yn y diwrnod nesaf' : `Yn ddyledus yn y ${days} diwrnod nesaf`),
    percentComplete: (percent: number) => `${percent}% wedi’u cwblhau`,
    nothingCounted: { action: 'Does dim camau yn y cynllun hwn eto.', milestone: 'Does dim cerrig milltir yn y cynllun hwn.', all: 'Does dim camau na cherrig milltir yn y cynllun hwn eto.' },
  },
} as const;
