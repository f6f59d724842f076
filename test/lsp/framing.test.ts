import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { SERVER } from './harness';

// A malformed frame on stdio used to leave the server alive but deaf, with nothing logged: the reader
// dropped the error and the byte stream was out of step for good. Now a framing error is logged (stderr
// and window/logMessage) and the server exits with code 1, so the client restarts it; a well-framed body
// that is not JSON is logged and skipped, and the server goes on answering.

function frame(message: unknown): string {
  const body = Buffer.from(JSON.stringify(message));
  return `Content-Length: ${body.length}\r\n\r\n${body.toString()}`;
}

const INITIALIZE = frame({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { processId: null, rootUri: null, capabilities: {} },
});
const SHUTDOWN = frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' });

/** Starts the server, initializes it, sends `bad`, then a shutdown request; resolves when it exits or after `waitMs`. */
async function send(bad: string, waitMs: number) {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const until = async (what: () => boolean, ms: number) => {
    for (const end = Date.now() + ms; !what() && Date.now() < end;) await new Promise((r) => setTimeout(r, 20));
  };
  child.stdin.write(INITIALIZE);
  await until(() => stdout.includes('"id":1'), 10_000);
  assert.match(stdout, /"id":1,"result"/);
  child.stdin.write(bad);
  child.stdin.write(SHUTDOWN);
  const code = await Promise.race([exited, new Promise<'running'>((r) => setTimeout(() => r('running'), waitMs))]);
  const answered = stdout.includes('"id":2');
  if (code === 'running') {
    child.kill('SIGKILL');
    await exited;
  }
  return { code, stdout, stderr, answered };
}

const FRAMING_ERRORS: Record<string, [string, RegExp]> = {
  'a Content-Length that is not a number': ['Content-Length: abc\r\n\r\n{}', /Content-Length value must be a number/],
  'a header line without a colon': ['hello there\r\n\r\n', /Message header must separate key and value/],
  'a header without Content-Length': ['Content-Type: application/json\r\n\r\n{}', /must provide a Content-Length/],
};

for (const [what, [bad, reason]] of Object.entries(FRAMING_ERRORS)) {
  test(`${what}: the server logs it and exits with code 1`, { timeout: 30_000 }, async () => {
    const { code, stdout, stderr } = await send(bad, 10_000);
    assert.equal(code, 1);
    assert.match(stderr, /^push-mirror-language-server: malformed message from the client: /m);
    assert.match(stderr, reason);
    assert.match(stderr, /exiting so that the client restarts the server/);
    // The client's log hears it too, before the exit.
    assert.match(
      stdout,
      /"method":"window\/logMessage","params":\{"type":1,"message":"push-mirror-language-server: malformed message/,
    );
  });
}

test(
  'a well-framed body that is not JSON is logged and skipped; the server keeps answering',
  { timeout: 30_000 },
  async () => {
    const { code, stderr, answered } = await send('Content-Length: 5\r\n\r\n{oops', 3000);
    assert.equal(code, 'running');
    assert.ok(answered, 'the shutdown request after it was answered');
    assert.match(stderr, /skipped a message from the client that is not JSON/);
  },
);
