/**
 * The extension in real VS Code: code-server 4.100.3 (VS Code 1.100 in the browser) with the built
 * .vsix installed, driven in headless Chromium. It opens an example plan and checks what an officer
 * would see: the overdue warnings in the Problems panel (from the bundled language server, at the
 * `plankit.asOf` date set in the user's settings), the status bar counts, the preview's action table
 * (inside the webview's nested iframes, under its strict CSP), the editor moving to an action selected
 * in the preview, and the preview following edits.
 *
 * code-server is installed into test/vscode/code-server/ by scripts/install-code-server.sh (.ci/run
 * runs it; this test runs it when it is missing). When this machine cannot run code-server (not Node
 * 20, no Chromium, or the install fails outside CI), every test here is skipped with the reason.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFile, civilDateInLondon, planCounts, readPlanFile, type FileCheck, type FileHost } from '@plankit/core';
import { nodeFileHost } from '@plankit/core/node';
import { chromium, type Browser, type Frame, type Page } from 'playwright';
import { afterAll, afterEach, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { planStatusText } from '../../extension/src/status-text.js';
import { newPlanTemplate } from '../../extension/src/template.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const codeServerBin = join(root, 'test/vscode/code-server/node_modules/.bin/code-server');
const manifest = JSON.parse(readFileSync(join(root, 'extension/package.json'), 'utf8'));
const vsix = join(root, `extension/plankit-${manifest.version}.vsix`);
const planName = 'sevenoaks-alcohol-drug-strategy-2011.plan.yaml';
/** The reporting date set in the user's settings: the example plan's milestones are overdue then. */
const AS_OF = '2026-11-23';
const inCi = process.env.CI === 'true' || process.env.CI === '1';

let skipReason: string | undefined;
let temp: string | undefined;
let workspaceDir: string | undefined;
let server: ChildProcess | undefined;
let serverLog = '';
let browser: Browser | undefined;
let page: Page | undefined;
const consoleErrors: string[] = [];

/** The example plan checked as the extension's settings here ask (as of AS_OF, the default due-soon window), with the core. */
function checkedAtAsOf(): Promise<FileCheck> {
  return checkFile(join(root, 'examples', planName), planText, nodeFileHost as FileHost, { asOf: AS_OF, today: AS_OF });
}

function chromiumPath(): string | undefined {
  return [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((candidate) => candidate && existsSync(candidate));
}

function codeServerWorks(): boolean {
  return existsSync(codeServerBin) && spawnSync(codeServerBin, ['--version'], { encoding: 'utf8', timeout: 60_000, env: isolatedEnv() }).status === 0;
}

/** code-server's config and data go in the temp folder, never in the user's home. */
function isolatedEnv(): NodeJS.ProcessEnv {
  const base = temp ?? tmpdir();
  return { ...process.env, XDG_CONFIG_HOME: join(base, 'config'), XDG_DATA_HOME: join(base, 'data') };
}

/** Why code-server cannot run here, or undefined when it can (installing it if needed). */
function prerequisites(): string | undefined {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) return `code-server 4.100.3 runs only on Node 20; this is Node ${process.versions.node}`;
  if (!chromiumPath()) return 'no Chromium was found (CHROME_PATH, /usr/bin/chromium)';
  if (codeServerWorks()) return undefined;
  const install = spawnSync('bash', [join(root, 'scripts/install-code-server.sh')], { encoding: 'utf8', timeout: 540_000 });
  if (install.status === 0 && codeServerWorks()) return undefined;
  const tail = `${install.stdout ?? ''}${install.stderr ?? ''}`.split('\n').slice(-15).join('\n');
  const reason = `code-server could not be installed by scripts/install-code-server.sh (exit ${install.status ?? install.signal}; it needs a C/C++ toolchain and Debian's libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep):\n${tail}`;
  // CI installs everything code-server needs (.ci/run): there, a failed install is a failure.
  if (inCi) throw new Error(reason);
  return reason;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls until `probe` gives a value that is not undefined/false, or fails with `what` after `timeout` ms. */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeout = 45_000): Promise<T> {
  const end = Date.now() + timeout;
  let lastError: unknown;
  while (Date.now() < end) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out after ${timeout} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`);
}

/** The user's settings.json in the code-server's user data folder (VS Code follows changes to it). */
let userSettingsFile: string | undefined;

/** Writes the user's settings: the reporting date AS_OF and a quiet workbench, with `changes` over them. */
function writeUserSettings(changes: Record<string, unknown>): void {
  const settings = {
    'plankit.asOf': AS_OF,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'remote.autoForwardPorts': false,
    'extensions.ignoreRecommendations': true,
    'extensions.autoCheckUpdates': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'git.enabled': false,
    'chat.commandCenter.enabled': false,
  };
  writeFileSync(userSettingsFile!, JSON.stringify({ ...settings, ...changes }, null, 2));
}

async function startCodeServer(): Promise<string> {
  temp = mkdtempSync(join(tmpdir(), 'plankit-code-server-'));
  const userData = join(temp, 'user-data');
  const extensions = join(temp, 'extensions');
  const workspace = join(temp, 'workspace');
  workspaceDir = workspace;
  for (const dir of [join(userData, 'User'), extensions, workspace, join(temp, 'config'), join(temp, 'data')]) mkdirSync(dir, { recursive: true });
  for (const file of [planName, 'kent.agencies.yaml']) copyFileSync(join(root, 'examples', file), join(workspace, file));
  userSettingsFile = join(userData, 'User/settings.json');
  writeUserSettings({});
  const installed = spawnSync(codeServerBin, ['--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix], { encoding: 'utf8', timeout: 120_000, env: isolatedEnv() });
  expect(`${installed.stdout}${installed.stderr}`, 'code-server --install-extension').toContain("Extension 'plankit-0.1.0.vsix' was successfully installed.");
  expect(existsSync(join(extensions, `plankit.plankit-vscode-${manifest.version}`, 'dist', 'server.js'))).toBe(true);

  const port = await freePort();
  server = spawn(
    codeServerBin,
    ['--auth', 'none', '--disable-telemetry', '--disable-workspace-trust', '--disable-update-check', '--disable-getting-started-override', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userData, '--extensions-dir', extensions, workspace],
    { env: isolatedEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
  await waitFor('code-server to listen', () => {
    if (server?.exitCode !== null) throw new Error(`code-server exited (${server?.exitCode}):\n${serverLog}`);
    return serverLog.includes('HTTP server listening');
  });
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
}

/**
 * Opens the quick input with `shortcut`, puts `text` in it in one go and picks the row that shows
 * `row`. Typing key by key into a quick input that is still opening (or still closing from the last
 * pick) loses or doubles characters on a busy machine, so the text is set with fill(), and the whole
 * thing is tried again if the row does not come.
 */
async function pick(shortcut: string, text: string, row: string): Promise<void> {
  await waitFor(`"${row}" in the quick input`, async () => {
    await page!.keyboard.press('Escape');
    await page!.waitForSelector('.quick-input-widget', { state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    await page!.keyboard.press(shortcut);
    const input = await page!.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 10_000 });
    await input.fill(text);
    const found = await page!.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${row}")`, { timeout: 10_000 }).catch(() => undefined);
    if (!found) return false;
    await page!.keyboard.press('Enter');
    return true;
  }, 90_000);
}

function quickOpen(name: string): Promise<void> {
  return pick('Control+P', name, name);
}

function runCommand(title: string): Promise<void> {
  return pick('Control+Shift+P', `>${title}`, title);
}

/** Sets plankit.asOf in VS Code's Settings editor, as an officer would, and closes the editor again. */
async function setAsOfInSettingsEditor(value: string): Promise<void> {
  await runCommand('Preferences: Open User Settings');
  const search = await page!.waitForSelector('.settings-editor .settings-header .suggest-input-container textarea, .settings-editor .settings-header input', { timeout: 30_000 });
  await search.fill('plankit.asOf');
  // The list is filtered after a pause: until then the first text box is another setting's.
  await page!.waitForSelector('.settings-editor .settings-count-widget:has-text("1 Setting Found")', { timeout: 30_000 });
  const input = page!.locator('.settings-editor .setting-item-contents', { hasText: 'Plankit: As Of' }).locator('input');
  await input.fill(value);
  await waitFor('the setting saved', () => /"plankit\.asOf":\s*"([^"]*)"/.exec(readFileSync(userSettingsFile!, 'utf8'))?.[1] === value);
  await page!.keyboard.press('Control+W');
}

/** The webview frame that holds the preview page (VS Code nests it: index.html > fake.html). */
async function previewFrame(): Promise<Frame> {
  return waitFor('the preview webview', async () => {
    for (const frame of page!.frames()) {
      const found = await frame.evaluate(() => document.querySelector('plan-action-table') !== null).catch(() => false);
      if (found) return frame;
    }
    return undefined;
  });
}

interface TableRow {
  id: string;
  text: string;
}

/** The action rows the table has rendered in its shadow DOM. */
function tableRows(frame: Frame): Promise<TableRow[]> {
  return frame.evaluate(() => {
    const table = document.querySelector('plan-action-table');
    return [...(table?.shadowRoot?.querySelectorAll('tr[part~="row"]') ?? [])].map((row) => ({ id: row.id, text: (row.textContent ?? '').replace(/\s+/g, ' ').trim() }));
  });
}

/** The text of the status bar item that holds a string. */
function statusBarText(containing: string): Promise<string | undefined> {
  return page!.evaluate((needle) => {
    const items = [...document.querySelectorAll('.statusbar-item')].map((item) => (item.textContent ?? '').replace(/\s+/g, ' ').trim());
    return items.find((text) => text.includes(needle));
  }, containing);
}

/** Where the keyboard is, which tab is active and what the status bar says: printed when a test fails. */
function workbenchState(): Promise<{ activeTab: string; focus: string; inEditor: boolean; statusBar: string[] }> {
  return page!.evaluate(() => {
    const active = document.activeElement;
    return {
      activeTab: (document.querySelector('.tab.active')?.textContent ?? '').trim(),
      focus: active ? `${active.tagName.toLowerCase()}.${[...active.classList].join('.')}` : 'none',
      inEditor: !!active?.closest('.monaco-editor'),
      statusBar: [...document.querySelectorAll('.statusbar-item')].map((item) => (item.textContent ?? '').replace(/\s+/g, ' ').trim()).filter(Boolean),
    };
  });
}

function skipIfNeeded(context: TestContext): void {
  if (skipReason) context.skip(`code-server cannot run here: ${skipReason}`);
}

const planText = readFileSync(join(root, 'examples', planName), 'utf8');

/** Each step waits for VS Code (up to 45 s a wait); on a busy machine a step can take a while. */
const STEP_TIMEOUT = 120_000;

describe('the extension in VS Code (code-server)', { timeout: STEP_TIMEOUT }, () => {
  beforeAll(async () => {
    if (!existsSync(vsix)) throw new Error(`${vsix} is missing: build it first (npm run build at the root).`);
    skipReason = prerequisites();
    if (skipReason) {
      console.warn(`test/vscode/code-server.test.ts is skipped: ${skipReason}`);
      return;
    }
    const url = await startCodeServer();
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.location().url}: ${message.text()}`);
    });
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 90_000 });
    // The explorer lists the workspace once the workbench has connected to the server.
    await page.waitForSelector(`.explorer-folders-view .monaco-list-row:has-text("${planName}")`, { timeout: 90_000 });
  }, 900_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page) {
      mkdirSync(join(root, 'test-results'), { recursive: true });
      await page.screenshot({ path: join(root, 'test-results', `code-server-${context.task.name.replace(/\W+/g, '-').slice(0, 60)}.png`) }).catch(() => undefined);
      console.warn(`the workbench when it failed: ${JSON.stringify(await workbenchState().catch((error) => String(error)))}`);
      console.warn(`code-server log:\n${serverLog.slice(-3000)}`);
    }
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    // code-server runs VS Code's server, the extension host and the language server as children:
    // end its whole process group (it was started detached, as a group of its own).
    if (server?.pid && server.exitCode === null) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  // First, before any plan is opened: the extension starts because the folder holds plans
  // (workspaceContains), and the server's workspace scan publishes the plan's findings.
  it('checks the folder’s plans as soon as the folder is open, before any plan is opened', async (context) => {
    skipIfNeeded(context);
    expect(await page!.$$('.tab')).toHaveLength(0);
    const check = await checkedAtAsOf();
    const expected = check.diagnostics.find((diagnostic) => diagnostic.code === 'overdue')!;
    await page!.keyboard.press('Control+Shift+M');
    await waitFor('the workspace scan’s overdue warning in the Problems panel', async () => {
      const rows = await page!.$$eval('.markers-panel .monaco-list-row', (elements) => elements.map((element) => (element.textContent ?? '').replace(/\s+/g, ' ')));
      return rows.some((text) => text.includes(expected.message));
    });
    expect(await page!.$$('.tab')).toHaveLength(0);
  });

  it('shows the language server’s overdue warnings in the Problems panel, at the plankit.asOf date', async (context) => {
    skipIfNeeded(context);
    await quickOpen(planName);
    await page!.waitForSelector(`.tab.active:has-text("${planName}")`);
    // The editor's language is the extension's (the status bar's language indicator).
    await waitFor('the Plankit plan language', () => statusBarText('Plankit plan'));

    // What the core says, for the same file at the same date: the warning and its line.
    const check = await checkedAtAsOf();
    const expected = check.diagnostics.find((diagnostic) => diagnostic.code === 'overdue' && diagnostic.message.includes('Challenge 25 in Hextable and Swanley'))!;
    expect(expected.message).toContain('overdue at 23 November 2026');
    const overdueCount = check.diagnostics.filter((diagnostic) => diagnostic.code === 'overdue').length;

    await page!.keyboard.press('Control+Shift+M');
    const row = await waitFor('the overdue warning in the Problems panel', async () => {
      const rows = await page!.$$eval('.markers-panel .monaco-list-row', (elements) => elements.map((element) => (element.textContent ?? '').replace(/\s+/g, ' ')));
      return rows.find((text) => text.includes(expected.message));
    });
    // The source and code are shown as "plankit(overdue)" (the brackets are drawn, not text).
    expect(row).toMatch(new RegExp(`plankit\\(?overdue\\)?\\s*\\[Ln ${expected.range.start.line + 1}, Col ${expected.range.start.character + 1}\\]`));
    // Every finding is there, with the core's severities: the status bar's problem counts.
    const errors = check.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
    const warnings = check.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').length;
    expect(warnings).toBeGreaterThanOrEqual(overdueCount);
    const counts = await waitFor('the problem counts', async () => {
      const text = await page!.evaluate(() => document.querySelector('[id="status.problems"]')?.textContent ?? '');
      const numbers = (text.match(/\d+/g) ?? []).map(Number);
      return numbers[1] === warnings ? numbers : undefined;
    });
    expect(counts.slice(0, 2)).toEqual([errors, warnings]);
  });

  it('shows the plan’s counts in the status bar', async (context) => {
    skipIfNeeded(context);
    const expected = planStatusText(planCounts((await checkedAtAsOf()).analysis!)).text;
    expect(expected).toMatch(/^Plan: \d+ overdue · /);
    expect(await waitFor('the Plankit status bar item', () => statusBarText('Plan:'))).toBe(expected);
  });

  it('opens the preview with the plan’s actions in the table, under the page’s CSP', async (context) => {
    skipIfNeeded(context);
    await quickOpen(planName);
    await runCommand('Plankit: Open Preview');
    const frame = await previewFrame();
    const actions = (await checkedAtAsOf()).analysis!.actions();
    const rows = await waitFor('the table’s rows', async () => {
      const found = await tableRows(frame);
      return found.length === actions.length ? found : undefined;
    });
    expect(rows.map((row) => row.id)).toEqual(actions.map((action) => `action-${action.key}`));
    expect(rows[2].text).toContain('Address Proxy Sales');
    // The caption and summary are at the as-of date from the settings.
    const caption = await frame.evaluate(() => document.querySelector('plan-action-table')?.shadowRoot?.querySelector('caption')?.textContent ?? '');
    expect(caption.replace(/\s+/g, ' ')).toContain('As at 23 November 2026');
    // The summary counts the overdue milestones as well as actions: the figure the status bar and the
    // Problems panel give (this plan dates its milestones, so no action is overdue by itself).
    const overdue = (await checkedAtAsOf()).analysis!.overdue();
    expect(overdue.filter((item) => item.kind === 'milestone').length).toBeGreaterThan(0);
    const summaryOverdue = await waitFor('the summary’s overdue count', () => frame.evaluate(() => document.querySelector('plan-summary')?.shadowRoot?.querySelector('[data-count="overdue"] dd')?.textContent?.trim()));
    expect(summaryOverdue).toBe(String(overdue.length));
    const csp = await frame.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
    // VS Code's cspSource is "'self' https://*.vscode-cdn.net": styles and images from there only.
    const [, styles, images] = csp.match(/^default-src 'none'; script-src 'nonce-[A-Za-z0-9]{32}'; style-src ([^;]+); img-src ([^;]+) data:$/) ?? [];
    expect(styles).toBeTruthy();
    expect(images).toBe(styles);
    expect(styles).not.toMatch(/unsafe|\*;|^\*$|data:/);
    expect(consoleErrors.filter((message) => /Content Security Policy|Refused to/i.test(message))).toEqual([]);
  });

  it('moves the editor to an action selected in the preview', async (context) => {
    skipIfNeeded(context);
    const frame = await previewFrame();
    const action = readPlanFile(planText, { fileName: planName }).plan!.themes[0].actions[2];
    expect(action.id).toBe('1.3');
    const disclosure = frame.locator(`plan-action-table tr[id="action-1.3"] button.disclosure`);
    await disclosure.click();
    await waitFor('the row to open', async () => (await disclosure.getAttribute('aria-expanded')) === 'true');
    const position = await waitFor('the cursor at action 1.3', async () => {
      const text = await statusBarText('Ln ');
      return text?.startsWith(`Ln ${action.range.start.line + 1},`) ? text : undefined;
    });
    expect(position).toBe(`Ln ${action.range.start.line + 1}, Col ${action.range.start.character + 1}`);
    // The keyboard stays in the text: VS Code notices a click in a webview late (it polls its focus every
    // 250 ms), and that late notice must not take the focus back to the preview.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const state = await workbenchState();
    expect(state.inEditor, JSON.stringify(state)).toBe(true);
    expect(state.activeTab).toContain(planName);
  });

  it('follows the officer’s edits, and says what is wrong while the text cannot be read', async (context) => {
    skipIfNeeded(context);
    const frame = await previewFrame();
    // Action 1.3's title line is below the cursor: go to its end and add to it.
    const title = planText.split('\n').findIndex((line) => line.includes('title: Address Proxy Sales'));
    await page!.keyboard.press('Control+G');
    await page!.keyboard.type(String(title + 1));
    await page!.keyboard.press('Enter');
    await page!.keyboard.press('End');
    await page!.keyboard.type(' in Swanley');
    await waitFor('the edited title in the preview', async () => (await tableRows(frame)).find((row) => row.id === 'action-1.3')?.text.includes('Address Proxy Sales in Swanley'));

    // A colon after the title makes it a mapping where a text is expected: a YAML error. The preview
    // keeps the last good plan and says which line is wrong.
    await page!.keyboard.type(': x');
    const message = await waitFor('the preview’s message', () =>
      frame.evaluate(() => {
        const element = document.getElementById('plankit-message');
        return element && !element.hidden ? element.textContent : undefined;
      }),
    );
    expect(message).toMatch(new RegExp(`^Line ${title + 1}: YAML: `));
    expect(message).toContain('The preview shows the last version that could be read.');
    expect((await tableRows(frame)).length).toBeGreaterThan(0);
    await waitFor('the status bar to count the error', async () => (await statusBarText('Plan:'))?.match(/^Plan: \d+ errors?$/));

    for (let i = 0; i < 3; i++) await page!.keyboard.press('Backspace');
    await waitFor('the message to go', () => frame.evaluate(() => document.getElementById('plankit-message')?.hidden === true));
    // The status bar counts the plan again (the title's words change no count).
    const counts = planStatusText(planCounts((await checkedAtAsOf()).analysis!)).text;
    await waitFor('the status bar to count the plan again', async () => (await statusBarText('Plan:')) === counts);

    // The officer changes the reporting date in the Settings editor: the server checks the plan again
    // at it, and the preview and the status bar follow.
    const caption = () => frame.evaluate(() => (document.querySelector('plan-action-table')?.shadowRoot?.querySelector('caption')?.textContent ?? '').replace(/\s+/g, ' '));
    await setAsOfInSettingsEditor('2011-03-31');
    await waitFor('the preview at the new date', async () => (await caption()).includes('As at 31 March 2011'));
    await waitFor('the status bar at the new date', async () => (await statusBarText('Plan:')) !== counts);
    await setAsOfInSettingsEditor(AS_OF);
    await waitFor('the preview back at the first date', async () => (await caption()).includes('As at 23 November 2026'));
    await waitFor('the status bar back at the first date', async () => (await statusBarText('Plan:')) === counts);
  });

  it('opens a new plan from the template with New Plan, and counts it in the status bar', async (context) => {
    skipIfNeeded(context);
    await runCommand('Plankit: New Plan');
    const input = await page!.waitForSelector('.quick-input-widget input');
    expect(await input.inputValue()).toBe('Community Safety Partnership action plan');
    await page!.keyboard.press('Control+A');
    await page!.keyboard.type('Safer Example action plan');
    await page!.keyboard.press('Enter');
    await page!.waitForSelector('.tab.active:has-text("Untitled-1")');
    await waitFor('the Plankit plan language', () => statusBarText('Plankit plan'));
    // The template's one action is green and nothing is overdue at the plankit.asOf date.
    expect(await waitFor('the status bar for the new plan', async () => ((await statusBarText('Plan:')) === 'Plan: 1 green' ? 'Plan: 1 green' : undefined))).toBe('Plan: 1 green');
    // Monaco draws lines as absolutely placed elements: put them in order by their top.
    const firstLines = await page!.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.editor-group-container.active .view-line')]
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' '))
        .join('\n'),
    );
    expect(firstLines.startsWith('title: "Safer Example action plan"\n')).toBe(true);
    // Not saved yet, it is checked as the plan it is (the server reads an untitled document by its
    // language): a mistake typed at its end is underlined as an error, and counted in the status bar.
    // (Not looked for in the Problems panel: its list draws only the rows in view, and this file's
    // group comes after the example plan's 25 findings.)
    expect(await page!.$$('.editor-group-container.active .squiggly-error')).toHaveLength(0);
    await page!.keyboard.press('Control+End');
    await page!.keyboard.type('risks: 5');
    await waitFor('the error underlined in the new plan', async () => (await page!.$$('.editor-group-container.active .squiggly-error')).length === 1);
    expect(await waitFor('the status bar to count the error', () => statusBarText('Plan: 1 error'))).toBe('Plan: 1 error');
  });

  it('checks JSON plans with the language server and with VS Code’s JSON support (the contributed schema)', async (context) => {
    skipIfNeeded(context);
    // A status written as a number: wrong for the schema.
    const json = `${JSON.stringify({ title: 'A JSON plan', themes: [{ title: 'Theme', actions: [{ id: '1.1', title: 'Do it', due: 'March 2030', status: 5 }] }] }, null, 2)}\n`;
    writeFileSync(join(workspaceDir!, 'json-example.plan.json'), json);
    await quickOpen('json-example.plan.json');
    await page!.waitForSelector('.tab.active:has-text("json-example.plan.json")');
    await waitFor('the Plankit plan (JSON) language', () => statusBarText('Plankit plan (JSON)'));
    await page!.keyboard.press('Control+Shift+M');
    const line = json.split('\n').findIndex((text) => text.includes('"status": 5')) + 1;
    const rows = await waitFor('both findings for the status', async () => {
      const texts = await page!.$$eval('.markers-panel .monaco-list-row', (elements) => elements.map((element) => (element.textContent ?? '').replace(/\s+/g, ' ')));
      const plankit = texts.find((text) => text.includes('"status" (Status) should be text, not the number 5.') && text.includes(`[Ln ${line},`));
      const vscodeJson = texts.find((text) => text.includes('Incorrect type. Expected "string".') && text.includes(`[Ln ${line},`));
      return plankit && vscodeJson ? [plankit, vscodeJson] : undefined;
    });
    expect(rows[0]).toMatch(/plankit\(?schema-type\)?/);
  });

  it('underlines only the misspelt agency of a joint lead, and its quick fix replaces only that', async (context) => {
    skipIfNeeded(context);
    const name = 'joint-lead.plan.yaml';
    const text = `title: A joint plan\nregisters: [kent.agencies.yaml]\nthemes:\n  - title: Enforcement\n    actions:\n      - title: Joint operation\n        lead: KCC/Kent Polic\n        due: March 2030\n`;
    writeFileSync(join(workspaceDir!, name), text);
    await quickOpen(name);
    await page!.waitForSelector(`.tab.active:has-text("${name}")`);
    // One warning, drawn under "Kent Polic" only.
    const squiggle = await waitFor('the warning underlined', async () => {
      const found = await page!.$$('.editor-group-container.active .squiggly-warning');
      return found.length === 1 ? found[0] : undefined;
    });
    const drawn = await squiggle.boundingBox();
    const line = text.split('\n').findIndex((row) => row.includes('lead: KCC/Kent Polic'));
    const column = text.split('\n')[line].indexOf('Kent Polic');
    const characterWidth = await page!.evaluate(() => {
      const probe = document.querySelector('.editor-group-container.active .view-line span span');
      return probe ? probe.getBoundingClientRect().width / (probe.textContent?.length || 1) : 0;
    });
    expect(characterWidth).toBeGreaterThan(0);
    expect(Math.round(drawn!.width / characterWidth)).toBe('Kent Polic'.length);
    // The officer puts the cursor on it and asks for quick fixes (Ctrl+.).
    await page!.keyboard.press('Control+G');
    await page!.keyboard.type(`${line + 1}:${column + 3}`);
    await page!.keyboard.press('Enter');
    await waitFor('the quick fix', async () => {
      await page!.keyboard.press('Control+.');
      const row = await page!.waitForSelector('.action-widget .monaco-list-row:has-text("Replace with “Kent Police”")', { timeout: 10_000 }).catch(() => undefined);
      if (!row) await page!.keyboard.press('Escape');
      return row;
    });
    // Pick it with the keyboard, as the menu is drawn (the focused row moves with the arrow keys).
    for (let step = 0; step < 6; step++) {
      const focused = await page!.$eval('.action-widget .monaco-list-row.focused', (row) => row.textContent ?? '').catch(() => '');
      if (focused.includes('Replace with “Kent Police”')) break;
      await page!.keyboard.press('ArrowDown');
    }
    await page!.keyboard.press('Enter');
    await page!.keyboard.press('Control+S');
    const saved = await waitFor('the plan saved with the fix', () => {
      const now = readFileSync(join(workspaceDir!, name), 'utf8');
      return now !== text ? now : undefined;
    });
    expect(saved).toBe(text.replace('lead: KCC/Kent Polic', 'lead: KCC/Kent Police'));
    await waitFor('the warning gone', async () => (await page!.$$('.editor-group-container.active .squiggly-warning')).length === 0);
  });

  it('completes a list key and a whole new milestone at the right indentation, so the plan still reads', async (context) => {
    skipIfNeeded(context);
    const name = 'completing.plan.yaml';
    const text = `title: A plan being written\nregisters: [kent.agencies.yaml]\nthemes:\n  - title: Enforcement\n    actions:\n      - title: Joint operation\n        lead: KCC\n        due: March 2030\n`;
    writeFileSync(join(workspaceDir!, name), text);
    await quickOpen(name);
    await page!.waitForSelector(`.tab.active:has-text("${name}")`);
    /** Asks for completion and accepts the row that reads `label`, with the keyboard. */
    const accept = async (label: string) => {
      await waitFor(`"${label}" offered`, async () => {
        await page!.keyboard.press('Control+Space');
        const row = await page!.waitForSelector(`.suggest-widget .monaco-list-row:has-text("${label}")`, { timeout: 10_000 }).catch(() => undefined);
        if (!row) await page!.keyboard.press('Escape');
        return row;
      });
      for (let step = 0; step < 20; step++) {
        const focused = await page!.$eval('.suggest-widget .monaco-list-row.focused', (row) => row.textContent ?? '').catch(() => '');
        if (focused.includes(label)) break;
        await page!.keyboard.press('ArrowDown');
      }
      await page!.keyboard.press('Enter');
    };
    // At the end of the action, the officer types the start of a key and takes "milestones".
    await page!.keyboard.press('Control+End');
    await page!.keyboard.type('        miles');
    await accept('milestones');
    // On the new list item, the whole milestone: a title typed in, the rest taken as offered.
    await accept('New milestone');
    await page!.keyboard.type('Routes agreed');
    await page!.keyboard.press('Escape');
    await page!.keyboard.press('Control+S');
    const saved = await waitFor('the plan saved', () => {
      const now = readFileSync(join(workspaceDir!, name), 'utf8');
      return now.includes('Routes agreed') ? now : undefined;
    });
    // Every line where it belongs: the plan reads, and the milestone is the action's.
    const read = readPlanFile(saved);
    expect(read.diagnostics, saved).toEqual([]);
    const milestone = read.plan!.themes[0].actions[0].milestones[0];
    expect({ title: milestone.title, due: milestone.due?.text, status: milestone.status }).toEqual({ title: 'Routes agreed', due: 'March 2027', status: 'green' });
    await page!.keyboard.press('Control+W');
    await page!.waitForSelector(`.tab:has-text("${name}")`, { state: 'detached' });
  });

  it('saves the plan as a report for committee papers beside it, at the plankit.asOf date', async (context) => {
    skipIfNeeded(context);
    // The command saves the report of the editor in front: the plan's, in the group that has the focus.
    await waitFor('the plan’s editor in front', async () => {
      await quickOpen(planName);
      return page!.waitForSelector(`.editor-group-container.active .tab.active:has-text("${planName}")`, { timeout: 5_000 }).catch(() => undefined);
    }, 90_000);
    const reportName = planName.replace('.plan.yaml', '.report.html');
    await runCommand('Plankit: Save Report for Committee (HTML)');
    // VS Code's save dialog (code-server's own, a path in a quick input) offers the name beside the plan.
    const input = await page!.waitForSelector('.quick-input-widget input', { timeout: 30_000 });
    let offered = '';
    await waitFor('the report’s name in the save dialog', async () => {
      offered = await input.inputValue();
      return offered.endsWith(`/${reportName}`);
    }).catch((error: Error) => {
      throw new Error(`${error.message}; the dialog offered "${offered}"`);
    });
    await page!.keyboard.press('Enter');
    const report = await waitFor('the report on disk', () => {
      const file = join(workspaceDir!, reportName);
      return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    });
    expect(report.startsWith('<!doctype html>')).toBe(true);
    expect(report).toContain('As at 23 November 2026');
    expect(report).toContain('Challenge 25 in Hextable and Swanley');
    expect(report).not.toMatch(/<script/i);
    // Written whole: nothing half written is left beside it.
    expect(readdirSync(workspaceDir!).filter((file) => file.includes('.partial'))).toEqual([]);
    await waitFor('the message that says where it went', async () => {
      const toasts = await page!.$$eval('.notifications-toasts .notification-list-item', (elements) => elements.map((element) => (element.textContent ?? '').replace(/\s+/g, ' ')));
      return toasts.some((text) => text.includes(`Saved the report as ${reportName}`) && text.includes('Open in Browser'));
    });
  });
});
