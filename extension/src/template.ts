/**
 * The plan that "Plankit: New Plan" starts from: a valid plan of the usual shape (a theme, an action
 * with milestones, lead agencies from the plan's own register, a dated update), with "by when" dates
 * in the current financial year written as officers write them. Plain module: the test checks with
 * the core that it has no errors and no warnings.
 */
import { addDays, isValidIsoDate, type IsoDate } from '@plankit/core/lite';

/** The financial year (1 April to 31 March) a date falls in, by its start year. */
export function financialYearOf(date: IsoDate): number {
  const [year, month] = date.split('-').map(Number);
  return month >= 4 ? year : year - 1;
}

/** "2026/27" for the financial year starting in April 2026. */
export function financialYearText(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "March 2027": a month as officers write a "by when". */
function monthText(date: IsoDate): string {
  const [year, month] = date.split('-').map(Number);
  return `${MONTHS[month - 1]} ${year}`;
}

/** A YAML double-quoted string. */
function quoted(text: string): string {
  return JSON.stringify(text);
}

/** The new plan's YAML text, dated from `today`. */
export function newPlanTemplate(options: { today: IsoDate; title?: string; schemaPath?: string }): string {
  if (!isValidIsoDate(options.today)) throw new RangeError(`"${options.today}" is not a date written YYYY-MM-DD`);
  const year = financialYearOf(options.today);
  const period = financialYearText(year);
  // Milestones due about three and eight months on, and the action at the end of the financial year
  // after that, so that nothing in a new plan is overdue or due soon.
  const first = monthText(addDays(options.today, 100));
  const second = monthText(addDays(options.today, 250));
  const end = `March ${year + 2}`;
  const title = options.title?.trim() || 'Community Safety Partnership action plan';
  const schema = options.schemaPath ? `# yaml-language-server: $schema=${options.schemaPath}\n` : '';
  // The title comes first: VS Code names an untitled editor after its first line.
  return `${schema}title: ${quoted(title)}
# A Plankit plan. Save it as a file whose name ends in .plan.yaml. Each field is explained when you
# hover over it, and the Problems panel lists anything to put right.
partnership: Example Community Safety Partnership
period: ${quoted(period)}

# The partnership's agencies: leads and partners below are matched against these (or name a shared
# register file instead, under registers:).
agencies:
  - id: Council
    name: Example District Council
    aliases: [EDC]
  - id: Police
    name: Example Police
  - id: Fire
    name: Example Fire and Rescue Service

themes:
  - id: '1'
    title: Reduce anti-social behaviour
    lead: Council
    actions:
      - id: '1.1'
        title: Run joint patrols in the town centre on Friday and Saturday nights
        lead: Police
        partners: [Council]
        due: ${quoted(end)}
        status: green
        measures: [Reports of anti-social behaviour in the town centre]
        milestones:
          - title: Agree the patrol rota with partners
            due: ${quoted(first)}
            lead: Police
          - title: Review the first quarter of patrols
            due: ${quoted(second)}
            lead: Council
        updates:
          - asOf: ${options.today}
            status: green
            text: Plan started.
`;
}
