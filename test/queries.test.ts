// Tests of PlanAnalysis (queries.ts) on one realistic plan: a county community safety agreement
// action plan with three themes, nine actions, milestones, dated updates with statuses and
// measured values, polarity, an explicit percentComplete, joint and {agency, officer} leads and an
// agency register. Every expected answer is worked out by hand from the plan text below.

import { describe, expect, it } from 'vitest';
import { readPlanFile, readRegisterFile } from '../packages/core/src/files.js';
import type { Action, Plan, Update } from '../packages/core/src/model.js';
import { latestUpdate, PlanAnalysis, type PlanItem } from '../packages/core/src/queries.js';

// ---------------------------------------------------------------------------------------------
// Helpers

/** A YAML text written indented inside the test: the common indentation and the first newline are removed. */
function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((text, part, i) => text + part + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n[ \t]*$/, '\n').split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((line) => line.slice(common)).join('\n');
}

/** Reads a plan text that must be free of syntax and schema errors. */
function readPlan(text: string): Plan {
  const file = readPlanFile(text, { fileName: '/plans/csa-2017-18.plan.yaml' });
  expect(file.diagnostics.filter((d) => d.severity === 'error'), 'the test plan itself must be valid').toEqual([]);
  return file.plan!;
}

/** The ids (or keys) of items, in the order given. */
function ids(items: readonly PlanItem[]): string[] {
  return items.map((item) => item.id ?? item.key);
}

// ---------------------------------------------------------------------------------------------
// The plan

const REGISTER = yaml`
  title: Kent community safety agencies
  agencies:
    - id: KCC
      name: Kent County Council
      aliases: [KCC Public Health]
    - id: Kent Police
      name: Kent Police
      aliases: [West Kent Police]
    - id: KFRS
      name: Kent Fire and Rescue Service
    - id: TMBC
      name: Tonbridge and Malling Borough Council
    - id: RCRP
      name: Road Casualty Reduction Partnership
      kind: group
    - id: Kenward Trust
      name: Kenward Trust
`;

const PLAN = yaml`
  title: Community Safety Agreement Action Plan 2017/18
  partnership: Kent Community Safety Partnership
  period: 2017/18
  asOf: 2017-12-31
  registers: [kent.agencies.yaml]
  themes:
    - id: '1'
      title: Road safety
      lead: {agency: KFRS, officer: Director of Operations}
      actions:
        - id: '1.1'
          title: Hold a one-day casualty data workshop
          due: June 2017
          lead: {agency: RCRP, officer: Road Safety Manager}
          partners: [KFRS]
          status: blue
          completed: 2017-06-20
          updates:
            - asOf: 2017-06-30
              status: blue
              text: Workshop held with 14 partners.
        - id: '1.2'
          title: Deliver road safety workshops to 8,000 pupils
          due: November 2017 / June 2018
          lead: KFRS
          partners: [KCC Public Health]
          percentComplete: 40
          polarity: higher
          updates:
            - asOf: 2017-09-30
              status: green
              value: 2,100 pupils
              text: Autumn term bookings made.
            - asOf: 2017-12-31
              status: amber
              value: 4,800 pupils
              text: Two schools cancelled; the rest delivered.
        - id: '1.3'
          title: Reduce people killed or seriously injured on county roads
          due: 2017/18
          lead: KCC
          baseline: '540'
          target: '500'
          polarity: lower
          updates:
            - asOf: 2017-06-30
              status: amber
              value: '540'
              text: Baseline confirmed.
            - asOf: 2017-09-30
              status: amber
              value: '512'
              text: Down on last year.
    - id: '2'
      title: Domestic abuse
      actions:
        - id: '2.1'
          title: Commission an independent domestic violence advisor service
          due: Q3
          lead: KCC/Kent Police
          updates:
            - asOf: 2017-09-30
              status: green
              text: Specification agreed.
            - asOf: 2017-12-31
              status: red
              text: Tender failed; re-procurement needed.
          milestones:
            - id: 2.1.1
              title: Agree the service specification
              due: 2017-07-31
              status: blue
              completed: 2017-07-28
            - id: 2.1.2
              title: Award the contract
              due: September 2017
              lead: KCC
              status: red
            - id: 2.1.3
              title: Service goes live
              due: TBC
              lead: Kent Police
              status: not-started
        - id: '2.2'
          title: Run a domestic abuse awareness campaign
          due: Quarterly until March 2018
          lead: Kent Police
          partners: [Kenward Trust, TMBC]
          status: On track
          updates:
            - asOf: 2017-09-30
              status: not-started
              text: Campaign materials being designed.
            - asOf: 2017-12-31
              status: amber
              text: First quarterly campaign ran late, in December.
        - id: '2.3'
          title: Refresh the domestic abuse protocol
          due: Within four weeks of publication of the national guidance
          lead: West Kent Police
          status: Amber
    - id: '3'
      title: Anti-social behaviour
      actions:
        - id: '3.1'
          title: Multi-agency problem-solving meetings
          due: Ongoing
          lead: TMBC
          partners: [Kent Police]
          status: green
          updates:
            - asOf: 2017-09-30
              status: green
              text: Meetings held monthly.
            - asOf: 2017-12-31
              status: G
              text: Meetings held monthly.
        - id: '3.2'
          title: Youth diversion programme
          due: Ongoing until March 2017
          lead: Kenward Trust
          status: Delayed
        - id: '3.3'
          title: Review CCTV coverage
          lead: {agency: TMBC, officer: Community Safety Manager}
`;

const plan = readPlan(PLAN);
const registerFile = readRegisterFile(REGISTER, { fileName: '/plans/kent.agencies.yaml' });
const analysis = new PlanAnalysis(plan, { asOf: '2017-12-31', registerAgencies: registerFile.register!.agencies });

/** The action or milestone with this id. */
function item(id: string): PlanItem {
  const found = analysis.items().find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}
function action(id: string): Action {
  const found = item(id);
  if (found.kind !== 'action') throw new Error(`${id} is not an action`);
  return found;
}

// ---------------------------------------------------------------------------------------------

describe('the test plan', () => {
  it('reads as intended: register valid, 3 themes, 9 actions, 3 milestones in plan order', () => {
    expect(registerFile.diagnostics).toEqual([]);
    expect(plan.themes.map((theme) => theme.id)).toEqual(['1', '2', '3']);
    expect(ids(analysis.actions())).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '3.1', '3.2', '3.3']);
    expect(ids(analysis.items())).toEqual(['1.1', '1.2', '1.3', '2.1', '2.1.1', '2.1.2', '2.1.3', '2.2', '2.3', '3.1', '3.2', '3.3']);
    expect(analysis.asOf).toBe('2017-12-31');
    expect(analysis.dueSoonDays).toBe(14);
  });
});

describe('the model of the test plan', () => {
  it('shares one frozen empty list between fields with nothing in them, so changing one throws rather than changing every item', () => {
    const withoutLinks = analysis.items().filter((item) => item.links.length === 0);
    expect(withoutLinks.length).toBeGreaterThan(1);
    expect(new Set(withoutLinks.map((item) => item.links)).size).toBe(1);
    expect(Object.isFrozen(withoutLinks[0].links)).toBe(true);
    expect(() => (withoutLinks[0].links as unknown[]).push({})).toThrow(TypeError);
    expect(withoutLinks[1].links).toEqual([]);
  });

  it('gives every located object a path of its own, exact to the node', () => {
    const action = analysis.actions().find((item) => item.id === '2.1')!;
    const milestone = action.milestones[0];
    expect(milestone.path).toEqual([...action.path, 'milestones', 0]);
    expect(milestone.due?.path).toEqual([...milestone.path, 'due']);
    const paths = analysis.items().flatMap((item) => [item.path, ...item.lead.map((mention) => mention.path), ...(item.due ? [item.due.path] : [])]);
    expect(new Set(paths).size).toBe(paths.length);
    const mapLead = plan.themes.flatMap((theme) => theme.actions).flatMap((item) => item.lead).find((mention) => mention.officer !== undefined)!;
    expect(mapLead.path.at(-1)).toBe('agency');
  });
});

describe('state', () => {
  it('takes the status from the latest update when the item has none of its own', () => {
    const state = analysis.state(item('2.1'));
    expect(state).toMatchObject({ statusText: 'red', complete: false, deadline: '2017-12-31', overdue: false, dueSoon: true, daysToDeadline: 0 });
    expect(state.status?.key).toBe('red');
  });

  it("prefers the item's own status to its latest update's", () => {
    const state = analysis.state(item('2.2'));
    expect(state.statusText).toBe('On track');
    expect(state.status?.key).toBe('green');
    expect(state).toMatchObject({ complete: false, deadline: '2018-03-31', overdue: false, dueSoon: false, daysToDeadline: 90 });
  });

  it('marks complete and overdue items, and keeps a status word that is not in the legend', () => {
    expect(analysis.state(item('2.1.1'))).toMatchObject({ statusText: 'blue', complete: true, deadline: '2017-07-31', overdue: false, dueSoon: false, daysToDeadline: -153 });
    expect(analysis.state(item('2.1.2'))).toMatchObject({ statusText: 'red', complete: false, deadline: '2017-09-30', overdue: true, dueSoon: false, daysToDeadline: -92 });
    const delayed = analysis.state(item('3.2'));
    expect(delayed).toMatchObject({ statusText: 'Delayed', complete: false, deadline: '2017-03-31', overdue: true });
    expect(delayed.status).toBeUndefined();
  });

  it('has no deadline for ongoing, TBC, relative or missing dates, so they are never overdue', () => {
    for (const id of ['3.1', '2.1.3', '2.3', '3.3']) {
      const state = analysis.state(item(id));
      expect(state.deadline, id).toBeUndefined();
      expect(state.daysToDeadline, id).toBeUndefined();
      expect(state.overdue, id).toBe(false);
      expect(state.dueSoon, id).toBe(false);
    }
  });

  it('works each state out once', () => {
    expect(analysis.state(item('1.3'))).toBe(analysis.state(item('1.3')));
  });
});

describe('byStatus', () => {
  it('finds items by key, label or other spelling, ignoring case', () => {
    for (const written of ['green', 'Green', 'GREEN', 'on track', 'On-Track', 'G']) {
      expect(ids(analysis.byStatus(written)), written).toEqual(['2.2', '3.1']);
    }
    for (const written of ['blue', 'Complete', 'done', 'B']) {
      expect(ids(analysis.byStatus(written)), written).toEqual(['1.1', '2.1.1']);
    }
    expect(ids(analysis.byStatus('Amber'))).toEqual(['1.2', '1.3', '2.3']);
    expect(ids(analysis.byStatus('at risk'))).toEqual(['1.2', '1.3', '2.3']);
    expect(ids(analysis.byStatus('Red'))).toEqual(['2.1', '2.1.2']);
    expect(ids(analysis.byStatus('Not started'))).toEqual(['2.1.3']);
  });

  it('filters by kind', () => {
    expect(ids(analysis.byStatus('red', 'action'))).toEqual(['2.1']);
    expect(ids(analysis.byStatus('red', 'milestone'))).toEqual(['2.1.2']);
    expect(ids(analysis.byStatus('blue', 'milestone'))).toEqual(['2.1.1']);
  });

  it('finds items with no status for undefined, and nothing for a word not in the legend', () => {
    expect(ids(analysis.byStatus(undefined))).toEqual(['3.3']);
    expect(ids(analysis.byStatus('Delayed'))).toEqual([]);
    expect(ids(analysis.byStatus('purple'))).toEqual([]);
  });
});

describe('byAgency', () => {
  it('finds what an agency leads, including joint leads and milestones that inherit their action’s lead', () => {
    // 2.1 is led by 'KCC/Kent Police'; 2.1.1 has no lead of its own; 2.1.2 names KCC; 2.1.3 names Kent Police.
    expect(ids(analysis.byAgency('KCC', 'lead'))).toEqual(['1.3', '2.1', '2.1.1', '2.1.2']);
    expect(ids(analysis.byAgency('Kent Police', 'lead'))).toEqual(['2.1', '2.1.1', '2.1.3', '2.2', '2.3']);
    expect(ids(analysis.byAgency('TMBC', 'lead'))).toEqual(['3.1', '3.3']);
    expect(ids(analysis.byAgency('RCRP', 'lead'))).toEqual(['1.1']);
    expect(ids(analysis.byAgency('KFRS', 'lead'))).toEqual(['1.2']);
  });

  it('finds what an agency is a partner in, by any of its spellings', () => {
    expect(ids(analysis.byAgency('KCC', 'partner'))).toEqual(['1.2']);
    expect(ids(analysis.byAgency('Kent Police', 'partner'))).toEqual(['3.1']);
    expect(ids(analysis.byAgency('TMBC', 'partner'))).toEqual(['2.2']);
    expect(ids(analysis.byAgency('KFRS', 'partner'))).toEqual(['1.1']);
    expect(ids(analysis.byAgency('RCRP', 'partner'))).toEqual([]);
  });

  it("finds both with 'any' (the default), in plan order", () => {
    expect(ids(analysis.byAgency('KCC'))).toEqual(['1.2', '1.3', '2.1', '2.1.1', '2.1.2']);
    expect(ids(analysis.byAgency('KCC', 'any'))).toEqual(['1.2', '1.3', '2.1', '2.1.1', '2.1.2']);
    expect(ids(analysis.byAgency('Kent Police'))).toEqual(['2.1', '2.1.1', '2.1.3', '2.2', '2.3', '3.1']);
    expect(ids(analysis.byAgency('Kenward Trust'))).toEqual(['2.2', '3.2']);
  });

  it('filters by kind, and finds nothing for an agency nobody names', () => {
    expect(ids(analysis.byAgency('KCC', 'lead', 'milestone'))).toEqual(['2.1.1', '2.1.2']);
    expect(ids(analysis.byAgency('Kent Police', 'any', 'action'))).toEqual(['2.1', '2.2', '2.3', '3.1']);
    expect(analysis.byAgency('Nobody')).toEqual([]);
  });

  it('says which agencies a mention names: one, or several for a joint lead', () => {
    expect(analysis.agenciesOf(action('2.1').lead[0]).map((agency) => agency.id)).toEqual(['KCC', 'Kent Police']);
    expect(analysis.agenciesOf(action('3.3').lead[0]).map((agency) => agency.id)).toEqual(['TMBC']);
    expect(action('3.3').lead[0].officer).toBe('Community Safety Manager');
  });
});

describe('overdue and dueWithin', () => {
  it('lists items past their deadline at the as-of date and not complete', () => {
    expect(ids(analysis.overdue())).toEqual(['2.1.2', '3.2']);
    expect(ids(analysis.overdue('action'))).toEqual(['3.2']);
    expect(ids(analysis.overdue('milestone'))).toEqual(['2.1.2']);
  });

  it('lists items not complete due within a number of days, both ends included', () => {
    expect(ids(analysis.dueWithin(0))).toEqual(['2.1']);
    expect(ids(analysis.dueWithin(89))).toEqual(['2.1']);
    expect(ids(analysis.dueWithin(90))).toEqual(['1.3', '2.1', '2.2']);
    expect(ids(analysis.dueWithin(90, 'action'))).toEqual(['1.3', '2.1', '2.2']);
    expect(ids(analysis.dueWithin(90, 'milestone'))).toEqual([]);
  });

  it('answers for the as-of date it was given', () => {
    const september = new PlanAnalysis(plan, { asOf: '2017-09-15', registerAgencies: registerFile.register!.agencies });
    expect(ids(september.overdue())).toEqual(['3.2']);
    expect(ids(september.dueWithin(14))).toEqual([]);
    expect(ids(september.dueWithin(15))).toEqual(['2.1.2']);
  });
});

describe('statusCounts', () => {
  it("counts actions by status key in legend order, then 'none' and 'unknown'", () => {
    expect([...analysis.statusCounts()]).toEqual([
      ['blue', 1],
      ['green', 2],
      ['amber', 3],
      ['red', 1],
      ['not-started', 0],
      ['none', 1],
      ['unknown', 1],
    ]);
    expect(analysis.statusCounts('action')).toEqual(analysis.statusCounts());
  });

  it('counts milestones, or everything', () => {
    expect([...analysis.statusCounts('milestone')]).toEqual([
      ['blue', 1],
      ['green', 0],
      ['amber', 0],
      ['red', 1],
      ['not-started', 1],
      ['none', 0],
      ['unknown', 0],
    ]);
    expect([...analysis.statusCounts('all')]).toEqual([
      ['blue', 2],
      ['green', 2],
      ['amber', 3],
      ['red', 2],
      ['not-started', 1],
      ['none', 1],
      ['unknown', 1],
    ]);
  });

  it("uses the plan's own legend when it has one", () => {
    const own = new PlanAnalysis(
      readPlan(yaml`
        title: Plan
        statusScheme:
          - key: on-track
            label: On track
            colour: green
          - key: off-track
            label: Off track
            colour: red
        themes:
          - title: Theme
            actions:
              - {title: a, status: On Track}
              - {title: b, status: on-track}
              - {title: c, status: green}
              - {title: d}
      `),
      { asOf: '2017-12-31' },
    );
    expect([...own.statusCounts()]).toEqual([
      ['on-track', 2],
      ['off-track', 0],
      ['none', 1],
      ['unknown', 1],
    ]);
  });
});

describe('percentComplete and planPercentComplete', () => {
  it('uses an explicit percentComplete first', () => {
    expect(analysis.percentComplete(action('1.2'))).toBe(40);
  });

  it('works it out from milestones: one of three complete is 33', () => {
    expect(analysis.percentComplete(action('2.1'))).toBe(33);
  });

  it('else from the status: 100 when complete, 0 when not', () => {
    expect(analysis.percentComplete(action('1.1'))).toBe(100);
    for (const id of ['1.3', '2.2', '2.3', '3.1', '3.2', '3.3']) expect(analysis.percentComplete(action(id)), id).toBe(0);
  });

  it('gives the plan the mean of its actions: (100 + 40 + 0 + 33 + 0 × 5) / 9 = 19', () => {
    expect(analysis.planPercentComplete()).toBe(19);
  });

  it('gives 0 for a plan without actions, and rounds two of three milestones to 67', () => {
    expect(new PlanAnalysis(readPlan('title: Empty\nthemes: []\n'), { asOf: '2017-12-31' }).planPercentComplete()).toBe(0);
    const twoOfThree = new PlanAnalysis(
      readPlan(yaml`
        title: Plan
        themes:
          - title: Theme
            actions:
              - title: Three steps
                milestones:
                  - {title: one, completed: 2017-05-01}
                  - {title: two, status: blue, completed: 2017-06-01}
                  - {title: three, status: amber}
      `),
      { asOf: '2017-12-31' },
    );
    const only = twoOfThree.actions()[0];
    expect(twoOfThree.percentComplete(only)).toBe(67);
    expect(twoOfThree.planPercentComplete()).toBe(67);
  });

  it('treats an action whose milestones are all complete as complete', () => {
    const allDone = new PlanAnalysis(
      readPlan(yaml`
        title: Plan
        themes:
          - title: Theme
            actions:
              - title: Two steps
                due: March 2017
                milestones:
                  - {title: one, status: blue, completed: 2017-01-10}
                  - {title: two, completed: 2017-02-10}
      `),
      { asOf: '2017-12-31' },
    );
    const only = allDone.actions()[0];
    expect(allDone.state(only)).toMatchObject({ complete: true, overdue: false });
    expect(allDone.percentComplete(only)).toBe(100);
  });
});

describe('directionOfTravel', () => {
  it('compares measured values when the action gives a polarity: a rise is improving when higher is better', () => {
    const direction = analysis.directionOfTravel(item('1.2'));
    // The statuses went green -> amber, but the measure rose from 2,100 to 4,800 pupils.
    expect(direction).toMatchObject({ direction: 'improving', basis: 'value' });
    expect(direction?.from.asOf).toBe('2017-09-30');
    expect(direction?.to.asOf).toBe('2017-12-31');
  });

  it("treats a fall as improving when polarity is 'lower'", () => {
    const direction = analysis.directionOfTravel(item('1.3'));
    expect(direction).toMatchObject({ direction: 'improving', basis: 'value' });
    expect([direction?.from.value, direction?.to.value]).toEqual(['540', '512']);
  });

  it('compares status ranks otherwise: green -> red is worsening, green -> G is no change', () => {
    const worsening = analysis.directionOfTravel(item('2.1'));
    expect(worsening).toMatchObject({ direction: 'worsening', basis: 'status' });
    expect([worsening?.from.status, worsening?.to.status]).toEqual(['green', 'red']);
    expect(analysis.directionOfTravel(item('3.1'))).toMatchObject({ direction: 'no-change', basis: 'status' });
  });

  it('is undefined with fewer than two comparable updates', () => {
    expect(analysis.directionOfTravel(item('1.1'))).toBeUndefined(); // one update
    expect(analysis.directionOfTravel(item('2.2'))).toBeUndefined(); // 'not started' has no rank
    expect(analysis.directionOfTravel(item('3.3'))).toBeUndefined(); // no updates
    expect(analysis.directionOfTravel(item('2.1.2'))).toBeUndefined(); // a status but no updates
  });

  const measures = new PlanAnalysis(
    readPlan(yaml`
      title: Plan
      themes:
        - title: Theme
          actions:
            - id: A
              title: Repeat victims of domestic abuse
              polarity: lower
              updates:
                - {asOf: 2017-06-30, value: 12%, status: green, text: q1}
                - {asOf: 2017-09-30, value: 15%, status: green, text: q2}
            - id: B
              title: Referrals to treatment
              polarity: higher
              updates:
                - {asOf: 2017-06-30, value: '1,250 referrals', status: amber, text: q1}
                - {asOf: 2017-09-30, value: '1,250 referrals', status: red, text: q2}
            - id: C
              title: Written out of order
              updates:
                - {asOf: 2017-12-31, status: red, text: q3}
                - {asOf: 2017-06-30, status: amber, text: q1}
                - {asOf: 2017-09-30, status: green, text: q2}
            - id: D
              title: Values but no polarity
              updates:
                - {asOf: 2017-06-30, value: '10', status: red, text: q1}
                - {asOf: 2017-09-30, value: '5', status: amber, text: q2}
            - id: E
              title: Polarity but only one value
              polarity: higher
              updates:
                - {asOf: 2017-06-30, value: '10', status: amber, text: q1}
                - {asOf: 2017-09-30, status: green, text: q2}
              milestones:
                - id: E.1
                  title: Milestone measured the action's way
                  updates:
                    - {asOf: 2017-06-30, value: '3', text: q1}
                    - {asOf: 2017-09-30, value: '7', text: q2}
    `),
    { asOf: '2017-12-31' },
  );
  const find = (id: string) => measures.items().find((candidate) => candidate.id === id)!;

  it("treats a rise as worsening when polarity is 'lower', and equal values as no change", () => {
    expect(measures.directionOfTravel(find('A'))).toMatchObject({ direction: 'worsening', basis: 'value' });
    expect(measures.directionOfTravel(find('B'))).toMatchObject({ direction: 'no-change', basis: 'value' });
  });

  it('orders updates by date, not by where they are written', () => {
    const direction = measures.directionOfTravel(find('C'));
    expect(direction).toMatchObject({ direction: 'worsening', basis: 'status' });
    expect([direction?.from.asOf, direction?.to.asOf]).toEqual(['2017-09-30', '2017-12-31']);
  });

  it('falls back to status without a polarity or without two values, and a milestone uses its action’s polarity', () => {
    expect(measures.directionOfTravel(find('D'))).toMatchObject({ direction: 'improving', basis: 'status' });
    expect(measures.directionOfTravel(find('E'))).toMatchObject({ direction: 'improving', basis: 'status' });
    expect(measures.directionOfTravel(find('E.1'))).toMatchObject({ direction: 'improving', basis: 'value' });
  });
});

describe('timeline', () => {
  it('places every action and milestone, never guessing a date onto the axis', () => {
    const entries = analysis.timeline();
    expect(entries.map((entry) => entry.item)).toEqual(analysis.items());
    const placed = entries.map((entry) => ({
      id: entry.item.id,
      theme: entry.theme.id,
      placement: entry.placement,
      start: entry.start,
      end: entry.end,
      next: entry.next,
    }));
    expect(placed).toEqual([
      { id: '1.1', theme: '1', placement: 'dated', start: '2017-06-01', end: '2017-06-30', next: undefined },
      { id: '1.2', theme: '1', placement: 'unresolved', start: undefined, end: undefined, next: undefined },
      { id: '1.3', theme: '1', placement: 'dated', start: '2017-04-01', end: '2018-03-31', next: undefined },
      { id: '2.1', theme: '2', placement: 'dated', start: '2017-10-01', end: '2017-12-31', next: undefined },
      { id: '2.1.1', theme: '2', placement: 'dated', start: '2017-07-31', end: '2017-07-31', next: undefined },
      { id: '2.1.2', theme: '2', placement: 'dated', start: '2017-09-01', end: '2017-09-30', next: undefined },
      { id: '2.1.3', theme: '2', placement: 'unresolved', start: undefined, end: undefined, next: undefined },
      { id: '2.2', theme: '2', placement: 'recurring', start: undefined, end: '2018-03-31', next: '2017-12-31' },
      { id: '2.3', theme: '2', placement: 'unresolved', start: undefined, end: undefined, next: undefined },
      { id: '3.1', theme: '3', placement: 'ongoing', start: undefined, end: undefined, next: undefined },
      { id: '3.2', theme: '3', placement: 'ongoing', start: undefined, end: '2017-03-31', next: undefined },
      { id: '3.3', theme: '3', placement: 'undated', start: undefined, end: undefined, next: undefined },
    ]);
  });

  it("carries each item's state", () => {
    for (const entry of analysis.timeline()) expect(entry.state).toBe(analysis.state(entry.item));
  });

  it('places ranges, ongoing work with a start, seasons, N/A, and recurring work that has ended', () => {
    const other = new PlanAnalysis(
      readPlan(yaml`
        title: Plan
        themes:
          - title: Theme
            actions:
              - {id: a, title: range, due: September 2017 - March 2018}
              - {id: b, title: started, due: Ongoing from April 2017}
              - {id: c, title: season, due: Summer 2017}
              - {id: d, title: not needed, due: N/A}
              - {id: e, title: ended, due: Quarterly until March 2017}
              - {id: f, title: monthly, due: Monthly until March 2018}
      `),
      { asOf: '2017-11-15' },
    );
    const byId = new Map(other.timeline().map((entry) => [entry.item.id, entry]));
    expect(byId.get('a')).toMatchObject({ placement: 'dated', start: '2017-09-01', end: '2018-03-31' });
    expect(byId.get('b')).toMatchObject({ placement: 'ongoing', start: '2017-04-01' });
    expect(byId.get('b')!.end).toBeUndefined();
    expect(byId.get('c')).toMatchObject({ placement: 'unresolved' });
    expect(byId.get('c')!.start).toBeUndefined();
    expect(byId.get('d')).toMatchObject({ placement: 'undated' });
    expect(byId.get('e')).toMatchObject({ placement: 'recurring', end: '2017-03-31' });
    expect(byId.get('e')!.next).toBeUndefined();
    expect(byId.get('f')).toMatchObject({ placement: 'recurring', end: '2018-03-31', next: '2017-11-30' });
  });
});

describe('latestUpdate', () => {
  const update = (asOf: string | undefined, text: string): Update => ({ asOf, text, path: [], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });

  it('is undefined for no updates', () => {
    expect(latestUpdate([])).toBeUndefined();
  });

  it('picks the latest date wherever it is written', () => {
    const updates = [update('2017-06-30', 'q1'), update('2017-12-31', 'q3'), update('2017-09-30', 'q2')];
    expect(latestUpdate(updates)?.text).toBe('q3');
  });

  it('lets the last written win among equal dates', () => {
    expect(latestUpdate([update('2017-09-30', 'first'), update('2017-09-30', 'second')])?.text).toBe('second');
  });

  it('ignores undated updates when any is dated', () => {
    expect(latestUpdate([update(undefined, 'undated'), update('2017-06-30', 'dated')])?.text).toBe('dated');
    expect(latestUpdate([update('2017-06-30', 'dated'), update(undefined, 'undated')])?.text).toBe('dated');
  });

  it('takes the last written when none is dated (updates are kept oldest first)', () => {
    expect(latestUpdate([update(undefined, 'older'), update(undefined, 'newer')])?.text).toBe('newer');
  });

  it("is what statusTextOf uses for an item's status", () => {
    const written = new PlanAnalysis(
      readPlan(yaml`
        title: Plan
        themes:
          - title: Theme
            actions:
              - title: Out of order
                updates:
                  - {asOf: 2017-12-31, status: red, text: q3}
                  - {asOf: 2017-09-30, status: green, text: q2}
      `),
      { asOf: '2017-12-31' },
    );
    expect(written.statusTextOf(written.actions()[0])).toBe('red');
    expect(analysis.statusTextOf(item('2.2'))).toBe('On track');
    expect(analysis.statusTextOf(action('1.3').updates[1])).toBe('amber');
  });
});

describe('updatesNewestFirst', () => {
  it('puts dated updates newest first, undated last, and the later-written first among equal dates', async () => {
    const { updatesNewestFirst } = await import('../packages/core/src/queries.js');
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const update = (text: string, asOf?: string) => ({ text, asOf, path: [], range }) as Parameters<typeof updatesNewestFirst>[0][number];
    const ordered = updatesNewestFirst([update('a', '2013-06-30'), update('b'), update('c', '2013-12-31'), update('d', '2013-06-30'), update('e')]);
    expect(ordered.map((item) => item.text)).toEqual(['c', 'd', 'a', 'e', 'b']);
  });
});
