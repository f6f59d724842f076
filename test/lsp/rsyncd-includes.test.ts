import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { LspProcess } from './harness';

// Hover and outline through `&include`, over the real protocol: the server reads the included file from
// this machine (file checks on, the default) and shows its modules on the directive's line.

let lsp: LspProcess;
let dir: string;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-lsp-includes-'));
  fs.mkdirSync(path.join(dir, 'rsyncd.d'));
  fs.writeFileSync(
    path.join(dir, 'rsyncd.d', 'debian.conf'),
    '[debian]\n    path = /tmp\n    comment = Debian archive\n',
  );
  lsp = new LspProcess();
  await lsp.initialize(dir);
});
after(async () => {
  await lsp.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the hover of &include lists the files it reads and their modules; the outline shows them under the directive', async () => {
  const file = path.join(dir, 'rsyncd.conf');
  const text = `uid = nobody\n&include ${dir}/rsyncd.d\n[local]\n    path = /tmp\n`;
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  await lsp.open(uri, 'rsyncd-conf', text);
  await lsp.waitForDiagnostics(uri);

  const hover = await lsp.request<Hover>('textDocument/hover', {
    textDocument: { uri },
    position: { line: 1, character: 2 },
  });
  const markdown =
    typeof hover.contents === 'object' && 'value' in hover.contents
      ? hover.contents.value
      : JSON.stringify(hover.contents);
  assert.match(markdown, new RegExp(`Reads on this machine:\\n- \`${dir}/rsyncd\\.d/debian\\.conf\`: \\[debian\\]`));

  const symbols = await lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['global', '[local]'],
  );
  const directive = symbols[0].children!.find((c) => c.name.startsWith('&include'))!;
  assert.deepEqual(directive.range, {
    start: { line: 1, character: 0 },
    end: { line: 1, character: text.split('\n')[1].length },
  });
  const [included] = directive.children!;
  assert.equal(included.name, `${dir}/rsyncd.d/debian.conf`);
  assert.deepEqual(
    included.children!.map((m) => [m.name, m.detail]),
    [['[debian]', 'Debian archive']],
  );
});
