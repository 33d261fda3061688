import type { ParseArgsConfig } from 'node:util';
import { nearest } from '@plankit/core';

/** A command's options, as `parseArgs` takes them. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/**
 * What is wrong with a command line that Node's `parseArgs` refused, in words for the person who
 * typed it. Node's own words are for programmers ("Unknown option '--asof'. To specify a
 * positional argument starting with a '-', place it at the end of the command after '--'…"); these
 * name the option, say what it needs, and suggest the option that was probably meant. Each command
 * prints its usage after the problem, so "listed below" is true wherever this is used. Anything
 * else `parseArgs` may say comes through as it is.
 */
export function argumentProblem(error: unknown, options: CommandOptions): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  // parseArgs quotes the option as written ('--asof'), or as declared ('--as-of <value>', '-h, --help').
  const quoted = /'([^']*)'/.exec(message)?.[1];
  if (quoted === undefined) return message;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    // The whole option as written, even one with a quote in it ("--it's").
    const written = /^Unknown option '(.*?)'\.(?: |$)/.exec(message)?.[1] ?? quoted;
    const meant = written.startsWith('--') ? nearest(written, Object.keys(options), (name) => name) : undefined;
    return `there is no option ${written}${meant ? `: did you mean --${meant}?` : '.'} The options are listed below.`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const long = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
    const option = options[long.slice(2)];
    if (option?.type === 'string') {
      // "--due-soon-days -3": parseArgs will not take a value that starts with a dash after a space.
      const dash = /ambiguous/.test(message) ? `; to give one that starts with a dash, write ${long}=VALUE` : '';
      return `${long} needs a value after it${dash}. The options are listed below.`;
    }
    if (option?.type === 'boolean') return `${long} takes no value: write just ${long}. The options are listed below.`;
  }
  return message;
}
