import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { isSettingNlsKey, nlsReferences, renderManifest, renderNls, renderReadme } from '../../scripts/manifest';
import { BUNDLE_DIR, LANGUAGES as TRANSLATED_LANGUAGES, translationProblems } from '../../scripts/l10n';
import { documentSelector, WATCHED_FILES_GLOB } from '../../server/src/core/selectors';
import { CLIENT_COMMANDS } from '../../server/src/core/commands';
import { SETTINGS } from '../../server/src/core/settings';

// package.json, package.nls.json and the README say what server/src/core/{languages,settings}.ts say;
// `npm run build` regenerates them. These tests fail when someone edits one copy by hand, and when a
// translation of package.nls.json (package.nls.<language>.json) lacks a key, keeps a stale one or
// loses what another program reads (a link, a file name, a setting key).

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, unknown>;
const readNls = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
const nls = readNls('package.nls.json');
/** The translations of package.nls.json, by language: the languages scripts/l10n.ts lists. */
const TRANSLATIONS = Object.fromEntries(
  TRANSLATED_LANGUAGES.map((language) => [language, readNls(`package.nls.${language}.json`)]),
);
/** Texts that read the same in the translation: the product's name. */
const SAME_IN_EVERY_LANGUAGE = new Set(['displayName']);

test('package.json languages, grammars, activation and settings are the generated ones', () => {
  const expected = renderManifest(manifest) as { contributes: Record<string, unknown>; activationEvents: unknown };
  const actual = manifest as typeof expected;
  assert.deepEqual(actual.activationEvents, expected.activationEvents);
  for (const part of ['languages', 'grammars', 'yamlValidation', 'configuration'])
    assert.deepEqual(actual.contributes[part], expected.contributes[part], `contributes.${part} (run npm run build)`);
});

test('package.nls.json holds each setting description of settings.ts, and package.json names it', () => {
  assert.deepEqual(Object.entries(nls), Object.entries(renderNls(nls)), 'package.nls.json (run npm run build)');
  const properties = ((manifest.contributes as Record<string, unknown>).configuration as { properties: object })
    .properties as Record<string, { markdownDescription: string }>;
  for (const s of Object.values(SETTINGS)) {
    assert.equal(properties[s.key]!.markdownDescription, `%${s.key}.description%`, s.key);
    assert.equal(nls[`${s.key}.description`], s.description, s.key);
  }
});

test('every %key% of package.json is in package.nls.json, and every entry there is used', () => {
  const used = nlsReferences(manifest);
  for (const { key, where } of used) assert.ok(key in nls, `${where}: %${key}% is not in package.nls.json`);
  const names = new Set(used.map((u) => u.key));
  for (const key of Object.keys(nls)) assert.ok(names.has(key), `package.nls.json: ${key} is used nowhere`);
  // The generator owns exactly the settings' entries.
  assert.deepEqual(
    Object.keys(nls).filter(isSettingNlsKey).sort(),
    Object.values(SETTINGS)
      .map((s) => `${s.key}.description`)
      .sort(),
  );
});

test('no text package.json shows is written in it: each is a %key% (names and categories excepted)', () => {
  const contributes = manifest.contributes as {
    commands: { title: string; category: string }[];
    views: Record<string, { name: string; contextualTitle: string }[]>;
    viewsWelcome: { contents: string }[];
    walkthroughs: { title: string; description: string; steps: Record<string, unknown>[] }[];
  };
  const shown: [string, string][] = [
    ['displayName', manifest.displayName as string],
    ['description', manifest.description as string],
    ...Object.entries(manifest.capabilities as Record<string, { description: string }>).map(
      ([k, c]) => [`capabilities.${k}`, c.description] as [string, string],
    ),
    ...contributes.commands.map((c) => [c.title, c.title] as [string, string]),
    ...Object.values(contributes.views)
      .flat()
      .map((v) => [v.name, v.name] as [string, string]),
    ...contributes.viewsWelcome.map((w) => [w.contents, w.contents] as [string, string]),
    ...contributes.walkthroughs.flatMap((w) => [
      [w.title, w.title] as [string, string],
      [w.description, w.description] as [string, string],
      ...w.steps.flatMap((step) =>
        [step.title, step.description, (step.media as { altText: string }).altText].map(
          (text) => [String(text), String(text)] as [string, string],
        ),
      ),
    ]),
  ];
  for (const [what, text] of shown) assert.match(text, /^%[^%\s]+%$/, `${what} is written in package.json`);
});

test('the translation files on disk are those of the languages scripts/l10n.ts lists', () => {
  const on = (dir: string, pattern: RegExp) =>
    readdirSync(dir)
      .map((f) => pattern.exec(f)?.[1])
      .filter((language) => language !== undefined)
      .sort();
  const listed = [...TRANSLATED_LANGUAGES].sort();
  assert.deepEqual(on('.', /^package\.nls\.([\w-]+)\.json$/), listed);
  assert.deepEqual(on(BUNDLE_DIR, /^bundle\.l10n\.([\w-]+)\.json$/), listed);
});

for (const [language, translated] of Object.entries(TRANSLATIONS)) {
  test(`package.nls.${language}.json translates every key of package.nls.json and no other`, () => {
    const missing = Object.keys(nls).filter((k) => !(k in translated));
    const stale = Object.keys(translated).filter((k) => !(k in nls));
    assert.deepEqual({ missing, stale }, { missing: [], stale: [] });
  });

  test(`package.nls.${language}.json keeps links, placeholders and technical words`, () => {
    const wrong = Object.entries(nls).flatMap(([key, english]) => {
      const problems = translationProblems(english, translated[key]);
      if (translated[key] === english && !SAME_IN_EVERY_LANGUAGE.has(key)) problems.push('not translated');
      return problems.map((p) => `${key}: ${p}`);
    });
    assert.deepEqual(wrong, []);
  });
}

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
