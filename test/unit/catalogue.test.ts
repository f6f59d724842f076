import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { RULES, SERVICES, serviceFor } from '../../server/src/core/catalogue';
import { CHECKED_LANGUAGE_IDS, languageOfRulePrefix } from '../../server/src/core/languages';
import { loadService } from '../../server/src/core/service-loaders';
import { renderRulesDoc } from '../../scripts/rules-doc';

test('rule codes are unique, prefixed by their language and documented', () => {
  const seen = new Set<string>();
  for (const rule of RULES) {
    assert.ok(!seen.has(rule.code), `duplicate rule code ${rule.code}`);
    seen.add(rule.code);
    assert.match(rule.code, /^[a-z]+\/[a-z0-9-]+$/, rule.code);
    assert.equal(
      languageOfRulePrefix(rule.code.split('/')[0]!),
      rule.language,
      `${rule.code} belongs to ${rule.language}`,
    );
    assert.ok(rule.summary.length > 10 && rule.docs.length > 20, `${rule.code} needs a summary and docs`);
  }
});

test('the CLI loads, language by language, the very service the catalogue holds', async () => {
  for (const id of CHECKED_LANGUAGE_IDS) assert.equal(await loadService(id), serviceFor(id), id);
  assert.equal(loadService('ftpsync-log'), undefined);
  assert.equal(loadService('toString'), undefined);
});

test('every checked language has its service, and only those', () => {
  assert.deepEqual(
    SERVICES.map((s) => s.id),
    CHECKED_LANGUAGE_IDS,
  );
  for (const id of CHECKED_LANGUAGE_IDS) assert.equal(serviceFor(id)?.id, id);
  assert.equal(serviceFor('ftpsync-log'), undefined);
  assert.equal(serviceFor('toString'), undefined);
});

test('docs/rules.md is generated from the catalogue and up to date (run `npm run build`)', () => {
  assert.equal(readFileSync('docs/rules.md', 'utf8'), renderRulesDoc());
});
