import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatAge, parseTrace } from '../../../src/engine/inventory/trace';

// A trace file as ftpsync writes it to project/trace/<host> after a sync.
const TRACE = [
  'Date: Mon, 23 Nov 2026 08:00:01 +0000',
  'Date-Started: Mon, 23 Nov 2026 07:52:10 +0000',
  'Archive serial: 2026112302',
  'Used ftpsync version: 20180513+nmu1',
  'Running on host: one.example.org',
  '',
].join('\n');

describe('trace date and serial', () => {
  it('parses Date and Archive serial', () => {
    assert.deepEqual(parseTrace(TRACE), {
      date: Date.UTC(2026, 10, 23, 8, 0, 1),
      serial: '2026112302',
      host: 'one.example.org',
    });
  });

  it('says an age in hours and minutes', () => {
    assert.equal(formatAge(Date.UTC(2026, 10, 23, 11, 30, 0) - parseTrace(TRACE).date!), '3 h 29 min');
  });
});
