import { describe, expect, it } from 'vitest';
import { checkPlanFile, readPlanFile } from '../packages/core/src/files.js';

// Plans such as Sevenoaks keep the RAG status on milestone rows only: the action's status is the
// least good of its open milestones, marked as rolled up, and never contradicts anything.
const plan = `title: P
asOf: 2018-01-31
themes:
  - title: T
    actions:
      - id: "1.1"
        title: Mixed
        milestones:
          - {title: a, status: green, due: March 2018}
          - {title: b, status: amber, due: March 2018}
          - {title: c, status: blue, completed: 2017-05-01}
      - id: "1.2"
        title: All done
        milestones:
          - {title: a, status: blue, completed: 2017-05-01}
      - id: "1.3"
        title: Own status wins
        status: red
        milestones:
          - {title: a, status: green}
      - id: "1.4"
        title: Latest update wins
        updates:
          - {asOf: 2017-12-31, status: green, text: fine}
        milestones:
          - {title: a, status: red}
`;

describe('action status rolled up from milestones', () => {
  const file = readPlanFile(plan, { fileName: 'p.plan.yaml' });
  const { analysis, diagnostics } = checkPlanFile(file, { asOf: '2018-01-31' });
  const actions = analysis!.actions();

  it('takes the least good open milestone status, or complete when all are', () => {
    expect(actions.map((a) => [a.id, analysis!.state(a).status?.key, analysis!.state(a).statusBasis])).toEqual([
      ['1.1', 'amber', 'milestones'],
      ['1.2', 'blue', 'milestones'],
      ['1.3', 'red', 'own'],
      ['1.4', 'green', 'update'],
    ]);
    expect(analysis!.state(actions[1]).complete).toBe(true);
  });

  it('counts rolled-up statuses, and raises no contradiction for them', () => {
    expect(analysis!.statusCounts('action').get('none')).toBe(0);
    expect(diagnostics.filter((d) => d.code === 'complete-without-date')).toEqual([]);
  });
});
