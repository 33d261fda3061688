#!/usr/bin/env node
// The `plankit` command. This file exists before the TypeScript is built, so that npm links the
// command at install time; the program itself is dist/bin.js.
import('../dist/bin.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist')) {
    process.stderr.write('plankit: the command is not built yet: run "npm run build" in the repository first.\n');
    process.exit(2);
  }
  throw error;
});
