import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { renderManifest, renderReadme } from '../../scripts/manifest';
import { documentSelector, WATCHED_FILES_GLOB } from '../../server/src/core/selectors';
import { CLIENT_COMMANDS } from '../../server/src/core/commands';
import { SETTINGS } from '../../server/src/core/settings';

// package.json and the README say what server/src/core/{languages,settings}.ts say; `npm run build`
// regenerates them. These tests fail when someone edits one copy by hand.

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, unknown>;

test('package.json languages, grammars, activation and settings are the generated ones', () => {
  const expected = renderManifest(manifest) as { contributes: Record<string, unknown>; activationEvents: unknown };
  const actual = manifest as typeof expected;
  assert.deepEqual(actual.activationEvents, expected.activationEvents);
  for (const part of ['languages', 'grammars', 'yamlValidation', 'configuration'])
    assert.deepEqual(actual.contributes[part], expected.contributes[part], `contributes.${part} (run npm run build)`);
});

test('the README settings table is the generated one', () => {
  const readme = readFileSync('README.md', 'utf8');
  assert.equal(readme, renderReadme(readme), 'README.md settings table (run npm run build)');
  for (const s of Object.values(SETTINGS)) assert.ok(readme.includes(`\`${s.key}\``), s.key);
});

test('every setting package.json contributes is in the settings list, and nothing else reads settings', () => {
  const properties = Object.keys(
    ((manifest.contributes as Record<string, unknown>).configuration as { properties: object }).properties,
  );
  assert.deepEqual(
    properties.sort(),
    Object.values(SETTINGS)
      .map((s) => s.key)
      .sort(),
  );
});

test('every grammar and language configuration the manifest names exists', () => {
  const contributes = manifest.contributes as {
    languages: { configuration: string }[];
    grammars: { path: string }[];
  };
  for (const l of contributes.languages) assert.ok(readFileSync(l.configuration, 'utf8').length > 0, l.configuration);
  for (const g of contributes.grammars) assert.ok(readFileSync(g.path, 'utf8').length > 0, g.path);
});

test('the client sends every checked language and watches the files the rules read', () => {
  const selector = documentSelector();
  assert.ok(selector.some((f) => f.language === 'rsyncd-conf' && f.scheme === 'untitled'));
  assert.ok(selector.some((f) => f.pattern === '**/pushmirror.yaml'));
  assert.ok(!selector.some((f) => f.language === 'ftpsync-log'), 'logs are not checked');
  for (const name of ['rsyncd.secrets', '*.secrets', 'runmirrors*.mirror', 'pushmirror.yml', '*.pub', '*.inc'])
    assert.ok(WATCHED_FILES_GLOB.includes(name), name);
});

test('every command the language server asks the client to run is contributed', () => {
  const contributes = manifest.contributes as { commands: { command: string; category?: string }[] };
  const ids = contributes.commands.map((c) => c.command);
  for (const id of Object.values(CLIENT_COMMANDS)) assert.ok(ids.includes(id), `${id} is not in contributes.commands`);
  for (const c of contributes.commands) assert.equal(c.category, 'Push Mirror', `${c.command} needs a category`);
});
