// One rsyncd.conf, three ways in: Neovim's built-in LSP client (nvim --headless, 0.7 API), a plain
// stdio LSP client, and the CLI. All three must report the same `reed only` diagnostic.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { readmeNeovimLua } from '../../scripts/manifest';
import { LspProcess, SERVER } from '../lsp/harness';

const ROOT = path.resolve(__dirname, '../..');
const FILE = path.join(ROOT, 'test/fixtures/e2e/skeleton/rsyncd.conf');
const CLI = path.join(ROOT, 'dist/cli.js');
const MESSAGE = 'unknown parameter `reed only`; did you mean `read only`? rsync ignores this line.';
const EXPECTED = {
  code: 'rsyncd/unknown-parameter',
  severity: 1,
  message: MESSAGE,
  range: { start: { line: 5, character: 0 }, end: { line: 5, character: 9 } },
};

interface Diag {
  code?: string | number;
  severity?: number;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}
const essentials = (d: Diag) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range });

describe('Neovim, stdio LSP and CLI agree on rsyncd/unknown-parameter', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'push-mirror-nvim-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('Neovim built-in LSP client receives the diagnostic', () => {
    const out = path.join(dir, 'diagnostics.json');
    const xdg = path.join(dir, 'xdg'); // keeps nvim's state and lsp.log out of $HOME
    const r = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${path.join(__dirname, 'neovim-lsp.lua')}`], {
      env: {
        ...process.env,
        PM_SERVER: SERVER,
        PM_FILE: FILE,
        PM_OUT: out,
        PM_TIMEOUT_MS: '20000',
        XDG_CONFIG_HOME: xdg,
        XDG_DATA_HOME: xdg,
        XDG_STATE_HOME: xdg,
        XDG_CACHE_HOME: xdg,
      },
      encoding: 'utf8',
      timeout: 40_000,
      killSignal: 'SIGKILL',
    });
    assert.equal(r.status, 0, `nvim exited ${r.status ?? r.signal}: ${r.stderr}${r.stdout}`);
    const got = JSON.parse(readFileSync(out, 'utf8')) as { uri: string; diagnostics: Diag[] };
    assert.equal(got.uri, pathToFileURL(FILE).href);
    assert.deepEqual(got.diagnostics.map(essentials), [EXPECTED]);
  });

  it("the README's Neovim snippet, as a user's init.lua, attaches the server to an opened file", () => {
    // The snippet runs `push-mirror-language-server` from PATH, as after `npm install -g`.
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'push-mirror-language-server'), `#!/bin/sh\nexec node ${SERVER} "$@"\n`);
    chmodSync(path.join(bin, 'push-mirror-language-server'), 0o755);
    const xdg = path.join(dir, 'xdg-readme');
    mkdirSync(path.join(xdg, 'nvim'), { recursive: true });
    writeFileSync(
      path.join(xdg, 'nvim', 'init.lua'),
      readmeNeovimLua(readFileSync(path.join(ROOT, 'README.md'), 'utf8')),
    );
    const out = path.join(dir, 'readme-diagnostics.json');
    const r = spawnSync('nvim', ['--headless', '-c', `luafile ${path.join(__dirname, 'neovim-readme.lua')}`], {
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH}`,
        PM_FILE: FILE,
        PM_OUT: out,
        PM_TIMEOUT_MS: '20000',
        XDG_CONFIG_HOME: xdg,
        XDG_DATA_HOME: xdg,
        XDG_STATE_HOME: xdg,
        XDG_CACHE_HOME: xdg,
      },
      cwd: path.dirname(FILE),
      encoding: 'utf8',
      timeout: 40_000,
      killSignal: 'SIGKILL',
    });
    assert.equal(r.status, 0, `nvim exited ${r.status ?? r.signal}: ${r.stderr}${r.stdout}`);
    const got = JSON.parse(readFileSync(out, 'utf8')) as {
      diagnostics: { lnum: number; col: number; message: string }[];
    };
    assert.ok(
      got.diagnostics.some((d) => d.message === MESSAGE && d.lnum === 5 && d.col === 0),
      JSON.stringify(got.diagnostics),
    );
  });

  it('a plain stdio client receives the same diagnostic', async () => {
    const lsp = new LspProcess();
    try {
      await lsp.initialize(path.dirname(FILE), {}, { settings: { checkFileSystem: false } });
      const uri = pathToFileURL(FILE).href;
      await lsp.open(uri, 'rsyncd-conf', readFileSync(FILE, 'utf8'));
      const diagnostics = await lsp.waitForDiagnostics(uri);
      assert.deepEqual(
        diagnostics.map((d) => essentials(d as Diag)),
        [EXPECTED],
      );
    } finally {
      await lsp.stop();
    }
  });

  it('the CLI prints the same diagnostic (1-based line and column)', () => {
    const r = spawnSync(process.execPath, [CLI, 'check', '--no-fs', FILE], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.status, 1, `exit ${r.status}: ${r.stderr}`);
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(lines, [`${FILE}:6:1 error rsyncd/unknown-parameter ${MESSAGE}`]);
  });
});
