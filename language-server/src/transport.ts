/**
 * The connection the server runs on: the process's stdio, IPC or a socket, as vscode-languageserver
 * sets them up from the command line, except that over stdio the messages go through a writer
 * whose JSON encoding keeps each published diagnostic's bytes from one publish to the next.
 *
 * Why: an editor gets every finding of a file again after each keystroke (LSP has no partial
 * publish). On a plan of 2,000 actions that is about 900 findings, nearly all the same objects as in
 * the last publish (the core keeps an unchanged item's findings). Encoding them as one JSON string
 * and converting that to UTF-8 took about 6 ms per keystroke and made about 2 MB of garbage; with
 * each finding's bytes kept, a publish is a copy of those bytes.
 */
import { format } from 'node:util';
import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
  type ContentTypeEncoder,
  type ContentTypeEncoderOptions,
  type Diagnostic,
  type Message,
} from 'vscode-languageserver/node.js';

const PUBLISH_DIAGNOSTICS = 'textDocument/publishDiagnostics';

/** A JSON text as UTF-8 bytes. */
function utf8(json: string): Buffer {
  return Buffer.from(json, 'utf8');
}

/** Each diagnostic object's JSON bytes (diagnostics are not changed once made: see diagnosticsOf). */
const encodedDiagnostics = new WeakMap<object, Buffer>();

function encodedDiagnostic(diagnostic: Diagnostic): Buffer {
  let bytes = encodedDiagnostics.get(diagnostic);
  if (!bytes) {
    // Each in its own memory, not a slice of Node's shared 8 KB pool: a kept slice would keep its
    // whole pool block, and findings are kept for as long as their item is unchanged.
    const json = JSON.stringify(diagnostic);
    bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(json, 'utf8'));
    bytes.write(json, 'utf8');
    encodedDiagnostics.set(diagnostic, bytes);
  }
  return bytes;
}

interface PublishMessage {
  jsonrpc: string;
  method: typeof PUBLISH_DIAGNOSTICS;
  params: { uri: string; version?: number | null; diagnostics: Diagnostic[] };
}

/** A publishDiagnostics notification with nothing but the fields this encoder writes. */
function isPlainPublish(message: Message): message is Message & PublishMessage {
  const candidate = message as Partial<PublishMessage> & { id?: unknown };
  if (candidate.method !== PUBLISH_DIAGNOSTICS || candidate.id !== undefined || typeof candidate.jsonrpc !== 'string') return false;
  if (Object.keys(candidate).some((key) => key !== 'jsonrpc' && key !== 'method' && key !== 'params')) return false;
  const params = candidate.params;
  if (!params || typeof params.uri !== 'string' || !Array.isArray(params.diagnostics)) return false;
  return Object.keys(params).every((key) => key === 'uri' || key === 'version' || key === 'diagnostics');
}

const COMMA = utf8(',');

/**
 * The JSON encoder of the stdio writer: publishDiagnostics is put together from each diagnostic's
 * kept bytes; every other message is encoded as vscode-jsonrpc does (JSON.stringify, UTF-8). The
 * bytes are a JSON text equal to JSON.stringify of the message (tested).
 */
export const messageEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(message: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    try {
      if (options.charset !== 'utf-8' || !isPlainPublish(message)) return Promise.resolve(Buffer.from(JSON.stringify(message), options.charset));
      const { uri, version, diagnostics } = message.params;
      const versionPart = version === undefined ? '' : `,"version":${JSON.stringify(version)}`;
      const parts: Buffer[] = [utf8(`{"jsonrpc":${JSON.stringify(message.jsonrpc)},"method":"${PUBLISH_DIAGNOSTICS}","params":{"uri":${JSON.stringify(uri)}${versionPart},"diagnostics":[`)];
      for (let i = 0; i < diagnostics.length; i++) {
        if (i > 0) parts.push(COMMA);
        parts.push(encodedDiagnostic(diagnostics[i]));
      }
      parts.push(utf8(']}}'));
      return Promise.resolve(Buffer.concat(parts));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};

/**
 * The server's connection from its command line: `--stdio` with the writer above (and, as
 * vscode-languageserver does for stdio, console output sent to the client's log rather than into
 * the protocol stream, and an exit when the client closes stdin); `--node-ipc`, `--socket=N` and
 * `--pipe=…` exactly as vscode-languageserver makes them.
 */
export function connectionFromCommandLine(argv: readonly string[] = process.argv.slice(2)): Connection {
  if (!argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const connection = createConnection(
    ProposedFeatures.all,
    new StreamMessageReader(process.stdin),
    new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: messageEncoder }),
  );
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  const end = () => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', end);
  process.stdin.on('close', end);
  // Anything written to stdout that is not a message would break the stream for the client.
  console.log = (...args: unknown[]) => connection.console.log(format(...args));
  console.info = (...args: unknown[]) => connection.console.info(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  return connection;
}
