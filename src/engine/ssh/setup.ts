import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { archvsyncSeed } from '../../../server/src/core/mirrors/check';
import { readRegularFileSync } from '../../../server/src/node/files';
import { confPathFor, readRunmirrorsConf } from '../../../server/src/core/mirrors/conf';
import { defaultKnownHostsFiles, KnownHosts } from '../knownHosts/knownHosts';
import { planFromMirrorList, type MirrorListPlan } from './mirrorList';
import { loadSshConfig, type SshConfigFile } from './sshConfig';

// Everything a push needs from disk: the mirror list, runmirrors.conf beside it (KEYFILE, LOGDIR,
// PUSHDELAY) and ~/.ssh/config, read here, only if they are regular files (a FIFO or a device gets
// a clear error, never a hang); and the known_hosts files, which KnownHosts reads at every check.
// Shared by the CLI and the extension.

export interface SetupInput {
  /** runmirrors.mirror; default: the first of ~/.config/ftpsync and /etc/ftpsync that has one (runmirrors' CONFDIRS). */
  mirrorList?: string;
  /** runmirrors.conf; default: beside the mirror list. */
  conf?: string;
  /** Overrides KEYFILE. */
  keyFile?: string;
  /** Extra known_hosts files, checked first; the first is where accepted keys are written. */
  knownHosts?: string[];
  /** Only these known_hosts files, not the user's and the system's. */
  onlyKnownHosts?: boolean;
  /** ~/.ssh/config by default; `none` for no config. */
  sshConfig?: string;
  home?: string;
}

export interface PushSetup extends MirrorListPlan {
  mirrorList: string;
  keyFile: string;
  /** runmirrors' PUSHARCHIVE: the conf's value, else NAME of runmirrors-NAME.mirror, else empty. */
  archive: string;
  logDir: string;
  pushDelayMs: number;
  knownHosts: KnownHosts;
  sshConfig: SshConfigFile;
}

export function runmirrorsListPath(home = os.homedir(), name = 'runmirrors'): string | undefined {
  return [path.join(home, '.config', 'ftpsync'), '/etc/ftpsync']
    .map((d) => path.join(d, `${name}.mirror`))
    .find((f) => existsSync(f));
}

export function loadPushSetup(input: SetupInput): PushSetup {
  const home = input.home ?? os.homedir();
  const mirrorList = input.mirrorList ?? runmirrorsListPath(home);
  if (!mirrorList) throw new Error('no mirror list: pass one, or create ~/.config/ftpsync/runmirrors.mirror');
  const listText = readRegularFileSync(mirrorList).toString('utf8');
  const confFile = input.conf ?? confPathFor(mirrorList);
  const confText = existsSync(confFile) ? readRegularFileSync(confFile).toString('utf8') : undefined;
  // BASEDIR guessed from an archvsync home layout, as the Downstreams view reads the same conf:
  // without it LOGDIR="${BASEDIR}/log" would become /log.
  const conf = readRunmirrorsConf(confText, home, archvsyncSeed(mirrorList));
  const listName = /^runmirrors-(.+)\.mirror$/.exec(path.basename(mirrorList))?.[1] ?? '';
  const keyFile = input.keyFile ? path.resolve(input.keyFile) : conf.keyFile;
  const files = [
    ...(input.knownHosts ?? []).map((f) => path.resolve(f)),
    ...(input.onlyKnownHosts ? [] : defaultKnownHostsFiles(home)),
  ];
  return {
    ...planFromMirrorList(listText, keyFile),
    mirrorList,
    keyFile,
    archive: conf.assignments.get('PUSHARCHIVE')?.value || listName,
    logDir: conf.logDir,
    pushDelayMs: conf.pushDelay * 1000,
    knownHosts: new KnownHosts(files, files[0]),
    sshConfig: loadSshConfig(input.sshConfig ?? path.join(home, '.ssh', 'config'), home),
  };
}
