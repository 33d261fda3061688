// A small LSP client for bench/lsp.mjs: one language server as a child process, spoken to over stdio
// with vscode-languageserver-protocol (the same client code for every server measured). It answers
// the servers' own requests (settings, capability registration, progress) the way an editor does,
// records every publishDiagnostics with the time it arrived, and can wait for the one that belongs
// to a given document version.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogTraceNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
} from 'vscode-languageserver-protocol/node.js';

/** Raised when a wait runs out: its message is what the bench prints in the table. */
export class TimeoutError extends Error {}

/** Every client process started and not yet gone, so that a bench can kill them on the way out. */
export const liveClients = new Set();

export class LspClient {
  /**
   * @param {object} options
   * @param {string} options.name            shown in messages
   * @param {string[]} options.args          node arguments (the server's script and flags)
   * @param {string} options.cwd
   * @param {(section: string | undefined, scopeUri: string | undefined) => unknown} options.configuration
   *        the answer to one item of a workspace/configuration request
   * @param {number} [options.timeoutMs]      default wait (30 s)
   * @param {number} [options.exitWaitMs]     how long close() waits for the server to exit before killing it
   */
  constructor({ name, args, cwd, configuration, timeoutMs = 30_000, exitWaitMs = 3_000 }) {
    this.name = name;
    this.exitWaitMs = exitWaitMs;
    this.timeoutMs = timeoutMs;
    this.configuration = configuration;
    /**
     * publishDiagnostics received, per URI, in order: { version, at, diagnostics } (at:
     * performance.now()). Only the latest entry of a URI keeps its diagnostics, as an editor keeps
     * only the latest set: holding every set made this client's own young-generation collections
     * copy all of them again and again (on the 2,000-action plan, 568 ms of them over 210 keystrokes,
     * up to 31 ms each and inside most of the slowest keystrokes; 84–128 ms without the history).
     */
    this.published = new Map();
    /** The server's stderr and log messages (the last lines are shown when something goes wrong). */
    this.log = [];
    /** Sections asked for through workspace/configuration, in order. */
    this.configurationRequests = [];
    /** Every $/logTrace message, in order (a server traces once initialize asked it to). */
    this.traces = [];
    /** Requests from the server this client has no handler for (answered with null). */
    this.otherRequests = new Set();
    this.exited = false;
    this.exitCode = undefined;
    this.listeners = new Set();

    this.startedAt = performance.now();
    this.child = spawn(process.execPath, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    liveClients.add(this);
    this.child.on('error', (error) => this.log.push(`[spawn error] ${error.message}`));
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      this.exitCode = code ?? signal;
      liveClients.delete(this);
      this.notify();
    });
    this.child.stdin.on('error', () => {
      /* the server went away: reported through 'exit' */
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk) => this.pushLog(`[stderr] ${chunk.trimEnd()}`));

    const connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection = connection;
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const at = performance.now();
      let list = this.published.get(params.uri);
      if (!list) this.published.set(params.uri, (list = []));
      if (list.length > 0) list[list.length - 1].diagnostics = undefined;
      list.push({ version: params.version, at, diagnostics: params.diagnostics });
      this.notify();
    });
    connection.onNotification(LogTraceNotification.type, (params) => {
      this.traces.push(params.message);
      this.notify();
    });
    connection.onNotification('window/logMessage', (params) => this.pushLog(`[log] ${params.message}`));
    connection.onNotification('window/showMessage', (params) => this.pushLog(`[show] ${params.message}`));
    connection.onUnhandledNotification(() => {
      /* telemetry/event, $/progress, yaml/* and the like: not needed */
    });
    connection.onError(([error]) => this.pushLog(`[connection error] ${error.message}`));
    connection.onClose(() => this.notify());

    connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => {
        this.configurationRequests.push(item.section ?? '');
        this.notify();
        return this.configuration(item.section, item.scopeUri) ?? null;
      }),
    );
    connection.onRequest(RegistrationRequest.type, () => null);
    connection.onRequest(UnregistrationRequest.type, () => null);
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
    // Anything else (workspace/codeLens/refresh, workspace/inlayHint/refresh, ...): a plain null answer.
    connection.onRequest((method) => {
      this.otherRequests.add(method);
      return null;
    });
    connection.listen();
  }

  pushLog(line) {
    this.log.push(line);
    if (this.log.length > 200) this.log.splice(0, this.log.length - 200);
  }

  notify() {
    for (const listener of [...this.listeners]) listener();
  }

  /** The last few lines the server wrote, for an error message. */
  tail(lines = 5) {
    return this.log.slice(-lines).join('\n');
  }

  /**
   * Resolves with check()'s value once it is not undefined; rejects with a TimeoutError after
   * timeoutMs, or when the server exits first.
   */
  waitFor(what, check, timeoutMs = this.timeoutMs) {
    return new Promise((resolve, reject) => {
      let timer;
      const finish = (fn) => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        fn();
      };
      const listener = () => {
        let value;
        try {
          value = check();
        } catch (error) {
          finish(() => reject(error));
          return;
        }
        if (value !== undefined) finish(() => resolve(value));
        else if (this.exited) finish(() => reject(new Error(`${this.name} exited (${this.exitCode}) while waiting for ${what}${this.log.length ? `: ${this.tail(3)}` : ''}`)));
      };
      timer = setTimeout(() => finish(() => reject(new TimeoutError(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`))), timeoutMs);
      this.listeners.add(listener);
      listener();
    });
  }

  /** Resolves after ms with no new event (publish, configuration request); never rejects. */
  async quiet(ms) {
    for (;;) {
      const before = this.eventCount();
      await new Promise((resolve) => setTimeout(resolve, ms));
      if (this.eventCount() === before || this.exited) return;
    }
  }

  eventCount() {
    let count = this.configurationRequests.length;
    for (const list of this.published.values()) count += list.length;
    return count;
  }

  publishCount(uri) {
    return this.published.get(uri)?.length ?? 0;
  }

  /**
   * The first publishDiagnostics for uri after publish number `since` that belongs to `version`:
   * one that carries that version (or a later one), or, from a server that sends no version, the
   * first one after the change (the caller makes sure no earlier change is still outstanding).
   */
  waitForPublish(uri, since, version, what) {
    return this.waitFor(what ?? `diagnostics for version ${version}`, () => {
      const list = this.published.get(uri) ?? [];
      for (let i = since; i < list.length; i++) {
        const entry = list[i];
        if (entry.version === undefined || entry.version === null || entry.version >= version) return entry;
      }
      return undefined;
    });
  }

  /**
   * initialize + initialized + an empty didChangeConfiguration (the settings are then pulled).
   * `trace`: 'off' (the default, as in an editor), 'messages' or 'verbose'.
   */
  async initialize({ rootUri, initializationOptions = {}, trace = 'off' }) {
    const capabilities = {
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        workspaceFolders: true,
      },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
      },
      window: { workDoneProgress: true },
    };
    const result = await this.race(
      'the initialize answer',
      this.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        clientInfo: { name: 'plankit-bench' },
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'bench' }],
        capabilities,
        initializationOptions,
        trace,
      }),
    );
    this.connection.sendNotification(InitializedNotification.type, {});
    this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    return result;
  }

  /** A request's promise, or a TimeoutError after the client's timeout (or the server's exit). */
  race(what, promise, timeoutMs = this.timeoutMs) {
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (fn) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.listeners.delete(listener);
        fn();
      };
      const listener = () => {
        if (this.exited) finish(() => reject(new Error(`${this.name} exited (${this.exitCode}) while waiting for ${what}${this.log.length ? `: ${this.tail(3)}` : ''}`)));
      };
      const timer = setTimeout(() => finish(() => reject(new TimeoutError(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`))), timeoutMs);
      this.listeners.add(listener);
      listener();
      promise.then(
        (value) => finish(() => resolve(value)),
        (error) => finish(() => reject(error)),
      );
    });
  }

  /** Sends didOpen; returns the publish count before it, and the time it was sent. */
  open(uri, text, version = 1, languageId = 'yaml') {
    const since = this.publishCount(uri);
    const sentAt = performance.now();
    this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    return { since, sentAt };
  }

  /** Sends one incremental didChange; returns the publish count before it, and the time it was sent. */
  change(uri, version, contentChanges) {
    const since = this.publishCount(uri);
    const sentAt = performance.now();
    this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
    return { since, sentAt };
  }

  /** Sends a request and resolves with { result, ms }. */
  async timedRequest(type, params, what) {
    const start = performance.now();
    const result = await this.race(what, this.connection.sendRequest(type, params));
    return { result, ms: performance.now() - start };
  }

  /** The server process's resident memory now and its peak, in MB (from /proc, else ps). */
  memory() {
    const pid = this.child.pid;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) / 1024;
      return { rss: field('VmRSS'), peak: field('VmHWM') };
    } catch {
      return { rss: NaN, peak: NaN };
    }
  }

  /**
   * How many minor page faults the server process has taken so far: each is a page of memory it
   * touched for the first time (from /proc; NaN where there is none).
   */
  minorFaults() {
    try {
      const stat = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
      // The fields after the command name (which is in parentheses and may hold spaces): minflt is the 8th.
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[7]);
    } catch {
      return NaN;
    }
  }

  /** shutdown + exit, then SIGKILL if the server is still there; never throws. */
  async close() {
    if (!this.exited) {
      try {
        await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((resolve) => setTimeout(resolve, 3_000))]);
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        /* already gone */
      }
      await this.waitFor('the server to exit', () => (this.exited ? true : undefined), this.exitWaitMs).catch(() => undefined);
    }
    this.kill();
    this.connection.dispose();
  }

  /** Kills the process at once (also used on the way out of an aborted bench). */
  kill() {
    if (!this.exited && this.child.exitCode === null && this.child.signalCode === null) {
      try {
        this.child.kill('SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
}
