import { defineRule } from '../../rule';
import { isUnsetOrEmpty, lastAssignment, type FtpsyncDoc } from '../model';
import { fileSpan } from './util';

export const missingRsyncHost = defineRule<FtpsyncDoc>({
  code: 'ftpsync/missing-rsync-host',
  severity: 'error',
  summary: 'RSYNC_HOST unset or empty (the sample ships it empty): ftpsync stops with "Missing a host to mirror from".',
  docs: [
    'ftpsync requires RSYNC_HOST (`${RSYNC_HOST:?Missing a host to mirror from…}`) unless the undocumented RSYNC_SOURCE is',
    'set; without it ftpsync exits (status 1, observed) before it opens its log. ftpsync.conf.sample has `RSYNC_HOST=` for',
    'you to fill in with the host your upstream gave you.',
  ],
  check(doc, report) {
    if (!isUnsetOrEmpty(doc, 'RSYNC_HOST') || !isUnsetOrEmpty(doc, 'RSYNC_SOURCE')) return;
    const a = lastAssignment(doc, 'RSYNC_HOST');
    report(
      a ? { start: a.nameStart, end: a.end } : fileSpan(doc),
      `RSYNC_HOST is ${a ? 'empty' : 'not set'}: ftpsync stops with "Missing a host to mirror from" before it syncs. Set it to your upstream's host name.`,
    );
  },
});
