import { afterEach, describe, expect, it } from 'vitest';
import '../../packages/elements/src/define.js';
import type { PlanSource } from '../../packages/elements/src/elements/plan-source.js';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('<plan-source>', () => {
  it('reads an inline JSON plan and provides it, checked', async () => {
    document.body.innerHTML = `<plan-source><script type="application/json">{"title":"Inline plan","asOf":"2018-01-31","themes":[{"title":"T","actions":[{"title":"A","due":"March 2017"}]}]}</script></plan-source>`;
    const source = document.querySelector('plan-source') as PlanSource;
    await expect.poll(() => source.state.status).toBe('ready');
    expect(source.state.plan?.title).toBe('Inline plan');
    expect(source.state.asOf).toBe('2018-01-31');
    expect(source.state.analysis?.overdue().length).toBe(1);
  });

  it('fires plan-error for a 404, in words', async () => {
    const errors: CustomEvent[] = [];
    document.body.addEventListener('plan-error', (event) => errors.push(event as CustomEvent));
    document.body.innerHTML = `<plan-source src="/no-such-plan.plan.json"></plan-source>`;
    await expect.poll(() => errors.length).toBe(1);
    expect(errors[0].detail.kind).toBe('http');
    expect(errors[0].detail.message).toMatch(/the server answered 404/);
  });

  it('loads a YAML plan (the YAML reader chunk) and the agency register it names, relative to its URL', async () => {
    document.body.innerHTML = `<plan-source src="/examples/tonbridge-malling-csp-action-plan-2013-14.plan.yaml"></plan-source>`;
    const source = document.querySelector('plan-source') as PlanSource;
    await expect.poll(() => source.state.status, { timeout: 15_000 }).toBe('ready');
    expect(source.state.plan?.themes.map((t) => t.title)).toEqual(['Anti-social behaviour', 'Domestic Abuse', 'Substance misuse']);
    expect(source.state.analysis?.agencies.byId('TMBC')?.name).toBe('Tonbridge and Malling Borough Council');
    expect(source.state.diagnostics.filter((d) => d.code === 'unknown-agency')).toEqual([]);
  });

  it('reports invalid YAML and a plan that does not fit the format as errors, in words', async () => {
    const errors: CustomEvent[] = [];
    document.body.addEventListener('plan-error', (event) => errors.push(event as CustomEvent));
    const bad = document.createElement('plan-source') as PlanSource;
    bad.plan = { title: 'No themes', themes: 5 };
    document.body.append(bad);
    await expect.poll(() => errors.length).toBe(1);
    expect(errors[0].detail.kind).toBe('invalid');
    expect(errors[0].detail.message).toMatch(/does not fit the plan format.*"themes" \(Themes\) should be a list/);
  });
});
