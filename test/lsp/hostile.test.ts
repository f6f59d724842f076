import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { KEY } from '../unit/authkeys/support';
import { MAX_DIAGNOSTICS } from '../../server/src/lsp/limits';
import { LspProcess } from './harness';

// Inputs that froze the server: while a rule ran for minutes the event loop was blocked, diagnostics
// never came and hover timed out. Each case gets its own server, so one that freezes cannot hide another;
// each must publish and answer hover and the outline within a deadline (seconds, where it took minutes).

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-lsp-hostile-'));
const servers: LspProcess[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  fs.rmSync(dir, { recursive: true, force: true });
});

const DEADLINE_MS = 20_000;

async function server(): Promise<LspProcess> {
  const lsp = new LspProcess();
  servers.push(lsp);
  await lsp.initialize(dir);
  return lsp;
}

/** Opens `text` as `name` in the scratch folder, waits for its diagnostics, then asks for hover and outline. */
async function openAndAsk(lsp: LspProcess, name: string, languageId: string, text: string) {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const uri = pathToFileURL(file).href;
  await lsp.open(uri, languageId, text);
  const diagnostics = await lsp.waitForDiagnostics(uri, () => true, DEADLINE_MS);
  const hover = lsp.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
  const symbols = lsp.request('textDocument/documentSymbol', { textDocument: { uri } });
  await Promise.all([hover, symbols]);
  return { uri, diagnostics };
}

test(
  'a directory whose 8 files each include it: one cycle diagnostic (was over 60 s and 1.4 GB)',
  { timeout: 60_000 },
  async () => {
    const confd = path.join(dir, 'rsyncd.d');
    fs.mkdirSync(confd);
    for (let i = 0; i < 8; i++)
      fs.writeFileSync(path.join(confd, `f${i}.conf`), `&include ${confd}\n[m${i}]\n    path = /tmp\n`);
    const lsp = await server();
    const { diagnostics } = await openAndAsk(lsp, 'cycle/rsyncd.conf', 'rsyncd-conf', `&include ${confd}\n`);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['rsyncd/include-problem'],
    );
    assert.match(
      String(diagnostics[0].message),
      /f0\.conf includes itself .* rsync recurses until it crashes, so the daemon refuses to start\.$/,
    );
  },
);

test('a 117 KB line without `=` made of words (was 51 s)', { timeout: 60_000 }, async () => {
  const line = 'read only yes '.repeat(Math.ceil((117 * 1024) / 14));
  const lsp = await server();
  const { diagnostics } = await openAndAsk(lsp, 'words/rsyncd.conf', 'rsyncd-conf', `${line}\n`);
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['rsyncd/line-without-equals'],
  );
  assert.match(String(diagnostics[0].message), /Did you mean `read only = yes read only yes /);
});

test(
  '8,000 copies of the trigger line: one short repeated-key message each (was 18-24 s and 190 MB)',
  { timeout: 60_000 },
  async () => {
    const line = `from="192.0.2.10",no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty,command="~/websync &" ${KEY}\n`;
    const lsp = await server();
    const { diagnostics } = await openAndAsk(lsp, 'keys/authorized_keys', 'ssh-authorized-keys', line.repeat(8000));
    const published = JSON.stringify(diagnostics).length;
    assert.ok(published < 10 * 1024 * 1024, `${published} bytes of diagnostics`);
    const repeated = diagnostics.filter((d) => d.code === 'authkeys/repeated-key');
    assert.ok(repeated.length > 0);
    for (const d of repeated)
      assert.match(String(d.message), /^The same key is on line 1( and \d+ more lines? before this one)?\. /);
    assert.ok(Math.max(...repeated.map((d) => String(d.message).length)) < 300);
  },
);

test(
  '25,000 permissions before `restrict`: the fix text is built once (was quadratic)',
  { timeout: 60_000 },
  async () => {
    const options = `${'pty,'.repeat(25000)}restrict`;
    const lsp = await server();
    const { uri, diagnostics } = await openAndAsk(
      lsp,
      'restrict/authorized_keys',
      'ssh-authorized-keys',
      `${options} ${KEY}\n`,
    );
    const first = diagnostics.find((d) => d.code === 'authkeys/restrict-not-first')!;
    assert.ok(first);
    const actions = await lsp.request<{ title: string; edit: { changes: Record<string, { newText: string }[]> } }[]>(
      'textDocument/codeAction',
      { textDocument: { uri }, range: first.range, context: { diagnostics: [first] } },
    );
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Move `restrict` first (keeps `pty`)'],
    );
    assert.equal(actions[0].edit.changes[uri][0].newText, `restrict,${'pty,'.repeat(24999)}pty`);
  },
);

test(
  'a code action request with forged `data.fixes` gets only the server’s own fixes, once (58 KB in was 58 MB out)',
  { timeout: 60_000 },
  async () => {
    const lsp = await server();
    const { uri, diagnostics } = await openAndAsk(
      lsp,
      'forged/rsyncd.conf',
      'rsyncd-conf',
      '[m]\n    path = /tmp\n    reed only = yes\n',
    );
    const [real] = diagnostics;
    // About 58 KB of forged fixes: each forged action used to echo the whole diagnostic, data and all.
    const forged = {
      fixes: Array.from({ length: 600 }, (_, i) => ({
        title: `forged ${i}`,
        edits: [{ start: 0, end: 0, newText: 'x'.repeat(40) }],
      })),
    };
    const ask = (sent: Diagnostic[]) =>
      lsp.request<{ title: string; diagnostics?: Diagnostic[] }[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: real.range,
        context: { diagnostics: sent },
      });
    const sent = { ...real, data: forged };
    assert.ok(JSON.stringify(sent).length > 50_000);
    // The real diagnostic with forged data, sent 20 times: its own fix, once, naming the diagnostic as published.
    const answer = await ask(Array.from({ length: 20 }, () => sent));
    assert.deepEqual(
      answer.map((a) => a.title),
      ['Change to `read only`'],
    );
    assert.equal(answer[0].diagnostics?.[0].data, undefined);
    assert.ok(JSON.stringify(answer).length < 4096, `${JSON.stringify(answer).length} bytes`);
    // A diagnostic the server never published gets nothing, whatever its data says.
    assert.deepEqual(await ask([{ ...real, message: 'made up', data: forged }]), []);
    assert.deepEqual(await ask([{ ...real, code: 'rsyncd/made-up', data: forged }]), []);
  },
);

test(
  '100,000 problems: at most 1,000 diagnostics are published (what VS Code shows), a line says how many more',
  { timeout: 60_000 },
  async () => {
    const lsp = await server();
    const text = `${'x\n'.repeat(100_000)}`;
    const { diagnostics } = await openAndAsk(lsp, 'many/rsyncd.conf', 'rsyncd-conf', text);
    assert.equal(diagnostics.length, MAX_DIAGNOSTICS);
    assert.ok(MAX_DIAGNOSTICS <= 1000, "VS Code's own cap per file: past it the editor drops them, our line too");
    const counted = diagnostics.filter((d) => d.code === 'internal/too-many-problems');
    assert.equal(counted.length, 1);
    const [, hidden, all] =
      /^(\d+) more problems \(of (\d+)\) are not shown here/.exec(String(counted[0].message)) ?? [];
    assert.equal(Number(all) - Number(hidden), MAX_DIAGNOSTICS - 1);
  },
);
