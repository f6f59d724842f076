// The walkthroughs in package.json: every button runs a command that exists, every completion event
// can happen, every picture is the generated one, and the files the steps open are recognised.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { localize } from '../../scripts/manifest';
import { mediaPath, renderStepSvg, STEP_PARTS } from '../../scripts/walkthrough-media';
import { WALKTHROUGH_FILES, walkthroughFileOf, workspaceGlob } from '../../src/walkthrough/files';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { svg?: string; altText?: string };
  completionEvents: string[];
}
// The texts as VS Code shows them in English (package.nls.json); manifest.test.ts holds the translations to the same links.
const manifest = localize(
  JSON.parse(readFileSync('package.json', 'utf8')),
  JSON.parse(readFileSync('package.nls.json', 'utf8')) as Record<string, string>,
) as {
  contributes: {
    walkthroughs: { id: string; steps: Step[] }[];
    commands: { command: string }[];
    views: Record<string, { id: string }[]>;
  };
};
const steps = manifest.contributes.walkthroughs.flatMap((w) => w.steps);
const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
const views = new Set(Object.values(manifest.contributes.views).flatMap((v) => v.map((x) => x.id)));
/** Commands VS Code itself provides that the steps use. */
const BUILT_IN = new Set(['workbench.action.problems.focus', ...[...views].map((v) => `${v}.focus`)]);
/** Context keys other features set. */
const OTHER_CONTEXT = new Set(['pushMirror.hasDownstreams']);

test('the upstream and downstream walkthroughs, with the steps the issue asks for', () => {
  assert.deepEqual(
    manifest.contributes.walkthroughs.map((w) => [w.id, w.steps.map((s) => s.id)]),
    [
      [
        'upstream',
        [
          'upstream.rsyncd',
          'upstream.daemon',
          'upstream.account',
          'upstream.key',
          'upstream.list',
          'upstream.signal',
          'upstream.tail',
        ],
      ],
      ['downstream', ['downstream.authorizedKeys', 'downstream.ftpsync', 'downstream.watch']],
    ],
  );
});

test('every button runs a command that exists; file buttons name a known file', () => {
  for (const step of steps) {
    const links = [...step.description.matchAll(/\]\((command:[^)]+)\)/g)].map((m) => new URL(m[1]));
    assert.ok(links.length > 0, `${step.id} has a button`);
    for (const link of links) {
      const command = link.pathname;
      assert.ok(contributed.has(command) || BUILT_IN.has(command), `${step.id}: ${command}`);
      if (command === 'pushMirror.walkthrough.openFile') {
        const [kind] = JSON.parse(decodeURIComponent(link.search.slice(1))) as string[];
        assert.ok(kind in WALKTHROUGH_FILES, `${step.id}: ${kind}`);
      }
    }
  }
});

test('every completion event can fire: a real command, view or context key', () => {
  const contexts = new Set([...Object.values(WALKTHROUGH_FILES).map((f) => f.context), ...OTHER_CONTEXT]);
  for (const step of steps) {
    assert.ok(step.completionEvents.length > 0, `${step.id} says when it is done`);
    for (const event of step.completionEvents) {
      const [kind, arg] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
      if (kind === 'onCommand') assert.ok(contributed.has(arg) || BUILT_IN.has(arg), `${step.id}: ${event}`);
      else if (kind === 'onView') assert.ok(views.has(arg), `${step.id}: ${event}`);
      else if (kind === 'onContext') assert.ok(contexts.has(arg), `${step.id}: ${event}`);
      else assert.fail(`${step.id}: unexpected ${event}`);
    }
  }
});

test('every step shows its generated picture (run scripts/walkthrough-media.ts)', () => {
  assert.deepEqual(
    steps.map((s) => s.id),
    Object.keys(STEP_PARTS),
  );
  for (const step of steps) {
    assert.equal(step.media.svg, mediaPath(step.id));
    assert.ok((step.media.altText ?? '').length > 20, `${step.id} alt text`);
    assert.equal(readFileSync(step.media.svg!, 'utf8'), renderStepSvg(step.id), step.media.svg);
  }
});

test('opened files tick their steps by language, or by name where Push Mirror has no language yet', () => {
  assert.equal(walkthroughFileOf('rsyncd-conf', '/srv/mirror.rsyncd.conf'), 'rsyncdConf');
  assert.equal(walkthroughFileOf('inetd-conf', '/etc/inetd.conf'), 'inetdConf');
  assert.equal(walkthroughFileOf('ssh-authorized-keys', '/home/archvsync/.ssh/authorized_keys'), 'authorizedKeys');
  assert.equal(walkthroughFileOf('plaintext', '/home/archvsync/.config/ftpsync/ftpsync-security.conf'), 'ftpsyncConf');
  assert.equal(walkthroughFileOf('plaintext', '/etc/other.conf'), undefined);
  assert.match(workspaceGlob(WALKTHROUGH_FILES.rsyncdConf) ?? '', /^\*\*\/\{rsyncd\.conf,.*rsyncd\.conf\.d\/\*\.conf/);
  assert.equal(workspaceGlob(WALKTHROUGH_FILES.ftpsyncConf), '**/{ftpsync.conf,ftpsync-*.conf}');
});
