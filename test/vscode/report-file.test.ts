/** The words and file name of "Plankit: Save Report for Committee" (extension/src/report-file.ts), in Node. */
import { describe, expect, it } from 'vitest';
import { reportFileName, reportRefusal } from '../../extension/src/report-file.js';

describe('the report file', () => {
  it('is named after its plan, beside it', () => {
    expect(reportFileName('/work/plans/tonbridge-malling-csp-action-plan-2013-14.plan.yaml')).toBe('tonbridge-malling-csp-action-plan-2013-14.report.html');
    expect(reportFileName('C:\\plans\\kent.plan.JSON')).toBe('kent.report.html');
    expect(reportFileName('/plans/old.plan.yml')).toBe('old.report.html');
    expect(reportFileName('Untitled-1')).toBe('Untitled-1.report.html');
    expect(reportFileName('/plans/.plan.yaml')).toBe('plan.report.html');
  });

  it('is refused while the plan has errors, saying how many and where the first is', () => {
    expect(reportRefusal({ errors: 1, firstError: { line: 11, message: 'This milestone has no "title".' } })).toBe(
      'The report is made once the plan can be read: it has 1 error to put right first (see the Problems panel). The first is on line 12: This milestone has no "title".',
    );
    expect(reportRefusal({ errors: 3 })).toBe('The report is made once the plan can be read: it has 3 errors to put right first (see the Problems panel).');
  });
});
