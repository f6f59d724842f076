import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { runRules, type Rule } from '../../../server/src/core/rule';
import { checkEdit, checkWhole } from '../../../server/src/core/rsyncd/incremental';
import { parseRsyncd, type RsyncdDocument } from '../../../server/src/core/rsyncd/parser';
import { reparseRsyncd } from '../../../server/src/core/rsyncd/reparse';
import { RSYNCD_RULES } from '../../../server/src/core/rsyncd/rules';
import { rsyncdService } from '../../../server/src/core/rsyncd/service';
import { checkRsyncd } from '../../../server/src/core/rsyncd/validation';
import type { CheckContext, HostAccess, RuleLevel, WorkspaceDocument } from '../../../server/src/core/types';
import { applyStep, baseText, generated, SEEDS, step, typos } from './edits';

// Checking an edit from the last check of the document gives what a full check of a fresh parse of the
// new text gives, problem for problem (spans, messages, fixes), on real-world, rule-case and generated
// configs edited several times in a row (edits.ts: random places, headers, line ends, continuations,
// comments, `auth users` and `secrets file` lines, whole sections removed or repeated), with and
// without file-system answers, other documents and rule levels. Seeded: every run is the same.

const host: HostAccess = {
  stat: (p) => ({ exists: p.length % 2 === 0, isDirectory: p.endsWith('d'), mode: 0o644, uid: 1, readable: true }),
  readDir: () => ['a.conf'],
  readText: (p) => (p.endsWith('passwd') ? 'root:x:0:0::/root:/bin/sh\n' : p.endsWith('group') ? 'root:x:0:\n' : ''),
  homeDir: '/root',
  uid: 0,
};

const SECRETS = {
  uri: 'file:///etc/rsyncd.secrets',
  path: '/etc/rsyncd.secrets',
  languageId: 'rsyncd-secrets',
  text: 'a:x\n',
} as const;

const situation = fc.record({
  host: fc.boolean(),
  path: fc.constantFrom(undefined, '/etc/rsyncd.conf'),
  secrets: fc.boolean(),
  /** The document itself among the workspace's, with its current text, as the language server passes it. */
  self: fc.boolean(),
  levels: fc.constantFrom<Record<string, RuleLevel>>(
    {},
    { 'rsyncd/unknown-parameter': 'off' },
    { 'rsyncd/file-not-found': 'error', 'rsyncd/missing-path': 'hint' },
  ),
});

let documents = 0;

test('an edit checked from the last check equals a full check (8 seeds × 1,000 cases of 1 to 4 checks)', () => {
  for (const seed of SEEDS)
    fc.assert(
      fc.property(baseText, fc.array(step, { minLength: 1, maxLength: 4 }), situation, (base, steps, s) => {
        const key = `file:///case/${documents++}/rsyncd.conf`;
        const contextOf = (text: string): CheckContext => {
          const workspace: WorkspaceDocument[] = s.secrets ? [SECRETS] : [];
          if (s.self)
            workspace.push({ uri: key, ...(s.path ? { path: s.path } : {}), languageId: 'rsyncd-conf', text });
          return {
            ...(s.path ? { path: s.path } : {}),
            ...(s.host ? { host } : {}),
            ...(workspace.length ? { workspace } : {}),
          };
        };
        const options = { levels: s.levels, incremental: { key, hostGeneration: 0 } };
        let text = base;
        rsyncdService.validate(text, contextOf(text), options);
        for (const e of steps) {
          text = applyStep(text, e);
          const ctx = contextOf(text);
          // Against a fresh parse: the service's parse cache holds what the incremental check read.
          const fresh = runRules(RSYNCD_RULES, parseRsyncd(text), ctx, s.levels);
          assert.deepEqual(checkRsyncd(text, ctx, options).problems, fresh, `after ${JSON.stringify(e)}`);
          const service = rsyncdService.validate(text, ctx, options);
          assert.deepEqual(service, rsyncdService.validate(text, ctx, { levels: s.levels }));
        }
      }),
      { numRuns: 1_000, seed },
    );
});

/** The rules, each noting how many sections the document it is given has. */
function watched(seen: Map<string, number[]>): Rule<RsyncdDocument>[] {
  return RSYNCD_RULES.map((rule) => ({
    ...rule,
    check: (doc, ...rest) => {
      seen.set(rule.meta.code, [...(seen.get(rule.meta.code) ?? []), doc.sections.length]);
      rule.check(doc, ...rest);
    },
  }));
}

/** Checks `before`, then `after` from it; returns what each rule was given and whether it equals a full check. */
function checkBoth(before: string, after: string, ctx: CheckContext = {}) {
  const seen = new Map<string, number[]>();
  const rules = watched(seen);
  const prev = parseRsyncd(before);
  const results = checkWhole(rules, prev, ctx, {});
  seen.clear();
  const re = reparseRsyncd(prev, after)!;
  const edited = checkEdit(rules, { doc: prev, results }, re, ctx, {});
  if (edited) assert.deepEqual(edited.byRule, checkWhole(RSYNCD_RULES, re.doc, ctx, {}).byRule);
  return { edited, seen, sections: re.doc.sections.length };
}

test('a keystroke in one module runs section rules on that module and the global sections only', () => {
  const text = generated(300);
  const at = text.indexOf('[mirror-150]') + 20;
  const { edited, seen, sections } = checkBoth(text, text.slice(0, at) + 'x' + text.slice(at));
  const globals = parseRsyncd(text).sections.filter((s) => s.isGlobal).length;
  assert.ok(edited, 'the edit was checked in full');
  for (const rule of RSYNCD_RULES) {
    const given = seen.get(rule.meta.code);
    assert.deepEqual(
      given,
      [rule.scope === 'section' ? 1 + globals : sections],
      `${rule.meta.code} was given ${given}`,
    );
  }
});

test('a changed global line sends every rule over the whole document; a new header or include checks in full', () => {
  const text = '# top\nuid = nobody\n[a]\npath = /srv/a\n[b]\npath = /srv/b\nreed only = no\n';
  const globals = checkBoth(text, text.replace('uid = nobody', 'uid = root'));
  assert.ok(globals.edited);
  for (const rule of RSYNCD_RULES) assert.deepEqual(globals.seen.get(rule.meta.code), [globals.sections]);
  assert.equal(checkBoth(text, text.replace('[a]', '[c]')).edited, undefined);
  assert.equal(checkBoth(text, text.replace('[a]\n', '[a]\n[x]\n')).edited, undefined);
  assert.equal(checkBoth(text, text.replace('/srv/a', '/srv/a\n&merge /etc/x'), { host }).edited, undefined);
  // A comment is not a global line: only the global sections are looked at again.
  const comment = checkBoth(text, text.replace('# top', '# top!'));
  assert.ok(comment.edited);
  assert.deepEqual(comment.seen.get('rsyncd/missing-path'), [1]);
});

test('a kept problem whose fix points into the edited text is found again', () => {
  // `port` in [b] is moved above the first header [a]; the edit runs from the comment into [a].
  const text = '# c\n[a]\npath = /a\n[b]\npath = /b\nport = 1\n';
  const { edited, seen, sections } = checkBoth(text, text.replace('# c\n[a]\npath = /a', '# cc\n[a]\npath = /az'));
  assert.ok(edited);
  assert.deepEqual(seen.get('rsyncd/global-parameter-in-module'), [sections]);
});

test('a section rule whose whole-document fact changes runs over the whole document', () => {
  // The lock file of [a] is checked only once some module sets `max connections`; the edit is in [b].
  const text = '[a]\npath = /srv/a\nlock file = /nowhere/lock\n[b]\npath = /srv/b\n';
  const { edited, seen, sections } = checkBoth(
    text,
    text.replace('path = /srv/b', 'path = /srv/b\nmax connections = 3'),
    {
      host,
    },
  );
  assert.ok(edited);
  assert.deepEqual(seen.get('rsyncd/file-not-found'), [sections]);
});

test('past the suggestion budget, the typos that get suggestions are a fact of the whole document', () => {
  // 1,100 distinct typos in 11 modules: the first 1,000 get suggestions, the last module's do not.
  const names = typos(1100);
  const text = Array.from(
    { length: 11 },
    (_, m) =>
      `[m${m}]\npath = /srv/m${m}\n${names
        .slice(m * 100, m * 100 + 100)
        .map((n) => `${n} = yes\n`)
        .join('')}`,
  ).join('');
  const suggested = (after: string) =>
    checkWhole(RSYNCD_RULES, parseRsyncd(after), {}, {}).byRule[
      RSYNCD_RULES.findIndex((r) => r.meta.code === 'rsyncd/unknown-parameter')
    ]!.filter((p) => p.message.includes('did you mean')).length;
  assert.equal(suggested(text), 1000);
  // A new typo in the last module leaves the first 1,000 as they were: only that module (and the empty
  // global section before the first header) is read again.
  const last = checkBoth(text, text.replace(`${names[1099]} =`, 'reedonly ='));
  assert.ok(last.edited);
  assert.deepEqual(last.seen.get('rsyncd/unknown-parameter'), [2]);
  // A typo fixed in the first module lets the 1,001st name in: the whole document is checked again.
  const fixed = text.replace(`${names[0]} =`, 'read only =');
  assert.equal(suggested(fixed), 1000);
  const first = checkBoth(text, fixed);
  assert.ok(first.edited);
  assert.deepEqual(first.seen.get('rsyncd/unknown-parameter'), [first.sections]);
});

test('the same text is checked again when another document or the file-system answers change', () => {
  const text = '[a]\npath = /srv/a\nauth users = a b\nsecrets file = /etc/rsyncd.secrets\n';
  const key = 'file:///workspace/rsyncd.conf';
  const check = (ctx: CheckContext, hostGeneration = 0) => {
    const incremental = rsyncdService.validate(text, ctx, { incremental: { key, hostGeneration } });
    assert.deepEqual(incremental, rsyncdService.validate(text, ctx));
    return incremental.map((p) => p.code);
  };
  assert.ok(check({ workspace: [SECRETS] }).includes('rsyncd/user-without-secret'));
  assert.ok(!check({ workspace: [{ ...SECRETS, text: 'a:x\nb:y\n' }] }).includes('rsyncd/user-without-secret'));
  const answers = { ...host, stat: (_path: string) => ({ exists: false, isDirectory: false }) };
  assert.ok(check({ host: answers }).includes('rsyncd/file-not-found'));
  answers.stat = (p) => ({ exists: true, isDirectory: !p.endsWith('.secrets') });
  assert.ok(check({ host: answers }, 1).every((c) => c !== 'rsyncd/file-not-found'));
});

test('a config that names itself as its secrets file is checked against its own new text', () => {
  const self = { uri: 'file:///etc/rsyncd.conf', path: '/etc/rsyncd.conf', languageId: 'rsyncd-conf' } as const;
  let text = '[a]\npath = /srv/a\nauth users = a\nsecrets file = /etc/rsyncd.conf\n[b]\npath = /srv/b\n';
  const options = { incremental: { key: self.uri, hostGeneration: 0 } };
  for (const next of [text.replace('[b]', 'a:x\n[b]'), text]) {
    rsyncdService.validate(text, { path: self.path, workspace: [{ ...self, text }] }, options);
    text = next;
    const ctx = { path: self.path, workspace: [{ ...self, text }] };
    assert.deepEqual(rsyncdService.validate(text, ctx, options), rsyncdService.validate(text, ctx));
  }
});
