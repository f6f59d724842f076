import { sshConfig, type Run } from './harness';

// The oracle for "does runmirrors do what this line says?", independent of our parser: a naive
// reading of the line as its writer meant it (blank-separated fields, `#` starts a comment, a CR or
// BOM is invisible, `user@host` and `host:port` mean what they mean elsewhere, options after the key
// or URL apply, the line's own options win over runmirrors' defaults, `-i key` means that key), turned
// into the ssh argv that reading implies. A line is faithful when runmirrors ran ssh as often as that,
// ssh accepts the real argv, and `ssh -G` resolves both to the same configuration with the same
// identity files and the same remote command. DELAY lines are faithful when sleep accepted the
// seconds (or the stage1 wait ran without shell errors) and no word was ignored.

const DEFAULTS = [
  '-o',
  'BatchMode=yes',
  '-o',
  'ServerAliveInterval=45',
  '-o',
  'ConnectTimeout=45',
  '-o',
  'PasswordAuthentication=no',
  '-o',
  'StrictHostKeyChecking=no',
];

export function humanWords(line: string): string[] {
  // $HOME means the pushing user's home (/home/archvsync in the fixtures).
  const text = line
    .replace(/^\ufeff/, '')
    .replace(/\r$/, '')
    .replace(/(^|[ \t])#.*$/, '')
    .replace(/\$\{?HOME\}?/g, '/home/archvsync');
  // Quotes group words, as they would in a shell or ssh_config.
  const words: string[] = [];
  for (const m of text.matchAll(/"([^"]*)"|'([^']*)'|[^ \t"']+/g)) {
    const value = m[1] ?? m[2] ?? m[0];
    if (m.index > 0 && !/[ \t]/.test(text[m.index - 1]) && words.length) words[words.length - 1] += value;
    else words.push(value);
  }
  return words;
}

export type Intent =
  | { kind: 'none' }
  | { kind: 'delay'; seconds: string; stage1: boolean; extra: string[] }
  | { kind: 'push'; argvs: string[][] };

export function intent(line: string, masterKey: string): Intent {
  const w = humanWords(line);
  if (w.length === 0) return { kind: 'none' };
  if (w[0].toUpperCase() === 'DELAY')
    return {
      kind: 'delay',
      seconds: w[1] ?? '600',
      stage1: w[2] === 'stage1',
      extra: w.slice(w[2] === 'stage1' ? 3 : 2),
    };
  const [type, , hostField = '', userField, ...rest] = w;
  let host = hostField;
  let user = userField ?? '';
  let archive = '';
  let restWords = rest;
  const options: string[] = [];
  const url = /^ssh\+ftpsync:\/\/(?:([^@/]+)@)?([^/]+)(?:\/(.*))?$/i.exec(hostField);
  if (url) {
    user = url[1] ?? '';
    host = url[2];
    archive = url[3] ?? '';
    // Options written after a URL are meant to apply; a repeated user is just redundant.
    restWords = userField !== undefined && userField.startsWith('-') ? [userField, ...rest] : rest;
  }
  const at = host.lastIndexOf('@');
  if (at >= 0) {
    if (!user) user = host.slice(0, at);
    host = host.slice(at + 1);
  }
  const bracketed = /^\[(.*)\](?::(\d+))?$/.exec(host);
  const hostPort = /^([^:]+):(\d+)$/.exec(host);
  if (bracketed) {
    host = bracketed[1];
    if (bracketed[2]) options.push('-p', bracketed[2]);
  } else if (hostPort) {
    host = hostPort[1];
    options.push('-p', hostPort[2]);
  }
  let keys = [masterKey];
  let proto: string | undefined = '2';
  if (restWords.length) {
    const first = restWords[0];
    if (/^[12]/.test(first)) {
      proto = first[0];
      const digits = /^\d+$/.test(first);
      const key = digits ? restWords[1] : first.slice(1);
      if (key) keys = [key];
      options.push(...restWords.slice(digits ? 2 : 1));
    } else if (first.startsWith('-')) {
      proto = undefined;
      options.push(...restWords);
    } else if (/^[/~.]/.test(first)) {
      keys = [first];
      options.push(...restWords.slice(1));
    } else {
      options.push(...restWords);
    }
  }
  // `-i key` among the options: the line means that key, not the master key besides.
  if (options.some((o) => /^-i/.test(o))) keys = keys.filter((k) => k !== masterKey);
  // Options go first so they win over runmirrors' defaults; words that are no option stay last, where
  // ssh starts the remote command with them.
  const flags: string[] = [];
  const words: string[] = [];
  for (let i = 0; i < options.length; i++) {
    const o = options[i];
    if (!/^-./.test(o)) words.push(o);
    else if (/^-[BbcDEeFIiJLlmOoPpQRSWw]$/.test(o) && i + 1 < options.length) flags.push(o, options[++i]);
    else flags.push(o);
  }
  const stages = /^(staged|mhop)$/i.test(type) ? ['sync:stage1', 'sync:stage2'] : ['sync:all'];
  return {
    kind: 'push',
    argvs: stages.map((s) => [
      '-n',
      host,
      ...flags,
      '-o',
      `user=${user}`,
      ...DEFAULTS,
      ...keys.flatMap((k) => ['-i', k]),
      ...(proto ? [`-${proto}`] : []),
      ...words,
      ` sync:archive:${archive} ${s}`,
    ]),
  };
}

/** The -i files of an argv, in order. */
export function identities(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '-i' && i + 1 < argv.length) out.push(argv[++i]);
    else if (/^-i./.test(argv[i])) out.push(argv[i].slice(2));
  }
  return out;
}

export function verdict(line: string, run: Run): { faithful: boolean; why: string } {
  const want = intent(line, run.settings.keyFile);
  const no = (why: string) => ({ faithful: false, why });
  if (want.kind === 'none') {
    if (run.argvs.length) return no('a line meant as a comment was pushed');
    if (/unbound variable/.test(run.stderr) || /know what is configured|Trigger /.test(run.log))
      return no('a line meant as a comment was read as a mirror line');
    return { faithful: true, why: 'skipped as a comment' };
  }
  if (want.kind === 'delay') {
    if (run.argvs.length) return no('a DELAY line pushed something');
    if (want.extra.length) return no(`words without effect: ${want.extra.join(' ')}`);
    if (want.stage1) {
      if (!run.log.includes(`Delay of ${want.seconds} or until staging is finished requested`))
        return no('no stage1 wait');
      if (/\[\[: /.test(run.stderr)) return no(`the stage1 wait failed: ${run.stderr}`);
      return { faithful: true, why: 'stage1 wait' };
    }
    if (run.sleeps.length !== 1 || run.sleeps[0].args !== want.seconds || !run.sleeps[0].accepted)
      return no(`sleep ran as ${JSON.stringify(run.sleeps)}`);
    return { faithful: true, why: `sleep ${want.seconds}` };
  }
  if (run.argvs.length !== want.argvs.length)
    return no(`runmirrors ran ssh ${run.argvs.length} times, the line means ${want.argvs.length}`);
  for (let i = 0; i < want.argvs.length; i++) {
    const real = run.argvs[i];
    const meant = want.argvs[i];
    const got = sshConfig(real, run.home);
    if (got.code !== 0) return no(`ssh refuses the argv: ${got.stderr}`);
    const expected = sshConfig(meant, run.home);
    const differs = got.config.filter((l) => !expected.config.includes(l));
    if (differs.length)
      return no(
        `ssh resolves ${differs.join('; ')} instead of ${expected.config.filter((l) => !got.config.includes(l)).join('; ')}`,
      );
    // ssh expands `~/` itself (from the pushing user's home) and offers a file given twice once.
    const keys = (argv: readonly string[]) => [
      ...new Set(identities(argv).map((k) => k.replace(/^~\//, `${run.home}/`))),
    ];
    if (keys(real).join('\n') !== keys(meant).join('\n'))
      return no(
        `identity files ${JSON.stringify(identities(real))}, the line means ${JSON.stringify(identities(meant))}`,
      );
    if (real.at(-1) !== meant.at(-1))
      return no(`remote command ${JSON.stringify(real.at(-1))}, the line means ${JSON.stringify(meant.at(-1))}`);
  }
  return { faithful: true, why: 'ssh runs as the line says' };
}
