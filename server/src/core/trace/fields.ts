// The fields of trace files, in the order ftpsync 20180513+nmu1's tracefile_content() writes them,
// plus dak's master trace. The docs are hover text; `checker` says how Debian's mirror checker
// (mirror-team/mirror/status, dmt/) uses the field. Names are compared ignoring case, as the checker
// does (the package README spells some differently from the code: "Archive Serial", "Upstream-Mirror").

export interface TraceFieldFact {
  name: string;
  /** Who writes it and from what. */
  source: string;
  docs: string;
  checker?: string;
}

export const TRACE_FIELDS: readonly TraceFieldFact[] = [
  {
    name: 'Date',
    source: 'ftpsync (`date -u -R` when the trace is written, at the end of the sync); dak in the master trace',
    docs: 'When the sync finished, RFC 2822. The first line (`date -u`) carries the same moment.',
    checker: 'not read: the checker times the trace by its first line.',
  },
  {
    name: 'Date-Started',
    source: 'ftpsync (`date -u -R` when the run started, before the lock was taken)',
    docs: 'When this sync run started. `Date` − `Date-Started` is how long the downstream took.',
  },
  {
    name: 'Archive serial',
    source: "ftpsync, copied from the archive's `project/trace/master` at the end of the run; dak in the master trace",
    docs: 'The serial of the master trace this mirror had when it finished: which version of the archive it serves. ftpsync reads it with `awk -F": "` and the exact name `Archive serial`, and writes `unknown` when its master trace has no such line.',
    checker:
      'the checker tells versions apart by the master trace first line; the serial is what a single look can compare.',
  },
  {
    name: 'Used ftpsync version',
    source: 'ftpsync (`VERSION`)',
    docs: 'The ftpsync release that wrote this trace.',
    checker: 'shown in the status page\'s "ftpsync" column; "unknown" when missing.',
  },
  {
    name: 'Creator',
    source: 'ftpsync (`ftpsync VERSION`)',
    docs: 'The program that wrote the trace.',
  },
  {
    name: 'Running on host',
    source: 'ftpsync (`TRACEHOST`, default `hostname -f`); dak in the master trace',
    docs: "The machine that ran the sync. Also the third word of this mirror's line in `_hierarchy`.",
  },
  {
    name: 'Maintainer',
    source: 'ftpsync (`INFO_MAINTAINER`)',
    docs: "Who runs the mirror (name and address), for the checker's contact.",
  },
  { name: 'Sponsor', source: 'ftpsync (`INFO_SPONSOR`)', docs: 'Who sponsors the mirror.' },
  { name: 'Country', source: 'ftpsync (`INFO_COUNTRY`)', docs: 'ISO 3166 country code of the mirror.' },
  { name: 'Location', source: 'ftpsync (`INFO_LOCATION`)', docs: 'Where the mirror is (city, data centre).' },
  { name: 'Throughput', source: 'ftpsync (`INFO_THROUGHPUT`)', docs: 'The bandwidth the mirror offers.' },
  {
    name: 'Trigger',
    source: 'ftpsync (`-T` option, else `ssh` when started by a push)',
    docs: 'What started the run: `ssh` for a push, or what `-T` named (`cron`, …). A pushed mirror whose traces say `cron` is not getting its pushes.',
  },
  {
    name: 'Architectures',
    source: 'ftpsync, from the `dists/*/binary-*/Packages.*` and `source/Sources.*` files it really has',
    docs: 'The architectures the mirror serves (compressed indices only: an uncompressed `Packages` is not counted).',
    checker: 'shown as "R:" beside the configuration ("C:").',
  },
  {
    name: 'Architectures-Configuration',
    source: 'ftpsync (`ALL`, `INCLUDE …` from ARCH_INCLUDE, `EXCLUDE …` from ARCH_EXCLUDE)',
    docs: 'The architecture filter the mirror was configured with. ftpsync splits the lists on blanks only: a comma makes one unknown architecture of two.',
    checker: 'shown as "C:" beside what is served ("R:").',
  },
  {
    name: 'Upstream-mirror',
    source: 'ftpsync (`RSYNC_HOST`, or `unknown` when only RSYNC_SOURCE is set)',
    docs: 'Where this mirror pulls from. Also the last word of its `_hierarchy` line.',
    checker: 'shown as "configured upstream".',
  },
  {
    name: 'Rsync-Transport',
    source: 'ftpsync (`RSYNC_TRANSPORT`: `undefined` for plain rsync, `ssh` or `ssl`)',
    docs: 'How rsync reached the upstream. The package README says `plain`; the code writes `undefined`.',
  },
  {
    name: 'Total bytes received in rsync',
    source: "ftpsync, summed from rsync's log of this run",
    docs: 'Bytes rsync received in this run (left out when 0).',
  },
  {
    name: 'Total time spent in stage1 rsync',
    source: 'ftpsync (seconds)',
    docs: 'Seconds of the first stage (everything but the indices).',
  },
  {
    name: 'Total time spent in stage2 rsync',
    source: 'ftpsync (seconds)',
    docs: 'Seconds of the second stage (indices, deletions).',
  },
  { name: 'Total time spent in rsync', source: 'ftpsync (seconds)', docs: 'Both stages together.' },
  { name: 'Average rate', source: 'ftpsync (B/s)', docs: 'Bytes received over rsync time.' },
];

const BY_KEY = new Map(TRACE_FIELDS.map((f) => [f.name.toLowerCase(), f]));

/** The known field of that name, compared ignoring case. */
export function traceFieldFact(name: string): TraceFieldFact | undefined {
  return BY_KEY.get(name.trim().toLowerCase());
}

/** Fields without which the checker shows "unknown" for a site trace. */
export const CHECKER_SHOWN_FIELDS = ['Used ftpsync version', 'Upstream-mirror', 'Architectures-Configuration'];

/** The ftpsync release in Debian 12 (package ftpsync 20180513+nmu1). */
export const DEBIAN_FTPSYNC_VERSION = '20180513+nmu1';
