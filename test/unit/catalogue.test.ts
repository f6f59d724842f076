import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { RULES, SERVICES } from '../../server/src/core/catalogue';
import { renderRulesDoc } from '../../scripts/rules-doc';

test('rule codes are unique, namespaced by language and documented', () => {
  const seen = new Set<string>();
  for (const rule of RULES) {
    assert.ok(!seen.has(rule.code), `duplicate rule code ${rule.code}`);
    seen.add(rule.code);
    assert.match(rule.code, /^[a-z]+\/[a-z0-9-]+$/, rule.code);
    const prefix = {
      'rsyncd-conf': 'rsyncd',
      'rsyncd-secrets': 'secrets',
      'ssh-authorized-keys': 'authkeys',
      'runmirrors-mirror': 'mirrors',
      'pushmirror-inventory': 'inventory',
    }[rule.language];
    assert.equal(rule.code.split('/')[0], prefix, `${rule.code} belongs to ${rule.language}`);
    assert.ok(rule.summary.length > 10 && rule.docs.length > 20, `${rule.code} needs a summary and docs`);
  }
});

test('docs/rules.md is generated from the catalogue and up to date (run `npm run build`)', () => {
  assert.equal(readFileSync('docs/rules.md', 'utf8'), renderRulesDoc());
});

test('every language the manifest contributes with a server has a service', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  const activated = (manifest.activationEvents as string[])
    .filter((e) => e.startsWith('onLanguage:'))
    .map((e) => e.slice('onLanguage:'.length));
  // pushmirror.yaml is YAML to the editor (the YAML extension owns the language id), so its service is
  // selected by file name: it needs a workspaceContains activation and a client selector pattern instead.
  const byFileName: Record<string, string> = { 'pushmirror-inventory': 'workspaceContains:**/pushmirror.yaml' };
  for (const service of SERVICES) {
    const wanted = byFileName[service.id] ?? `onLanguage:${service.id}`;
    assert.ok(
      (manifest.activationEvents as string[]).includes(wanted),
      `${service.id} needs the activation event ${wanted}`,
    );
  }
  assert.match(
    readFileSync('src/client.ts', 'utf8'),
    /pattern: '\*\*\/pushmirror\.\{yaml,yml\}'/,
    'the client selects pushmirror.yaml by pattern',
  );
  const contributed = (manifest.contributes.languages as { id: string }[]).map((l) => l.id);
  for (const id of activated) assert.ok(contributed.includes(id), `${id} is activated but not contributed`);
});
