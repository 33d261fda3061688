#!/usr/bin/env node
import { tuneV8ForChecks } from '@plankit/core/node';
import { main } from './cli.js';

// Before the first plan is read: V8 settings for a process that reads plans once (see the core's v8-settings.ts).
tuneV8ForChecks();

// A reader that stops early (`plankit validate | head`) is not a failure.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), now: new Date() }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`plankit: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
