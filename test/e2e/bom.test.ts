// A file saved with a UTF-8 byte order mark, in a real VS Code: the editor shows the encoding "UTF-8 with
// BOM" and keeps the mark out of the text, yet the problem rsync has with it (the first header is never
// recognised, so the module does not exist) is reported on the first line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startWorkbench, type Workbench } from './harness';

describe('a file saved with a byte order mark in code-server', () => {
  let vs: Workbench;
  before(
    async () => {
      vs = await startWorkbench({ fixture: 'skeleton', shots: 'bom' });
      fs.writeFileSync(
        path.join(vs.workspace, 'rsyncd-bom.conf'),
        '\uFEFF[pub]\n    path = /tmp\n    read only = yes\n',
      );
    },
    { timeout: 120_000 },
  );
  after(async () => {
    await vs?.stop();
  });

  it('reports the byte order mark that the editor hides', async () => {
    await vs.openFile('rsyncd-bom.conf');
    await vs.expectLanguageMode('rsyncd.conf');
    await vs.expectText(vs.page.locator('#status\\.editor\\.encoding'), 'UTF-8 with BOM');
    await vs.waitForSquiggle('error');
    await vs.problems('byte order mark');
    await vs.screenshot('01-bom-reported');
    await vs.page.keyboard.press('Escape');
    vs.assertOffline();
  });
});
