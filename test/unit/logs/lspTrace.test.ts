// Issue 12, item 13: with `pushMirror.trace.server: verbose` the language client logged didOpen and
// didChange parameters, so an open secrets file's passwords landed in the log (11 of 11 canaries).
// This drives the very vscode-jsonrpc the language client uses, at Verbose, through a tracer built
// as the client builds it (message + "\n" + data, or the JSON object for the json format), with a
// server on the other end that answers and publishes about the secrets file.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { TraceRedactor } from '../../../src/engine/logs/lspTrace';

// The copy of vscode-jsonrpc that vscode-languageclient itself loads.
const fromClient = createRequire(require.resolve('vscode-languageclient/node'));
const fromProtocol = createRequire(fromClient.resolve('vscode-languageserver-protocol'));
const rpc = fromProtocol('vscode-jsonrpc/node') as typeof import('vscode-jsonrpc/node');

const SECRETS_URI = 'file:///srv/rsync/debian.secrets';
const CONF_URI = 'file:///etc/rsyncd.conf';

function canaries(n: number): string[] {
  return Array.from({ length: n }, () => `CANARY${randomBytes(9).toString('hex')}`);
}

type Sink = (line: string) => void;

/** A client and a server connection over in-memory streams; the client traces into `sink`. */
async function session(
  trace: 'verbose' | 'compact',
  format: 'text' | 'json',
  sink: Sink,
): Promise<{
  client: import('vscode-jsonrpc/node').MessageConnection;
  server: import('vscode-jsonrpc/node').MessageConnection;
}> {
  const up = new PassThrough();
  const down = new PassThrough();
  const client = rpc.createMessageConnection(new rpc.StreamMessageReader(down), new rpc.StreamMessageWriter(up));
  const server = rpc.createMessageConnection(new rpc.StreamMessageReader(up), new rpc.StreamMessageWriter(down));
  // As vscode-languageclient's _tracer: a string goes out as getLogMessage(message, data), an object
  // (json format) as JSON.stringify(data); both to the trace channel's trace().
  const tracer = {
    log: (message: unknown, data?: string) =>
      sink(typeof message === 'string' ? (data != null ? `${message}\n${data}` : message) : JSON.stringify(message)),
  };
  client.listen();
  server.listen();
  await client.trace(trace === 'verbose' ? rpc.Trace.Verbose : rpc.Trace.Compact, tracer, {
    sendNotification: false,
    traceFormat: format === 'json' ? rpc.TraceFormat.JSON : rpc.TraceFormat.Text,
  });
  return { client, server };
}

/** What an editor session with an open secrets file sends and gets back; every message may carry a canary. */
async function converse(trace: 'verbose' | 'compact', format: 'text' | 'json', sink: Sink, secrets: string[]) {
  const { client, server } = await session(trace, format, sink);
  const text = secrets.map((pw, i) => `mirror${i}:${pw}`).join('\n') + '\n';
  const applied = new Promise<void>((resolve) =>
    client.onRequest('workspace/applyEdit', () => (resolve(), { applied: true })),
  );
  const closed = new Promise<void>((resolve) => server.onNotification('textDocument/didClose', () => resolve()));
  server.onRequest('textDocument/hover', (p: { textDocument: { uri: string } }) => ({
    contents: { kind: 'markdown', value: `line of ${p.textDocument.uri}: mirror0:${secrets[0]}` },
  }));
  server.onRequest('textDocument/documentSymbol', () => [{ name: `mirror1:${secrets[1]}` }]);
  server.onNotification('textDocument/didOpen', (p: { textDocument: { uri: string } }) => {
    if (p.textDocument.uri !== SECRETS_URI) return;
    void server.sendNotification('textDocument/publishDiagnostics', {
      uri: SECRETS_URI,
      diagnostics: [{ message: `trailing blank in ${secrets[2]} ` }],
    });
    void server.sendRequest('workspace/applyEdit', {
      edit: { changes: { [SECRETS_URI]: [{ newText: `mirror3:${secrets[3]}` }] } },
    });
  });

  await client.sendNotification('textDocument/didOpen', {
    textDocument: { uri: SECRETS_URI, languageId: 'rsyncd-secrets', version: 1, text },
  });
  await client.sendNotification('textDocument/didOpen', {
    textDocument: { uri: CONF_URI, languageId: 'rsyncd-conf', version: 1, text: `# ${secrets[4]}\n[debian]\n` },
  });
  await client.sendNotification('textDocument/didChange', {
    textDocument: { uri: SECRETS_URI, version: 2 },
    contentChanges: [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `new:${secrets[5]}\n` },
    ],
  });
  await client.sendNotification('textDocument/didChange', {
    textDocument: { uri: SECRETS_URI, version: 3 },
    contentChanges: [{ text: `${text}late:${secrets[6]}\n` }],
  });
  await client.sendNotification('textDocument/didChange', {
    textDocument: { uri: CONF_URI, version: 2 },
    contentChanges: [{ text: `# ${secrets[7]}\n` }],
  });
  await client.sendNotification('textDocument/didSave', {
    textDocument: { uri: SECRETS_URI },
    text: `s:${secrets[8]}`,
  });
  await client.sendRequest('textDocument/hover', {
    textDocument: { uri: SECRETS_URI },
    position: { line: 0, character: 1 },
  });
  await client.sendRequest('textDocument/documentSymbol', { textDocument: { uri: SECRETS_URI } });
  await client.sendNotification('workspace/didChangeConfiguration', { settings: { note: 'SETTINGS-MARKER' } });
  await client.sendNotification('textDocument/didClose', { textDocument: { uri: SECRETS_URI } });
  await applied;
  await closed;
  client.dispose();
  server.dispose();
}

const found = (lines: readonly string[], secrets: readonly string[]) =>
  secrets.filter((s) => lines.some((l) => l.includes(s)));

describe('the language client trace at Verbose', () => {
  it('without the redactor the passwords reach the trace: 11 of 11 (the defect, reproduced)', async () => {
    const secrets = canaries(11);
    const raw: string[] = [];
    await converse('verbose', 'text', (l) => raw.push(l), secrets);
    assert.equal(found(raw, secrets).length, 11);
  });

  for (const [trace, format] of [
    ['verbose', 'text'],
    ['compact', 'text'],
    ['verbose', 'json'],
  ] as const) {
    it(`through the redactor (${trace}, ${format}): 0 canaries reach the sink; the messages still do`, async () => {
      const secrets = canaries(11);
      const redactor = new TraceRedactor();
      const lines: string[] = [];
      await converse(trace, format, (l) => lines.push(redactor.redact(l)), secrets);
      assert.deepEqual(found(lines, secrets), [], '0 of 11 canaries');
      const all = lines.join('\n');
      assert.match(all, /SETTINGS-MARKER/, 'what is neither document text nor about the secrets file stays');
      // The trace still shows what flowed, and the sizes.
      for (const method of [
        'textDocument/didOpen',
        'textDocument/didChange',
        'textDocument/hover',
        'workspace/applyEdit',
      ])
        assert.ok(all.includes(method), method);
      assert.match(
        all,
        /characters not logged: about an rsync secrets file \(file:\/\/\/srv\/rsync\/debian\.secrets\)/,
      );
      assert.match(all, /characters not logged: about an rsync secrets file \(the response\)/);
      // Text of other documents is hidden too, but not their URI.
      assert.match(all, /rsyncd\.conf/);
      assert.match(all, /<\d+ characters not logged>/);
    });
  }

  it('a document the editor reports as secrets (not seen opened) is redacted too', () => {
    const redactor = new TraceRedactor((uri) => uri === SECRETS_URI);
    const line = `Received notification 'textDocument/publishDiagnostics'.\nParams: ${JSON.stringify({ uri: SECRETS_URI, diagnostics: [{ message: 'CANARYx' }] }, null, 4)}`;
    assert.doesNotMatch(redactor.redact(line), /CANARYx/);
    assert.equal(
      redactor.redact("Sending notification 'initialized'.\nParams: {}"),
      "Sending notification 'initialized'.\nParams: {}",
    );
    assert.match(redactor.redact("Sending notification 'x'.\nParams: {not json CANARYy"), /not readable as JSON/);
    assert.doesNotMatch(redactor.redact("Sending notification 'x'.\nParams: {not json CANARYy"), /CANARYy/);
  });
});
