#!/usr/bin/env node
/**
 * The Plankit demo: a small static server (node:http only) for the demo intranet pages.
 *
 *   node demo/server.mjs [--port N]      (default 8080; 0 picks any free port)
 *
 * What it serves:
 *   /                      the index of demo pages (demo/pages/index.html)
 *   /demo/<page>.html      demo/pages/<page>.html   (also /demo/pages/<file>, e.g. demo.css)
 *   /demo/fixtures/<file>  demo/fixtures/           (broken plans for errors.html)
 *   /plankit/<file>        packages/elements/dist/bundle/  (the one-script bundle and its chunks)
 *   /plankit-copy/<file>   the same files at a second address, as a second web part's copy would be
 *   /examples/<file>       examples/                (YAML as application/yaml)
 *   /examples/<name>.plan.json  examples/<name>.plan.yaml read by @plankit/core and sent as JSON
 *                          (its registers renamed to .agencies.json, which are served the same way)
 *
 * Only /demo/csp.html and /demo/two-bundles.html are sent with a Content-Security-Policy (strict,
 * with Trusted Types), so those pages show the elements need no inline script or style and no eval,
 * and that a second copy of the bundle creates no second Trusted Types policy. /plankit/ and /examples/
 * allow any origin (CORS), so the README's snippet works from any plain HTML page, even one opened
 * from disk, while this server runs.
 */
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');

/** Where each URL prefix is served from. */
const FOLDERS = {
  pages: path.join(here, 'pages'),
  fixtures: path.join(here, 'fixtures'),
  bundle: path.join(repo, 'packages', 'elements', 'dist', 'bundle'),
  examples: path.join(repo, 'examples'),
};

/** The strict policy of /demo/csp.html. Lit creates one Trusted Types policy, named lit-html. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types lit-html";

/** The pages sent with STRICT_CSP. */
const CSP_PAGES = new Set([path.join(FOLDERS.pages, 'csp.html'), path.join(FOLDERS.pages, 'two-bundles.html')]);

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.yml': 'application/yaml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

const MISSING_BUNDLE = `The elements bundle is missing (${path.relative(repo, path.join(FOLDERS.bundle, 'plankit.js'))}). Run \`npm run build\` (or \`cd packages/elements && npx vite build\`) first.`;

/** An error answered with an HTTP status instead of a file. */
class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

let core;
/** @plankit/core, loaded once (it must have been built). */
async function loadCore() {
  core ??= import('@plankit/core').catch((error) => {
    core = undefined;
    throw new HttpError(500, `@plankit/core could not be loaded (run \`npm run build\` first): ${error.message}`);
  });
  return core;
}

/**
 * The file a path names inside a folder, or a 404. The path is decoded, resolved against the folder
 * and checked to stay inside it, before and after following symbolic links: no ../ escapes.
 */
async function fileIn(folder, relative) {
  let decoded;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    throw new HttpError(400, 'Bad request: the path is not valid URL encoding.');
  }
  if (decoded.includes('\0')) throw new HttpError(400, 'Bad request.');
  const root = path.resolve(folder);
  const target = path.resolve(root, `.${path.sep}${decoded}`);
  if (!target.startsWith(root + path.sep)) throw new HttpError(404, 'Not found.');
  let real;
  try {
    real = await realpath(target);
  } catch {
    throw new HttpError(404, 'Not found.');
  }
  const realRoot = await realpath(root);
  if (!real.startsWith(realRoot + path.sep)) throw new HttpError(404, 'Not found.');
  const info = await stat(real);
  if (!info.isFile()) throw new HttpError(404, 'Not found.');
  return target;
}

/** What a request path is answered with: a file, or a generated body and its type. */
async function resolveRequest(pathname) {
  if (pathname === '/' || pathname === '/demo' || pathname === '/demo/' || pathname === '/index.html') {
    return { file: path.join(FOLDERS.pages, 'index.html') };
  }
  if (pathname.startsWith('/demo/fixtures/')) return { file: await fileIn(FOLDERS.fixtures, pathname.slice('/demo/fixtures/'.length)) };
  if (pathname.startsWith('/demo/pages/')) return { file: await fileIn(FOLDERS.pages, pathname.slice('/demo/pages/'.length)) };
  if (pathname.startsWith('/demo/')) return { file: await fileIn(FOLDERS.pages, pathname.slice('/demo/'.length)) };
  if (pathname.startsWith('/plankit/')) return { file: await fileIn(FOLDERS.bundle, pathname.slice('/plankit/'.length)) };
  if (pathname.startsWith('/plankit-copy/')) return { file: await fileIn(FOLDERS.bundle, pathname.slice('/plankit-copy/'.length)) };
  if (pathname.startsWith('/examples/')) {
    const relative = pathname.slice('/examples/'.length);
    const asJson = /^(.+)\.(plan|agencies)\.json$/.exec(relative);
    if (asJson && !existsSync(path.join(FOLDERS.examples, relative))) {
      // No JSON file of that name: read the YAML file and send its value as JSON.
      const yamlFile = await fileIn(FOLDERS.examples, `${asJson[1]}.${asJson[2]}.yaml`);
      return { body: await yamlAsJson(yamlFile, asJson[2]), type: CONTENT_TYPES['.json'] };
    }
    return { file: await fileIn(FOLDERS.examples, relative) };
  }
  throw new HttpError(404, 'Not found.');
}

/**
 * A YAML plan or register file as JSON text, read by the same core every front end uses. A plan's
 * `registers` are renamed to their JSON twins (served here the same way), so a JSON plan is JSON
 * throughout and a page that shows only JSON plans never needs the YAML reader.
 */
async function yamlAsJson(yamlFile, kind) {
  const { readPlanFile, parseSource, toValue } = await loadCore();
  const text = await readFile(yamlFile, 'utf8');
  const options = { format: 'yaml', fileName: path.basename(yamlFile) };
  let value;
  let diagnostics;
  if (kind === 'plan') {
    ({ value, diagnostics } = readPlanFile(text, options));
    if (value && Array.isArray(value.registers)) {
      value = { ...value, registers: value.registers.map((name) => (typeof name === 'string' ? name.replace(/\.agencies\.ya?ml$/i, '.agencies.json') : name)) };
    }
  } else {
    const source = parseSource(text, options);
    diagnostics = source.diagnostics;
    if (source.root) value = toValue(source.root);
  }
  if (value === undefined) {
    const first = diagnostics.find((diagnostic) => diagnostic.severity === 'error');
    throw new HttpError(500, `${path.basename(yamlFile)} could not be read: ${first?.message ?? 'unknown problem'}`);
  }
  return `${JSON.stringify(value, null, 2)}\n`;
}

async function handle(request, response) {
  const method = request.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': CONTENT_TYPES['.txt'] });
    response.end('Method not allowed.\n');
    return;
  }
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  const headers = { 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
  if (pathname === '/favicon.ico') {
    response.writeHead(204, headers);
    response.end();
    return;
  }
  // The bundle and the plans may be used from any page (and their 404s read there too).
  if (pathname.startsWith('/plankit/') || pathname.startsWith('/plankit-copy/') || pathname.startsWith('/examples/')) headers['Access-Control-Allow-Origin'] = '*';
  try {
    const answer = await resolveRequest(pathname);
    let body = answer.body;
    if (answer.file) {
      body = await readFile(answer.file);
      headers['Content-Type'] = CONTENT_TYPES[path.extname(answer.file).toLowerCase()] ?? 'application/octet-stream';
      if (CSP_PAGES.has(answer.file)) headers['Content-Security-Policy'] = STRICT_CSP;
    } else {
      headers['Content-Type'] = answer.type;
    }
    headers['Content-Length'] = Buffer.byteLength(body);
    response.writeHead(200, headers);
    response.end(method === 'HEAD' ? undefined : body);
  } catch (error) {
    const status = error instanceof HttpError ? error.status : 500;
    if (!(error instanceof HttpError)) console.error(error);
    const message = error instanceof HttpError ? error.message : 'Internal error.';
    response.writeHead(status, { ...headers, 'Content-Type': CONTENT_TYPES['.txt'] });
    response.end(method === 'HEAD' ? undefined : `${message}\n`);
  }
}

/** Listens on a port of one loopback address; resolves with the port, rejects on error. */
function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const failed = (error) => reject(error);
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve(server.address().port);
    });
  });
}

/**
 * Starts the demo server on localhost (127.0.0.1, and ::1 too where the machine has it, since
 * browsers may try either for "localhost"). `port` 0 picks a free port.
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startServer({ port = 8080 } = {}) {
  if (!existsSync(path.join(FOLDERS.bundle, 'plankit.js'))) throw new Error(MISSING_BUNDLE);
  const servers = [createServer(handle)];
  const chosen = await listen(servers[0], port, '127.0.0.1');
  const ipv6 = createServer(handle);
  try {
    await listen(ipv6, chosen, '::1');
    servers.push(ipv6);
  } catch {
    // No IPv6 loopback (or the port is taken there): 127.0.0.1 alone serves.
  }
  const close = () =>
    Promise.all(
      servers.map(
        (server) =>
          new Promise((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections?.();
          }),
      ),
    ).then(() => undefined);
  return { url: `http://localhost:${chosen}/`, port: chosen, close };
}

/** The --port option: `--port N` or `--port=N`. */
function portFromArguments(argv) {
  let value;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--port') value = argv[++index];
    else if (argument.startsWith('--port=')) value = argument.slice('--port='.length);
    else if (argument === '--help' || argument === '-h') {
      console.log('Usage: node demo/server.mjs [--port N]   (default 8080; 0 = any free port)');
      process.exit(0);
    } else {
      console.error(`Unknown option ${argument}. Usage: node demo/server.mjs [--port N]`);
      process.exit(2);
    }
  }
  if (value === undefined) return 8080;
  const port = Number(value);
  if (!/^\d+$/.test(value ?? '') || port > 65535) {
    console.error(`--port needs a number from 0 to 65535, not "${value}".`);
    process.exit(2);
  }
  return port;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = portFromArguments(process.argv.slice(2));
  try {
    const { url, close } = await startServer({ port });
    console.log(`Plankit demo: ${url}`);
    const stop = () => close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    const message = error.code === 'EADDRINUSE' ? `Port ${port} is in use: try --port 0 (any free port) or another number.` : error.message;
    console.error(`Plankit demo: ${message}`);
    process.exit(1);
  }
}
