import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import {
  createConnection,
  createServerPipeTransport,
  createServerSocketTransport,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageReader,
  type MessageWriter,
  type NotificationMessage,
} from 'vscode-languageserver/node';
import { startSession } from './lsp/session';

// The only place a connection is created, over `--stdio`, `--node-ipc`, `--socket=N` or `--pipe=NAME`,
// so the same bundle serves VS Code (IPC) and any other editor (stdio). The transport is made here
// rather than by createConnection so its reader's errors are heard: a malformed frame (a bad
// Content-Length, a garbage header) leaves a byte stream that cannot be trusted again, and the
// library would only drop the error, leaving the server alive but deaf. It is logged and the server
// exits with code 1, so the client restarts it. A body that is not JSON is logged and skipped: the
// frame around it was sound.

/** A message whose body has not all arrived by then was framed with a wrong Content-Length. */
const PARTIAL_MESSAGE_LIMIT_MS = 60_000;

if (process.argv.includes('--version')) {
  process.stdout.write(`push-mirror-language-server ${PACKAGE_VERSION}\n`);
  process.exit(0);
}

function transport(argv: readonly string[]): { reader: MessageReader; writer: MessageWriter; stdio: boolean } {
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  if (argv.includes('--stdio'))
    return {
      reader: new StreamMessageReader(process.stdin),
      writer: new StreamMessageWriter(process.stdout),
      stdio: true,
    };
  if (argv.includes('--node-ipc'))
    return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process), stdio: false };
  const port = value('socket');
  const pipe = value('pipe');
  const [reader, writer] = port ? createServerSocketTransport(Number(port)) : createServerPipeTransport(pipe!);
  return { reader, writer, stdio: false };
}

if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || /^--(socket|pipe)=./.test(a))) {
  process.stderr.write('usage: push-mirror-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME\n');
  process.exit(2);
}

const { reader, writer, stdio } = transport(process.argv.slice(2));
const connection = createConnection(ProposedFeatures.all, reader, writer);
let shutdownReceived = false;
connection.onShutdown(() => {
  shutdownReceived = true;
});

let failing = false;
function fail(what: string): void {
  if (failing) return;
  failing = true;
  const line = `push-mirror-language-server: ${what}; exiting so that the client restarts the server`;
  process.stderr.write(`${line}\n`);
  // Straight to the writer, so the exit can wait for the line to reach the client's log (1 s at most).
  const notice: NotificationMessage = {
    jsonrpc: '2.0',
    method: 'window/logMessage',
    params: { type: 1, message: line },
  };
  const logged = writer.write(notice);
  void Promise.race([logged, new Promise((resolve) => setTimeout(resolve, 1000))]).finally(() => process.exit(1));
}

reader.onError((error) => {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof SyntaxError) {
    // Framed correctly but not JSON: the stream is still in step; drop this message and go on.
    const line = `push-mirror-language-server: skipped a message from the client that is not JSON: ${message}`;
    process.stderr.write(`${line}\n`);
    connection.console.error(line);
    return;
  }
  fail(`malformed message from the client: ${message.split('\n')[0]}`);
});
// The reader repeats this notice every 10 s of silence while one message is incomplete.
let partial = { token: -1, waited: 0 };
reader.onPartialMessage(({ messageToken, waitingTime }) => {
  partial = { token: messageToken, waited: (partial.token === messageToken ? partial.waited : 0) + waitingTime };
  process.stderr.write(`push-mirror-language-server: waited ${partial.waited / 1000} s for the rest of a message\n`);
  if (partial.waited >= PARTIAL_MESSAGE_LIMIT_MS)
    fail(`no complete message after ${partial.waited / 1000} s: its Content-Length is larger than what was sent`);
});
// The client closed the stream: as after `exit`, code 0 only when `shutdown` came first.
reader.onClose(() => process.exit(shutdownReceived ? 0 : 1));
if (stdio) {
  // Nothing may write to stdout but the protocol: stray console output (from a dependency; our code
  // has none) goes to the client's log, as createConnection does for --stdio.
  /* eslint-disable no-console */
  console.log = console.info = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  /* eslint-enable no-console */
}

// The program run (dist/server.js, or a bin link to it) lives in dist/; docs/ is its sibling in the
// package and in the .vsix.
startSession(connection, { docsRoot: path.resolve(path.dirname(realProgramPath()), '..') });

function realProgramPath(): string {
  try {
    return fs.realpathSync(process.argv[1] ?? '.');
  } catch {
    return process.argv[1] ?? '.';
  }
}
