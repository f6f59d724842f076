import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { explainRoutes, fromList, routeSources, sourceAddressFor } from '../../../src/engine/net/route';

// The suggested from= must be the address the downstream sees: the route's source address. A
// downstream on 127.0.1.2 sees 127.0.0.1 (the loopback route's source), which is none of this
// host's non-loopback interface addresses that the wizard used to offer.

const IP = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip'].find((p) => existsSync(p));

/** `src` of `ip route get ADDRESS`, the kernel's own answer. */
function ipRouteSource(address: string): string | undefined {
  const r = spawnSync(IP!, [...(address.includes(':') ? ['-6'] : []), 'route', 'get', address], { encoding: 'utf8' });
  return / src (\S+)/.exec(r.stdout)?.[1];
}

describe('route source address', () => {
  it('is 127.0.0.1 for a downstream on 127.0.1.2, as ip route get says', async () => {
    const route = await sourceAddressFor('127.0.1.2');
    assert.deepEqual(route, { destination: '127.0.1.2', family: 'IPv4', source: '127.0.0.1' });
    if (IP) assert.equal(ipRouteSource('127.0.1.2'), route.source);
  });

  it('agrees with ip route get for other loopback addresses and ::1', async (t) => {
    for (const address of ['127.0.0.1', '127.0.1.3', '127.42.0.9']) {
      const route = await sourceAddressFor(address);
      assert.equal(route.source, '127.0.0.1', address);
      if (IP) assert.equal(ipRouteSource(address), route.source, address);
    }
    const v6 = await sourceAddressFor('::1').catch(() => undefined);
    if (!v6) return t.skip('no IPv6 loopback here');
    assert.deepEqual(v6, { destination: '::1', family: 'IPv6', source: '::1' });
    if (IP) assert.equal(ipRouteSource('::1'), '::1');
  });

  it('resolves a host name first and looks up each of its addresses', async () => {
    const found = await routeSources('localhost');
    assert.ok(found.routes.length >= 1, JSON.stringify(found));
    for (const r of found.routes) assert.equal(r.source, r.family === 'IPv4' ? '127.0.0.1' : '::1');
    assert.equal(found.routes[0].family, 'IPv4');
  });

  it('says why when a name does not resolve, without throwing', async () => {
    // A resolver that fails as getaddrinfo does; tests send no DNS query off this machine.
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND eu.two.lan'), { code: 'ENOTFOUND' });
    const found = await routeSources('eu.two.lan', { resolve: () => Promise.reject(notFound) });
    assert.deepEqual(found.routes, []);
    assert.match(found.problems[0], /^eu\.two\.lan does not resolve: getaddrinfo ENOTFOUND/);
    const slow = await routeSources('slow.lan', { resolve: () => new Promise(() => {}), timeoutMs: 50 });
    assert.match(slow.problems[0], /^slow\.lan does not resolve: no answer within 0\.05 s/);
  });

  it('looks up every address a name resolves to, IPv4 first', async () => {
    const found = await routeSources('eu.two.lan', { resolve: async () => ['::1', '127.0.1.2'] });
    assert.deepEqual(
      found.routes.map((r) => [r.destination, r.source]),
      [
        ['127.0.1.2', '127.0.0.1'],
        ['::1', '::1'],
      ],
    );
  });

  it('never looks up documentation names', async () => {
    const found = await routeSources('one.example.org', {
      resolve: () => assert.fail('a documentation name was looked up'),
    });
    assert.deepEqual(found.routes, []);
    assert.match(found.problems[0], /documentation name/);
  });

  it('words the from= list and says which route was used', () => {
    const routes = [
      { destination: '127.0.1.2', family: 'IPv4' as const, source: '127.0.0.1' },
      { destination: '::1', family: 'IPv6' as const, source: '::1' },
    ];
    assert.equal(fromList(routes), '127.0.0.1,::1');
    assert.equal(
      explainRoutes('eu.two', routes.slice(0, 1)),
      'the source address this host uses to reach eu.two, as `ip route get 127.0.1.2` shows',
    );
    assert.equal(
      explainRoutes('eu.two', routes),
      'the source addresses this host uses to reach eu.two, as `ip route get 127.0.1.2` and `ip -6 route get ::1` show',
    );
  });
});
