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
    const prefix = { 'rsyncd-conf': 'rsyncd', 'rsyncd-secrets': 'secrets', 'ssh-authorized-keys': 'authkeys', 'runmirrors-mirror': 'mirrors' }[rule.language];
    assert.equal(rule.code.split('/')[0], prefix, `${rule.code} belongs to ${rule.language}`);
    assert.ok(rule.summary.length > 10 && rule.docs.length > 20, `${rule.code} needs a summary and docs`);
  }
});

test('docs/rules.md is generated from the catalogue and up to date (run `npm run build`)', () => {
  assert.equal(readFileSync('docs/rules.md', 'utf8'), renderRulesDoc());
});

test('every language the manifest contributes with a server has a service', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  const activated = (manifest.activationEvents as string[]).filter((e) => e.startsWith('onLanguage:')).map((e) => e.slice('onLanguage:'.length));
  for (const service of SERVICES) assert.ok(activated.includes(service.id), `${service.id} needs an onLanguage activation event`);
  const contributed = (manifest.contributes.languages as { id: string }[]).map((l) => l.id);
  for (const id of activated) assert.ok(contributed.includes(id), `${id} is activated but not contributed`);
});
