import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nameList } from '../../../src/downstreams/wording';
import { describeChoice, routeChoices, suggestFrom } from '../../../src/engine/keys/fromSuggestion';

// An interface list like a real host's: the old suggestion (these addresses) is not what a
// downstream on 127.0.1.2 sees.
const INTERFACES = {
  lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '255.0.0.0', mac: '', cidr: null }],
  eth0: [{ address: '192.0.2.10', family: 'IPv4', internal: false, netmask: '255.255.255.0', mac: '', cidr: null }],
} as unknown as NodeJS.Dict<import('node:os').NetworkInterfaceInfo[]>;

describe('from= suggestion for a downstream', () => {
  it('is the route source address, and says which route (not this host interface addresses)', async () => {
    const s = await suggestFrom({ name: 'eu.two', address: '127.0.1.2' }, INTERFACES);
    assert.deepEqual(s, {
      from: '127.0.0.1',
      why: 'the source address this host uses to reach eu.two, as `ip route get 127.0.1.2` shows',
      fromRoutes: true,
    });
  });

  it('falls back to the interface addresses, saying why, when the name does not resolve', async () => {
    const s = await suggestFrom({ name: 'eu.one', address: 'one.example.org' }, INTERFACES);
    assert.equal(s.from, '192.0.2.10');
    assert.equal(s.fromRoutes, false);
    assert.match(s.why, /one\.example\.org is a documentation name .*; this host's interface addresses instead/);
  });

  it('groups downstreams by the source address that reaches them, in list order', async () => {
    const choices = await routeChoices([
      { name: 'loopback', address: '127.0.0.1' },
      { name: 'eu.two', address: '127.0.1.2' },
      { name: 'eu.three', address: '127.0.1.3' },
      { name: 'v6', address: '::1' },
    ]);
    assert.deepEqual(
      choices.map((c) => [c.source, c.downstreams.map((d) => d.name)]),
      [
        ['127.0.0.1', ['loopback', 'eu.two', 'eu.three']],
        ['::1', ['v6']],
      ],
    );
    assert.equal(
      describeChoice(choices[0], nameList),
      'the source address this host uses to reach loopback, eu.two and eu.three, as `ip route get 127.0.0.1`, `ip route get 127.0.1.2` and `ip route get 127.0.1.3` show',
    );
  });
});
