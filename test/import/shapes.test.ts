// Odd table shapes, each on its own: what real tables do and how the importer reads them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { examples, fixtures, runImport, tempDir } from './helpers.js';

const kent = join(examples, 'kent.agencies.yaml');

async function importText(name: string, text: string | Buffer, extra: string[] = []) {
  const dir = tempDir();
  const file = join(dir, name);
  writeFileSync(file, text);
  const out = join(dir, 'out.plan.yaml');
  const result = await runImport([file, '-o', out, ...extra]);
  return { ...result, dir, out, text: result.code === 0 ? readFileSync(out, 'utf8') : '', plan: result.code === 0 ? parse(readFileSync(out, 'utf8')) : undefined };
}

describe('header row', () => {
  it('is found below title lines, by the column names plans use', async () => {
    const csv = 'Community safety plan 2014/15,,\nUpdated by the CSP,,\nAction,Lead Agency / Officer,Timescale (Delivery date?)\nRun a campaign,KCC,March 2015\n';
    const { code, plan } = await importText('plan.csv', csv);
    expect(code).toBe(0);
    expect(plan.title).toBe('Community safety plan 2014/15');
    expect(plan.period).toBe('2014/15');
    expect(plan.themes[0].actions[0]).toMatchObject({ title: 'Run a campaign', lead: 'KCC', due: 'March 2015' });
  });

  it('repeated after page breaks is skipped, and the summary says so', async () => {
    const csv = 'Action,By When\nOne,June 2017\nAction,By When\nTwo,July 2017\nAction,By When\nThree,Q3\n';
    const { code, plan, stderr } = await importText('plan.csv', csv);
    expect(code).toBe(0);
    expect(plan.themes[0].actions.map((a: { title: string }) => a.title)).toEqual(['One', 'Two', 'Three']);
    expect(stderr).toMatch(/2 repeated header rows \(page breaks\) skipped/);
  });

  it('can be overridden by a mapping file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 't.csv'), 'What,Who,Colour\nRun a campaign,KCC,Green\n');
    writeFileSync(join(dir, 'map.yaml'), 'columns:\n  What: action\n  Who: lead\n  Colour: status\nheaderRow: 1\n');
    const result = await runImport([join(dir, 't.csv'), '--map', join(dir, 'map.yaml'), '-o', join(dir, 't.plan.yaml')]);
    expect(result.code).toBe(0);
    const plan = parse(readFileSync(join(dir, 't.plan.yaml'), 'utf8'));
    expect(plan.themes[0].actions[0]).toEqual({ title: 'Run a campaign', lead: 'KCC', status: 'green' });
  });

  it('a bad mapping file is refused clearly', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 't.csv'), 'Action,Lead\nx,y\n');
    writeFileSync(join(dir, 'map.yaml'), 'columns:\n  Action: colour\n');
    const result = await runImport([join(dir, 't.csv'), '--map', join(dir, 'map.yaml'), '-o', join(dir, 't.plan.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/"colour" is not a field/);
  });
});

describe('theme rows and headings', () => {
  it('a row with only the first cell filled is a theme', async () => {
    const csv = 'Action,Lead agency,Target\nAnti-social behaviour,,\nRun Themis,KCC/Kent Police,N/A\nDomestic Abuse,,\nRun a Freedom Programme,NKWA/DAVSS,1\n';
    const { plan, text } = await importText('plan.csv', csv, ['--register', kent]);
    expect(plan.themes.map((t: { title: string }) => t.title)).toEqual(['Anti-social behaviour', 'Domestic Abuse']);
    expect(plan.themes[0].actions[0].lead).toEqual(['KCC', 'Kent Police']);
    expect(plan.themes[1].actions[0].lead).toEqual(['NKWA', 'DAVSS']);
    expect(text).toMatch(/# guessed: read as a theme: only the first cell of the row is filled/);
  });

  it('a heading above each table names its theme (Word, with outputs and outcomes lists)', async () => {
    const dir = tempDir();
    const out = join(dir, 'khat.plan.yaml');
    const result = await runImport([join(fixtures, 'shapes', 'headings-above-tables.docx'), '--register', kent, '-o', out]);
    expect(result.code).toBe(0);
    const plan = parse(readFileSync(out, 'utf8'));
    expect(plan.summary).toBeUndefined();
    expect(plan.themes.map((t: { id: string; title: string }) => [t.id, t.title])).toEqual([['1', 'Understand the use of khat'], ['2', 'Reduce harm']]);
    expect(plan.themes[0].actions[0]).toMatchObject({ id: '1.1', title: 'Map where khat is sold', outputs: ['Map of outlets', 'Report to the group'], outcome: 'Partners know the outlets', due: 'Q2' });
    // Bold inside a cell is kept as its text.
    expect(plan.themes[1].actions[0].title).toBe('Leaflets in three languages');
    expect(plan.themes[1].actions[0].lead).toEqual({ agency: 'KCC', officer: 'Public Health' });
  });
});

describe('continuation rows', () => {
  it('more milestones of the action above, and more text of a row cut by a page break', async () => {
    const csv = [
      'Action,Milestone(s),By When,Lead Agency,Status',
      '1.1 Address Proxy Sales,Police Patrols and Licensing visits Proxy Sales Posters to be,Ongoing,West Kent Police,Green',
      'Action,Milestone(s),By When,Lead Agency,Status',
      ',delivered to licensed premises,,SDC,',
      ',Challenge 25 in Hextable,April 2011,KCC Trading Standards,Amber',
      '1.2 Reduce alcohol-,Leaflets,Q1,Kent Police,',
      'related harm,,,,',
    ].join('\n');
    const { plan, stderr } = await importText('plan.csv', csv, ['--register', kent]);
    const [first, second] = plan.themes[0].actions;
    expect(first.id).toBe('1.1');
    expect(first.milestones).toHaveLength(2);
    expect(first.milestones[0]).toMatchObject({ title: 'Police Patrols and Licensing visits Proxy Sales Posters to be delivered to licensed premises', lead: ['West Kent Police', 'SDC'], status: 'green' });
    expect(first.milestones[1]).toMatchObject({ title: 'Challenge 25 in Hextable', due: 'April 2011', status: 'amber' });
    // A hyphen at a page break joins without a space.
    expect(second.title).toBe('Reduce alcohol-related harm');
    expect(stderr).toMatch(/continuation rows? joined/);
  });

  it('a continued cell that ended a sentence becomes a new paragraph', async () => {
    const csv = 'Action,Update (to end December 2013)\nFamily Focus,Year 1 – 74 families identified.\n,Year 2 – 43 families identified.\n';
    const { plan } = await importText('plan.csv', csv);
    expect(plan.asOf).toBe('2013-12-31');
    expect(plan.themes[0].actions[0].updates).toEqual([{ asOf: '2013-12-31', text: 'Year 1 – 74 families identified.\n\nYear 2 – 43 families identified.' }]);
  });
});

describe('numbers, marks, dates and agencies', () => {
  it.each(['html', 'docx', 'xlsx'])('the county agreement shape (.%s): footnote marks, objectives, one date per action bullet', async (format) => {
    const dir = tempDir();
    const out = join(dir, 'county.plan.yaml');
    const result = await runImport([join(fixtures, 'shapes', `county-agreement.${format}`), '--register', kent, '-o', out]);
    expect(result.stderr).not.toMatch(/does not validate/);
    expect(result.code).toBe(0);
    const plan = parse(readFileSync(out, 'utf8'));
    expect(plan.footnotes).toEqual([{ mark: '*', text: 'Funded by the PCC' }]);
    const [a21, a22, a210] = plan.themes[0].actions;
    expect(plan.themes[0].title).toBe('Road Safety');
    expect(a21).toMatchObject({ id: '2.1', title: 'Hold a one-day data workshop', objective: 'Understanding the problem: partners share casualty data', due: 'June 2017', measures: 'No. of partners attending' });
    expect(a22.id).toBe('2.2*');
    expect(a22.title).toBe('Raising awareness: fewer young driver casualties');
    expect(a22.milestones).toEqual([
      { title: 'Deliver workshops to 8,000 pupils', due: 'November 2017' },
      { title: 'review the programme', due: 'March 2018' },
    ]);
    // Excel keeps 2.10 as the number 2.1: the importer sees the clash and says what it did.
    expect(a210.id).toBe('2.10');
    expect(a210.lead).toEqual(['KCC', 'Kent Police']);
    if (format === 'xlsx') expect(readFileSync(out, 'utf8')).toMatch(/Excel stored this number as 2\.1, which an earlier action already has: read as 2\.10/);
    // An unknown lead goes into the new register, flagged for the officer.
    expect(a21.lead).toBe('Road Casualty Reduction Partnership - Road Safety Manager, KFRS');
    const register = parse(readFileSync(join(dir, 'county.new-agencies.agencies.yaml'), 'utf8'));
    expect(register.agencies.map((agency: { id: string }) => agency.id)).toContain('Road Casualty Reduction Partnership - Road Safety Manager, KFRS');
    expect(plan.registers).toEqual([`${'../'.repeat(dir.split('/').length - 1)}${kent.slice(1)}`, 'county.new-agencies.agencies.yaml']);
  });

  it('several agencies in one cell: slashes, names run together, officers in brackets, roles, close spellings', async () => {
    const csv = [
      'Action,Lead Agency,Other Partners',
      'One,KCC/Kent Police,Kent Police KDAAT (DIP Manager) CRI',
      'Two,ASB Officer Kent Police Kent Probation,West Kent PCT (SDC HAT) Kent Police',
      'Three,Kenward Trust,Nobody We Know',
    ].join('\n');
    const { plan, dir } = await importText('plan.csv', csv, ['--register', kent]);
    const [one, two, three] = plan.themes[0].actions;
    expect(one.lead).toEqual(['KCC', 'Kent Police']);
    expect(one.partners).toEqual(['Kent Police', { agency: 'KDAAT', officer: 'DIP Manager' }, 'CRI']);
    expect(two.lead).toEqual([{ agency: 'Kent Police', officer: 'ASB Officer' }, 'Kent Probation']);
    expect(two.partners).toEqual(['West Kent PCT', 'SDC HAT', 'Kent Police']);
    expect(three.partners).toBe('Nobody We Know');
    const register = parse(readFileSync(join(dir, 'out.new-agencies.agencies.yaml'), 'utf8'));
    expect(register.agencies).toEqual([expect.objectContaining({ id: 'Nobody We Know', name: 'Nobody We Know' })]);
    expect(readFileSync(join(dir, 'out.new-agencies.agencies.yaml'), 'utf8')).toMatch(/TO CONFIRM/);
  });

  it('a list item with sub-items is their heading: each sub-item keeps it as its group; a heading with none under it stays an item', async () => {
    const cell = [
      '- Businesses',
      '- KCC mainstream activity :',
      '  - CCTV',
      '  - Kent Police',
      '  - Community Wardens',
      '- Police mainstream activity',
      '  - Safer Neighbourhood Teams',
      '- Partners to be confirmed:',
      '- Kenward Trust',
    ].join('\n');
    const csv = `Action,Lead Agency,Other Partners\nOne,"- KCC services:\n  - Housing","${cell}"\n`;
    const withRegister = await importText('plan.csv', csv, ['--register', kent]);
    const [action] = withRegister.plan.themes[0].actions;
    // Under a heading that names one agency, a sub-item that is not an agency is read as that
    // agency's service; the heading is kept as written, less the colon that introduces the list.
    expect(action.partners).toEqual([
      'Businesses',
      { agency: 'KCC', officer: 'CCTV', group: 'KCC mainstream activity' },
      { agency: 'Kent Police', group: 'KCC mainstream activity' },
      { agency: 'KCC Community Wardens', group: 'KCC mainstream activity' },
      { agency: 'Kent Police', officer: 'Safer Neighbourhood Teams', group: 'Police mainstream activity' },
      'Partners to be confirmed:',
      'Kenward Trust',
    ]);
    expect(action.lead).toEqual({ agency: 'KCC', officer: 'Housing', group: 'KCC services' });
    expect(withRegister.text).toMatch(/# guessed: list items with sub-items read as headings, each kept as the group of the items under it: 'KCC mainstream activity :', 'Police mainstream activity'/);
    // Without a register nothing is read as an agency's service: each sub-item is kept as written, under its heading.
    const without = await importText('plan.csv', csv);
    expect(without.plan.themes[0].actions[0].partners).toEqual([
      'Businesses',
      ...['CCTV', 'Kent Police', 'Community Wardens'].map((agency) => ({ agency, group: 'KCC mainstream activity' })),
      { agency: 'Safer Neighbourhood Teams', group: 'Police mainstream activity' },
      'Partners to be confirmed:',
      'Kenward Trust',
    ]);
    expect(without.stderr).not.toMatch(/does not validate/);
  });

  it('an agency "and partners", or a group alone, is kept as written, with no new agency for the group', async () => {
    const csv = ['Action,Lead Agency,Other Partners', 'One,Kent Police and partners,KCC & all other partners', 'Two,KCC/Kent Police & partners,All partners', 'Three,Other agencies,'].join('\n');
    const { plan, text, dir, stderr } = await importText('plan.csv', csv, ['--register', kent]);
    const [one, two, three] = plan.themes[0].actions;
    expect(one.lead).toBe('Kent Police and partners');
    expect(one.partners).toBe('KCC & all other partners');
    expect(two.lead).toBe('KCC/Kent Police & partners');
    // A group alone is not an agency to confirm either.
    expect(two.partners).toBe('All partners');
    expect(three.lead).toBe('Other agencies');
    expect(text).not.toMatch(/read as/);
    expect(stderr).not.toMatch(/new-agencies/);
    expect(() => readFileSync(join(dir, 'out.new-agencies.agencies.yaml'))).toThrow();
  });

  it('a close spelling of a registered agency is matched and flagged', async () => {
    const { plan, text } = await importText('plan.csv', 'Action,Lead Agency\nOne,Kent Polise\n', ['--register', kent]);
    expect(plan.themes[0].actions[0].lead).toBe('Kent Police');
    expect(text).toMatch(/close spelling/);
  });

  it('keeps ids, marks and due texts exactly as written, with a comment for a date it cannot read', async () => {
    const csv = 'No.,Action,By When,Status\n1.10,Ten,31st March 2017,On track\n2.2*,Starred,Within four weeks of ban,Complete\n3,Soon,Summer-ish,Purple\n';
    const { plan, text } = await importText('plan.csv', csv);
    const actions = plan.themes[0].actions;
    expect(actions.map((a: { id: string }) => a.id)).toEqual(['1.10', '2.2*', '3']);
    expect(actions.map((a: { due: string }) => a.due)).toEqual(['31st March 2017', 'Within four weeks of ban', 'Summer-ish']);
    expect(actions.map((a: { status: string }) => a.status)).toEqual(['green', 'blue', undefined]);
    // Not a status of the legend: kept as written under extra, so the plan still validates.
    expect(actions[2].extra).toEqual({ Status: 'Purple' });
    expect(text).toMatch(/'Purple' is not a status of the usual legend/);
    expect(text).toMatch(/no note saying what it means was found/);
  });

  it('multi-line and bulleted cells: lists become lists, text keeps its lines', async () => {
    const csv = 'Action,Measure,Update\n"First line\nsecond line","- Attendance\n- Feedback","• one\n• two"\n';
    const { plan } = await importText('plan.csv', csv, ['--as-of', '2014-03-31']);
    const action = plan.themes[0].actions[0];
    expect(action.title).toBe('First line\nsecond line');
    expect(action.measures).toEqual(['Attendance', 'Feedback']);
    expect(action.updates[0]).toEqual({ asOf: '2014-03-31', text: '- one\n- two' });
  });

  it('columns the plan has no field for go under extra; two update columns make two dated updates (Windows-1252, semicolons)', async () => {
    const dir = tempDir();
    const out = join(dir, 'two.plan.yaml');
    const result = await runImport([join(fixtures, 'shapes', 'two-updates.csv'), '-o', out]);
    expect(result.code).toBe(0);
    const plan = parse(readFileSync(out, 'utf8'));
    const [first, second] = plan.themes[0].actions;
    expect(first).toMatchObject({ id: '1', title: 'Run two Pubwatch meetings', status: 'blue', achieved: 'met', extra: { Funding: 'PCC grant' } });
    expect(first.updates).toEqual([
      { asOf: '2014-06-30', status: 'blue', text: 'One meeting held' },
      { asOf: '2014-09-30', status: 'blue', text: 'Second meeting held' },
    ]);
    expect(second.title).toBe('Café outreach');
    expect(second.achieved).toBe('partially-met');
    expect(plan.asOf).toBe('2014-09-30');
  });

  it('an update column with no date uses --as-of, else today, and says so', async () => {
    const withOption = await importText('plan.csv', 'Action,Progress\nOne,Going well\n', ['--as-of', '2015-03-31']);
    expect(withOption.plan.themes[0].actions[0].updates[0].asOf).toBe('2015-03-31');
    const without = await importText('plan.csv', 'Action,Progress\nOne,Going well\n');
    expect(without.plan.themes[0].actions[0].updates[0].asOf).toBe('2026-11-23');
    expect(without.plan.asOf).toBeUndefined();
    expect(without.text).toMatch(/today's date is used/);
  });
});

describe('nothing dropped', () => {
  it('every cell of every seed fixture appears in the imported plan (as a value, or for list parents as their items\' group)', async () => {
    for (const seed of ['sevenoaks-alcohol-drug-strategy-2011', 'tonbridge-malling-csp-action-plan-2013-14']) {
      const dir = tempDir();
      const out = join(dir, 'p.plan.yaml');
      await runImport([join(fixtures, 'seeds', `${seed}.csv`), '-o', out, '--as-of', '2011-03-31']);
      const text = readFileSync(out, 'utf8');
      // Lower case: a RAG cell 'Green' is written as the status key 'green'.
      const flat = (JSON.stringify(parse(text)).replace(/\\n/g, ' ') + text).toLowerCase();
      const csv = readFileSync(join(fixtures, 'seeds', `${seed}.csv`), 'utf8');
      // The header row's words are column names, not cells of the plan.
      const headerWords = new Set(csv.split('\n')[1].split(/[\s,"]+/));
      const words = csv.split(/[\s,"]+/).filter((w) => /[A-Za-z]{3,}/.test(w) && !headerWords.has(w));
      const missing = words.filter((word) => !flat.includes(word.toLowerCase()));
      expect(missing, seed).toEqual([]);
    }
  });
});
