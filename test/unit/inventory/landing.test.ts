import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { landingSummary, watchProgress } from '../../../src/downstreams/wording';

// The words of a watched push: the progress notification's line and the summary at its end.

describe('watched push wording', () => {
  it('names the one downstream that synced and how fast', () => {
    assert.deepEqual(landingSummary([{ name: 'good', state: 'done', propagationMs: 3400 }]), {
      text: 'good synced in 3 s',
      failed: false,
    });
  });

  it('counts several, gives the slowest, and names those that did not land', () => {
    const s = landingSummary([
      { name: 'a', state: 'done', propagationMs: 3000 },
      { name: 'b', state: 'done', propagationMs: 41_000 },
      { name: 'broken', state: 'never-synced', causes: ['exit 127'] },
      { name: 'c', state: 'cancelled' },
      { name: 'nolog', state: 'unwatched' },
    ]);
    assert.deepEqual(s, {
      text: '2 synced (the slowest in 41 s); never synced: broken; wait cancelled: c',
      failed: true,
    });
  });

  it('counts a wait the user cancelled as no failure', () => {
    assert.deepEqual(landingSummary([{ name: 'good', state: 'cancelled' }]), {
      text: 'wait cancelled: good',
      failed: false,
    });
  });

  it('says nothing when no downstream could be watched, so a plain push reads as before', () => {
    assert.equal(landingSummary([{ name: 'loopback', state: 'unwatched' }]), undefined);
    assert.equal(landingSummary([]), undefined);
  });

  it('shows each watched downstream in the progress line, four at most', () => {
    assert.equal(
      watchProgress([
        { name: 'good', state: 'syncing' },
        { name: 'broken', state: 'never-synced' },
        { name: 'x', state: 'unwatched' },
      ]),
      'good syncing · broken never synced',
    );
    const many = Array.from({ length: 6 }, (_, i) => ({ name: `m${i}`, state: 'signalled' }));
    assert.equal(watchProgress(many), 'm0 signalled · m1 signalled · m2 signalled · m3 signalled · 2 more');
    assert.equal(watchProgress([{ name: 'good', state: 'done', propagationMs: 12_000 }]), 'good synced in 12 s');
  });
});
