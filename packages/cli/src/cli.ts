import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { argumentProblem, type CommandOptions } from './arguments.js';
import { validateCommand } from './validate.js';

/** Where the CLI writes, and the facts it takes from its environment (passed in, so tests can set them). */
export interface CliEnvironment {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
  /** The current instant; the CLI turns it into today's date in Europe/London. */
  now: Date;
}

/** Exit codes: 0 clean (warnings allowed), 1 errors found, 2 usage error or unreadable file. */
export const EXIT_CLEAN = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

/** The options of `plankit validate`. */
const VALIDATE_OPTIONS = {
  'as-of': { type: 'string' },
  'due-soon-days': { type: 'string' },
  format: { type: 'string', default: 'text' },
  help: { type: 'boolean', short: 'h' },
} satisfies CommandOptions;

const USAGE = `Usage: plankit <command> [options]

Commands:
  validate [files, folders or globs...]   Check plan files (*.plan.yaml, *.plan.json) and agency
                                          registers (*.agencies.yaml). A folder is searched for them.
                                          With nothing named, the current folder is checked.
  import FILE [options]                   Turn an action plan table (.docx, .xlsx, .csv, .tsv, .html)
                                          into a plan file. "plankit import --help" for its options.
  render PLAN [options]                   Write a plan as one self-contained HTML report for committee
                                          papers. "plankit render --help" for its options.

Options for validate:
  --as-of YYYY-MM-DD     Report overdue and due-soon items as at this date (default: each plan's
                         own asOf, else today in Europe/London).
  --due-soon-days N      How many days before a deadline an item counts as due soon (default 14).
  --format text|json     Compiler-style lines (default) or JSON.

Other:
  -h, --help             Show this help.
  -v, --version          Show the version.

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage error or unreadable file.
`;

/** Runs the CLI with its arguments; resolves to the exit code. */
export async function main(argv: string[], env: CliEnvironment): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    (command === undefined ? env.stderr : env.stdout).write(USAGE);
    return command === undefined ? EXIT_USAGE : EXIT_CLEAN;
  }
  if (command === '-v' || command === '--version') {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    env.stdout.write(`${pkg.version}\n`);
    return EXIT_CLEAN;
  }
  // Each command's code loads only when it runs (the importers' file-format libraries are large).
  if (command === 'import') return (await import('./import/command.js')).importCommand(rest, env);
  if (command === 'render') return (await import('./render/command.js')).renderCommand(rest, env);
  if (command !== 'validate') {
    env.stderr.write(`plankit: unknown command "${command}". Run "plankit --help" for the commands.\n`);
    return EXIT_USAGE;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, strict: true, options: VALIDATE_OPTIONS });
  } catch (error) {
    env.stderr.write(`plankit validate: ${argumentProblem(error, VALIDATE_OPTIONS)}\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (parsed.values.help) {
    env.stdout.write(USAGE);
    return EXIT_CLEAN;
  }
  return validateCommand(parsed.positionals, parsed.values, env);
}
