import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readRunmirrorsConf } from '../../../server/src/core/mirrors/conf';
import { judgeDownstream } from '../../../server/src/core/trace/freshness';
import { buildHierarchy } from '../../../server/src/core/trace/hierarchy';
import { parseHierarchy, parseTrace } from '../../../server/src/core/trace/parser';
import { HIERARCHY_CONTEXT } from '../../../src/downstreams/contextValues';
import { hierarchyRows, type HierarchyRow } from '../../../src/hierarchy/model';
import { hierarchySources, selfNames } from '../../../src/hierarchy/sources';
import { parseInventory } from '../../../src/engine/inventory/inventory';
import { buildModel } from '../../../src/engine/inventory/model';
import { readFtpsyncConfig, type ArchiveStatus } from '../../../src/engine/logs/ftpsync';
import { archiveRow, siteName, upstreamMasterFor } from '../../../src/status/archiveView';

// "This Mirror" and the Hierarchy view as plain data.

const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);
const conf = (text: string) => readFtpsyncConfig('/home/m/.config/ftpsync/ftpsync.conf', text, '/home/m');

describe('This Mirror: where the upstream master trace is read', () => {
  it('is http://RSYNC_HOST/RSYNC_PATH/project/trace/master from ftpsync.conf, RSYNC_PATH defaulting to debian', () => {
    assert.equal(
      upstreamMasterFor(conf('RSYNC_HOST=hub.example.org\n'), ''),
      'http://hub.example.org/debian/project/trace/master',
    );
    assert.equal(
      upstreamMasterFor(conf('RSYNC_HOST="hub.example.org"\nRSYNC_PATH=/debian-security/\n'), ''),
      'http://hub.example.org/debian-security/project/trace/master',
    );
  });

  it('is the setting when set, nowhere with `none` or without RSYNC_HOST', () => {
    const a = conf('RSYNC_HOST=hub.example.org\n');
    assert.equal(upstreamMasterFor(a, ' /srv/up/project/trace/master '), '/srv/up/project/trace/master');
    assert.equal(upstreamMasterFor(a, 'none'), undefined);
    assert.equal(upstreamMasterFor(conf('TO=/srv/m\n'), ''), undefined);
  });

  it('names the trace after MIRRORNAME, else the host name', () => {
    assert.equal(siteName(conf('MIRRORNAME=mirror.example.org\n'), 'vm'), 'mirror.example.org');
    assert.equal(siteName(conf(''), 'vm'), 'vm');
  });

  it('shows the lock state and the freshness on the archive row', () => {
    const status: ArchiveStatus = {
      ...conf('MIRRORNAME=mirror.example.org\nRSYNC_HOST=hub.example.org\nTO=/srv/m\n'),
      locks: { inProgress: [], updateRequired: [] },
    };
    const site = parseTrace(
      ['Sun Dec  6 08:00:00 UTC 2026', 'Archive serial: 2026120601', 'Used ftpsync version: 20180513+nmu1', ''].join(
        '\n',
      ),
    );
    const master = parseTrace('Sun Dec  6 11:00:00 UTC 2026\nArchive serial: 2026120602\n', 'master');
    const verdict = judgeDownstream(
      { now: NOW, site: { trace: site }, master: { trace: master } },
      'mirror.example.org',
    );
    const row = archiveRow({
      status,
      verdict,
      upstreamMaster: 'http://hub.example.org/debian/project/trace/master',
      checkedAt: NOW,
    });
    assert.equal(row.description, 'idle · ≥ 1 h behind');
    assert.equal(row.icon, 'ok', 'band age0');
    assert.match(row.tooltip, /RSYNC_HOST `hub\.example\.org`/);
    assert.match(row.tooltip, /Judged against the upstream's master trace http:\/\/hub\\\.example\\\.org/);
    const unread = archiveRow({ status });
    assert.equal(unread.description, 'idle');
    assert.match(unread.tooltip, /not read yet/);
  });
});

describe('Hierarchy view', () => {
  const settings = readRunmirrorsConf(undefined, '/home/nobody');
  const roots = buildModel({
    lists: [
      {
        path: '/m/etc/runmirrors.mirror',
        folder: 'm',
        text: 'all eu.one one.example.org a\nall eu.two two.example.org a\n',
        settings,
      },
      { path: '/m/etc/runmirrors-backup.mirror', folder: 'm', text: 'all one one.example.org a\n', settings },
    ],
    inventories: [
      {
        path: '/m/pushmirror.yaml',
        text: '',
        inventory: parseInventory(
          'version: 1\ndownstreams:\n  eu.one:\n    traceUrl: http://192.0.2.1/debian/project/trace/one.example.org\n',
        ),
      },
    ],
    now: NOW,
  });

  it('merges a downstream pushed by two lists into one with two push paths, keeping its trace URL', () => {
    assert.deepEqual(hierarchySources(roots), [
      {
        name: 'eu.one',
        host: 'one.example.org',
        pushedBy: ['runmirrors.mirror', 'runmirrors-backup.mirror'],
        traceUrl: 'http://192.0.2.1/debian/project/trace/one.example.org',
      },
      { name: 'eu.two', host: 'two.example.org', pushedBy: ['runmirrors.mirror'] },
    ]);
  });

  it('knows this host by its own _hierarchy line, MIRRORNAME, host name and addresses', () => {
    const names = selfNames(
      [conf('MIRRORNAME=mirror.example.org\n')],
      'hub.example.org hub.example.org 192.0.2.10 ftp-master.example.org\nmirror.example.org mirror.example.org m1.example.org hub.example.org\n',
      {
        hostname: 'm1',
        interfaces: {
          lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '255.0.0.0', mac: '', cidr: null }],
        },
      },
    );
    assert.deepEqual(names, ['mirror.example.org', 'm1.example.org', 'm1', '127.0.0.1']);
  });

  it('nests the chain root first: upstream → this mirror → downstreams, findings under each', () => {
    const model = buildHierarchy({
      selfNames: ['mirror.example.org'],
      selfHierarchy: parseHierarchy(
        'hub.example.org hub.example.org hub.example.org ftp-master.example.org\nmirror.example.org mirror.example.org mirror.example.org hub.example.org\n',
      ),
      downstreams: [
        {
          name: 'eu.one',
          pushedBy: ['runmirrors.mirror'],
          hierarchy: parseHierarchy(
            'hub.example.org hub.example.org hub.example.org ftp-master.example.org\nmirror.example.org mirror.example.org mirror.example.org hub.example.org\none.example.org one.example.org one.example.org elsewhere.example.org\n',
          ),
        },
      ],
    });
    const rows = hierarchyRows(model, ['mirror.example.org']);
    const labels = (r: HierarchyRow): unknown => [r.label, r.children.map(labels)];
    assert.deepEqual(labels(rows[0]!), [
      'hub.example.org',
      [
        [
          'mirror.example.org (this mirror)',
          [
            [
              'eu.one',
              [
                ['RSYNC_HOST is not the hop above', []],
                ['does not pull from this mirror', []],
                ['one push path', []],
                ['chain', []],
              ],
            ],
          ],
        ],
      ],
    ]);
    const self = rows[0]!.children[0]!;
    const one = self.children[0]!;
    assert.equal(rows[0]!.contextValue, HIERARCHY_CONTEXT.upstream);
    assert.equal(one.icon, 'warning');
    assert.equal(one.description, 'pulls from elsewhere.example.org · pushed by runmirrors.mirror · 2 warnings');
    assert.equal(one.children[3]!.description, 'hub.example.org → mirror.example.org → one.example.org');
    assert.equal(one.children[2]!.icon, 'info');
  });

  it('starts at this mirror when its _hierarchy is unknown', () => {
    const rows = hierarchyRows(buildHierarchy({ selfNames: [], downstreams: [] }), []);
    assert.equal(rows[0]!.label, 'this mirror');
    assert.match(rows[0]!.description, /no _hierarchy/);
  });
});

describe('Hierarchy view contributions', () => {
  const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
    contributes: {
      views: Record<string, { id: string; visibility?: string }[]>;
      commands: { command: string; category?: string }[];
      menus: Record<string, { command: string; when?: string }[]>;
    };
  };

  it('is a view of the Push Mirror container, collapsed until opened (it reads over the network)', () => {
    const view = pkg.contributes.views.pushMirror!.find((v) => v.id === 'pushMirror.hierarchy');
    assert.equal(view?.visibility, 'collapsed');
  });

  it('has a Refresh in its title bar, with a category, and no actions on its rows', () => {
    const refresh = pkg.contributes.commands.find((c) => c.command === 'pushMirror.refreshHierarchy');
    assert.equal(refresh?.category, 'Push Mirror');
    assert.ok(
      pkg.contributes.menus['view/title']!.some(
        (m) => m.command === 'pushMirror.refreshHierarchy' && m.when === 'view == pushMirror.hierarchy',
      ),
    );
    const rowMenus = pkg.contributes.menus['view/item/context']!.filter((m) =>
      Object.values(HIERARCHY_CONTEXT).some((v) => (m.when ?? '').includes(v) || (m.when ?? '').includes('hierarchy')),
    );
    assert.deepEqual(rowMenus, []);
  });
});
