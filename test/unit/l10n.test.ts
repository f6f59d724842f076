// The runtime strings (vscode.l10n.t in src/, and the `t` handed to the vscode-free code): every
// message is a literal the bundles can hold, media/l10n/bundle.l10n.json is the generated list, and
// each translation has every message and no stale one, with its placeholders and technical words.
// The translate function is then exercised as VS Code applies a bundle: the views' plain-data
// builders and the wizards' validators, given the Italian bundle, say Italian and look up nothing
// the bundle lacks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  bundleFile,
  ENGLISH_BUNDLE,
  englishBundle,
  extractMessages,
  LANGUAGES,
  sourceFiles,
  technicalTokens,
  translationProblems,
} from '../../scripts/l10n';
import { manySignalsQuestion } from '../../src/downstreams/wording';
import { downstreamRow } from '../../src/downstreams/rows';
import { english, type Translate } from '../../src/engine/l10n';
import { allDownstreams, buildModel } from '../../src/engine/inventory/model';
import { findFiles, loadInventory, loadList } from '../../src/engine/inventory/load';
import { validateFrom } from '../../src/engine/keys/trigger';
import { validateUserName } from '../../src/engine/accounts/secrets';

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
const extracted = extractMessages(sourceFiles('src'));
const englishMessages = readJson(ENGLISH_BUNDLE);
/** Messages that read the same in Italian (a label and a value, or a word Italian borrowed). */
const SAME_IN_ITALIAN = new Set(['Host: {0}', 'Master trace: serial {0}.', 'Passphrase', 'serial {0}']);

/** A Translate that looks messages up in a bundle as vscode.l10n.t does, and records what it lacked. */
function bundleTranslate(bundle: Record<string, string>, missed: string[]): Translate {
  return (message, ...args) => {
    if (!(message in bundle)) missed.push(message);
    return english(bundle[message] ?? message, ...args);
  };
}

describe('runtime strings', () => {
  it('finds the messages of vscode.l10n.t and of the handed-in t, all literal', () => {
    assert.deepEqual(extracted.problems, []);
    assert.ok(extracted.messages.has('Trust and Remember'), 'vscode.l10n.t in src/commands');
    assert.ok(extracted.messages.has('the comment must be a single line'), 't in src/engine');
    assert.ok(extracted.messages.size > 300, `${extracted.messages.size} messages`);
  });

  it('reports a message that is not a literal: it could never be found in a bundle', () => {
    const file = 'test/fixtures/l10n/dynamic.ts';
    const { messages, problems } = extractMessages([file]);
    assert.deepEqual([...messages.keys()], ['A literal {0}']);
    assert.equal(problems.length, 2, problems.join('\n'));
  });

  it('media/l10n/bundle.l10n.json is the generated list of messages', () => {
    assert.deepEqual(englishMessages, englishBundle(extracted.messages), `${ENGLISH_BUNDLE} (run npm run build)`);
  });

  it('the English default fills placeholders as vscode.l10n.t does', () => {
    assert.equal(english('{0} of {1}: {0}', 'a', 2), 'a of 2: a');
    assert.equal(english('left {1}', 'a'), 'left {1}');
  });

  it('holds a translation to its placeholders, links and technical words', () => {
    assert.deepEqual(translationProblems('Signal {0} of {1}?', 'Inviare il segnale a {0}?'), [
      'placeholders {0} instead of {0} {1}',
    ]);
    assert.deepEqual(translationProblems('Open `auth users` in rsyncd.conf', 'Apri `utenti` in rsyncd.conf'), [
      '`auth users` is not kept as it is',
    ]);
    assert.deepEqual(translationProblems('[Open](command:a.b)', '[Apri](command:a.c)'), [
      'links differ',
      'command:a.b is not kept as it is',
    ]);
    assert.deepEqual(translationProblems('x', ''), ['no translation']);
    assert.deepEqual(
      technicalTokens('sends runmirrors’ “sync:all” with KEYFILE to ~/.ssh/authorized_keys, e.g. from= and --daemon.'),
      ['--daemon', 'KEYFILE', 'from=', 'sync:all', '~/.ssh/authorized_keys'],
    );
  });

  for (const language of LANGUAGES) {
    const translated = readJson(bundleFile(language));

    it(`${bundleFile(language)} translates every message of src/ and no other`, () => {
      const missing = Object.keys(englishMessages).filter((m) => !(m in translated));
      const stale = Object.keys(translated).filter((m) => !(m in englishMessages));
      assert.deepEqual({ missing, stale }, { missing: [], stale: [] });
    });

    it(`${bundleFile(language)} keeps placeholders, links and technical words`, () => {
      const wrong = Object.keys(englishMessages).flatMap((m) => {
        const problems = translationProblems(m, translated[m]);
        if (translated[m] === m && !SAME_IN_ITALIAN.has(m)) problems.push('not translated');
        return problems.map((p) => `${JSON.stringify(m)}: ${p}`);
      });
      assert.deepEqual(wrong, []);
    });
  }
});

describe('the words of the vscode-free code, in Italian', () => {
  const missed: string[] = [];
  const t = bundleTranslate(readJson(bundleFile('it')), missed);

  it('the Downstreams model of the fixture archvsync home: groups, counts, rows and tooltips', async () => {
    const home = 'test/fixtures/archvsync-home';
    const found = await findFiles(home);
    const lists = (await Promise.all(found.lists.map((f) => loadList(f, 'archvsync-home', '/home/nobody')))).filter(
      (l) => l !== undefined,
    );
    const inventories = (await Promise.all(found.inventories.map(loadInventory))).filter((i) => i !== undefined);
    const roots = buildModel({ lists, inventories, now: Date.UTC(2026, 10, 23, 12), t });
    const labels = roots.flatMap((l) => [l.label, l.description, ...l.children.map((c) => c.label)]);
    assert.ok(labels.includes('Senza gruppo'), labels.join(' | '));
    assert.ok(
      roots.some((l) => / mirror destinazione( non presenti negli elenchi runmirrors)?$/.test(l.description)),
      labels.join(' | '),
    );
    const nodes = allDownstreams(roots);
    assert.ok(nodes.some((n) => n.description.endsWith('nessun push')));
    const row = downstreamRow(
      { node: { ...nodes[0]!, traceUrl: 'https://one.example.org/debian/project/trace/one' } },
      t,
    );
    assert.match(row.tooltip, /\*\*Aggiornamento\*\*: non ancora letto/);
    assert.match(row.tooltip, /Definito in `[^`]+`, riga \d+/);
    assert.deepEqual(missed, []);
  });

  it('the signal confirmation and the wizards’ validation messages', () => {
    const q = manySignalsQuestion(
      { action: 'all', list: 'runmirrors.mirror', names: ['eu.one', 'eu.two'], setting: 'pushMirror.x' },
      t,
    );
    assert.equal(q.message, 'Inviare il segnale a 2 mirror destinazione di runmirrors.mirror?');
    assert.equal(q.confirm, 'Invia il segnale a 2 mirror destinazione');
    assert.match(q.detail, /^Sono eu\.one e eu\.two\./);
    assert.equal(validateUserName('', t), 'indica un nome utente');
    assert.equal(
      validateFrom('127.0.0.1/8', t),
      '`127.0.0.1/8` ha bit di host impostati; sshd rifiuta la chiave (usa l’indirizzo di rete)'.replace('’', "'"),
    );
    assert.deepEqual(missed, []);
  });

  it('English stays the default, for the CLI and the tests', () => {
    assert.equal(validateUserName(''), 'give a user name');
    assert.equal(
      manySignalsQuestion({ action: 'staged', list: 'l', names: ['s'], setting: 'k' }).confirm,
      'Staged Push to 1 downstream',
    );
  });
});
