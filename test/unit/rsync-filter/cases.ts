import { DAEMON_FILTER_CONTEXT, OPTION_FILTER_CONTEXT } from '../../../server/src/core/rsync-filter/parse';

// Filter rules and what rsync 3.5.0 says about each. The unit test holds the reader to these; the
// integration test (test/integration/ftpsync/filter-differential.test.ts) replays every case against
// the real rsync: the option contexts on the client's command line, the daemon contexts as module
// parameters of a real daemon, so a wrong expectation here fails there.

export type OptionContext = keyof typeof OPTION_FILTER_CONTEXT;
export type DaemonContext = keyof typeof DAEMON_FILTER_CONTEXT;

export interface FilterCase {
  text: string;
  /** rsync's message for the rejected rule (without the `rsync: [client] ` decoration), or undefined when accepted. */
  error?: string;
}

export const OPTION_CASES: Record<'filter' | 'exclude' | 'include', FilterCase[]> = {
  filter: [
    { text: '- *.tmp' },
    { text: 'exclude *.tmp' },
    { text: 'exclude,/_foo' },
    { text: 'include_/project/trace/*' },
    { text: 'protect_/project/' },
    { text: '-/ foo' },
    { text: '-,/ foo' },
    { text: '-! foo' },
    { text: '-x foo' },
    { text: 'P foo' },
    { text: 'H foo' },
    { text: 'S foo' },
    { text: 'R foo' },
    { text: '!' },
    { text: 'clear' },
    { text: ':n- .rules' },
    { text: 'dir-merge,n- .rules' },
    { text: '-C' },
    { text: '- foo bar' },
    { text: '-p foo' },
    { text: '-s foo' },
    { text: '-r foo' },
    { text: '-*.tmp', error: "invalid modifier '*' at position 1 in filter rule: -*.tmp" },
    { text: '*.tmp', error: 'Unknown filter rule: *.tmp' },
    { text: 'excludes x', error: 'Unknown filter rule: excludes x' },
    { text: 'e x', error: 'Unknown filter rule: e x' },
    { text: 'X foo', error: 'Unknown filter rule: X foo' },
    { text: '! ', error: "'!' rule has trailing characters: ! " },
    { text: 'clear all', error: "'!' rule has trailing characters: clear all" },
    { text: '-', error: 'unexpected end of filter rule: -' },
    { text: '+ ', error: 'unexpected end of filter rule: + ' },
    { text: 'exclude', error: 'unexpected end of filter rule: exclude' },
    { text: 'Pr foo', error: "invalid modifier 'r' at position 1 in filter rule: Pr foo" },
    { text: 'H,s foo', error: "invalid modifier 's' at position 2 in filter rule: H,s foo" },
    { text: '-e foo', error: "invalid modifier 'e' at position 1 in filter rule: -e foo" },
    { text: 'merge,! x', error: "invalid modifier '!' at position 6 in filter rule: merge,! x" },
    { text: '-C- foo', error: "invalid modifier '-' at position 2 in filter rule: -C- foo" },
    { text: 'SC', error: "invalid modifier 'C' at position 1 in filter rule: SC" },
  ],
  exclude: [
    { text: '*.tmp' },
    { text: '- *.tmp' },
    { text: '+ *.tmp' },
    { text: '-*.tmp' },
    { text: '!' },
    { text: '!foo' },
    { text: 'binary-i386/' },
    { text: '- ', error: 'unexpected end of filter rule: - ' },
  ],
  include: [{ text: '*/' }, { text: '- *.iso' }, { text: '+ ', error: 'unexpected end of filter rule: + ' }],
};

/** rsyncd.conf values: `filter`, `include`, `exclude` split on whitespace. */
export const DAEMON_CASES: Record<'filter' | 'include' | 'exclude', FilterCase[]> = {
  filter: [
    { text: '- *.tmp - *.bak' },
    { text: '- /secret/ + *' },
    { text: 'exclude *.tmp' },
    { text: '!' },
    { text: '-/ /private' },
    { text: '*.tmp', error: 'Unknown filter rule: *.tmp' },
    { text: '- *.tmp *.bak', error: 'Unknown filter rule: *.bak' },
    { text: '-\t*.tmp', error: 'unexpected end of filter rule: -\t*.tmp' },
    { text: '-  *.tmp', error: 'unexpected end of filter rule: -  *.tmp' },
    { text: '! - foo' },
    { text: '-*.tmp', error: "invalid modifier '*' at position 1 in filter rule: -*.tmp" },
  ],
  include: [
    { text: '*.deb */' },
    { text: '- *.iso + *.deb' },
    { text: '+  x', error: 'unexpected end of filter rule: +  x' },
  ],
  exclude: [{ text: '*.tmp *.bak /private/' }, { text: '- *.tmp' }, { text: '! foo' }],
};

/** `include from`/`exclude from` file contents: one rule a line, `#`/`;` comments. */
export const FILE_CASES: { context: 'includefrom' | 'excludefrom'; text: string; error?: string }[] = [
  { context: 'excludefrom', text: '# comment\n; also\n*.tmp\n\n- *.bak\n+ keep/\n' },
  { context: 'excludefrom', text: '*.tmp\r\n*.bak\r\n' },
  { context: 'excludefrom', text: 'a b c\n' },
  { context: 'excludefrom', text: '*.tmp\n- \n', error: 'unexpected end of filter rule: - ' },
  { context: 'includefrom', text: '*/\n*.deb\n' },
];
