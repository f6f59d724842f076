import { parseInetdConf, protocolName } from '../../../server/src/core/inetd/parser';
import { DEFAULT_RSYNCD_CONF, rsyncInvocation } from '../../../server/src/core/inetd/rsync';
import { findService, numericPort, parseServices, SERVICES_FILE } from '../../../server/src/core/inetd/services';
import { daemonPath } from '../../../server/src/core/rsyncd/includes';
import { HostTree } from './host';
import { bootedWithSystemd, failedConditions, readUnit, rsyncCommand, splitCommand, type Unit } from './systemd';
import { readXinetd } from './xinetd';

// Which of inetd, xinetd, systemd's rsync.service or rsync.socket, or the old init script starts the
// rsync daemon on this host, and which rsyncd.conf each reads. Read from the files that decide it
// (inetd.conf, xinetd.d, /etc/services, the unit files and their links, /etc/default/rsync) under a
// root directory, so tests use fixture trees. Nothing is run and nothing is changed.

export type StarterKind = 'inetd' | 'xinetd' | 'systemd-service' | 'systemd-socket' | 'sysv-init';

export interface DaemonStarter {
  kind: StarterKind;
  /** How a person names it: `inetd`, `systemd's rsync.service`. */
  label: string;
  /** Host path of the file that starts rsync, and its 1-based line. */
  file: string;
  line?: number;
  /** Whether it starts the daemon on this host as things are configured now. */
  active: boolean;
  /** Why it does or does not, one sentence without a final period. */
  why: string;
  /** The rsyncd.conf the daemon reads (host path). */
  config: string;
  /** The TCP port it serves on, when known. */
  port?: number;
}

export interface DaemonReport {
  /** The host booted with systemd (unit files only matter then). */
  systemd: boolean;
  starters: DaemonStarter[];
  /** Things worth knowing that are no starter: conflicts, files read by nothing. */
  notes: string[];
}

export const RSYNC_PORT = 873;
const INETD_CONF = '/etc/inetd.conf';
const INETD_BINARIES = [
  { binary: '/usr/sbin/inetd', unit: 'inetd.service' },
  { binary: '/usr/sbin/inetutils-inetd', unit: 'inetutils-inetd.service' },
];
const DEFAULTS_FILE = '/etc/default/rsync';
const INIT_SCRIPT = '/etc/init.d/rsync';

/** Whether a service installed with a unit runs at boot: enabled, not masked (systemd hosts only). */
function unitState(unit: Unit | undefined, systemd: boolean): { runs: boolean; why: string } | undefined {
  if (!unit || !systemd) return undefined;
  if (unit.masked) return { runs: false, why: `${unit.name} is masked` };
  if (!unit.wantedBy.length) return { runs: false, why: `${unit.name} is not enabled` };
  return { runs: true, why: `${unit.name} is enabled` };
}

function inetdStarters(tree: HostTree, systemd: boolean): DaemonStarter[] {
  const text = tree.read(INETD_CONF);
  if (text === undefined) return [];
  const installed = INETD_BINARIES.find((b) => tree.exists(b.binary));
  const service = installed && unitState(readUnit(tree, installed.unit), systemd);
  const inetdRuns = !installed
    ? { runs: false, why: 'no inetd is installed (openbsd-inetd or inetutils-inetd)' }
    : (service ?? { runs: true, why: `${installed.binary} is installed` });
  const services = parseServices(tree.read(SERVICES_FILE) ?? '');
  const starters: DaemonStarter[] = [];
  const doc = parseInetdConf(text);
  for (const entry of doc.entries) {
    const rsync = rsyncInvocation(entry);
    if (!rsync) continue;
    const proto = protocolName(entry) ?? 'tcp';
    const port = numericPort(entry.service.value) ?? findService(services, entry.service.value, proto)?.port;
    let active = inetdRuns.runs;
    let why = inetdRuns.why;
    if (!rsync.daemon) [active, why] = [false, 'the line runs rsync without `--daemon`'];
    else if (port === undefined)
      [active, why] = [false, `\`${entry.service.value}\` is not in ${SERVICES_FILE}, so inetd skips the line`];
    starters.push({
      kind: 'inetd',
      label: 'inetd',
      file: INETD_CONF,
      line: entry.line + 1,
      active,
      why,
      config: rsync.configPath,
      ...(port !== undefined ? { port } : {}),
    });
  }
  for (const c of doc.comments) {
    const off = c.disabledEntry && parseInetdConf(c.disabledEntry).entries[0];
    const rsync = off && rsyncInvocation(off);
    if (rsync)
      starters.push({
        kind: 'inetd',
        label: 'inetd',
        file: INETD_CONF,
        line: c.line + 1,
        active: false,
        why: 'the line is turned off (`#<off>#`, update-inetd --disable)',
        config: rsync.configPath,
      });
  }
  return starters;
}

function xinetdStarters(tree: HostTree): DaemonStarter[] {
  const installed = tree.exists('/usr/sbin/xinetd');
  const services = parseServices(tree.read(SERVICES_FILE) ?? '');
  return readXinetd(tree).flatMap((s): DaemonStarter[] => {
    const server = s.attrs.server;
    const command = server && rsyncCommand([server, ...splitCommand(s.attrs.server_args ?? '')]);
    if (!command) return [];
    const port = numericPort(s.attrs.port ?? '') ?? findService(services, s.name, 'tcp')?.port;
    const why = !installed
      ? 'xinetd is not installed'
      : s.disabledBy
        ? `the service is turned off (${s.disabledBy})`
        : !command.daemon
          ? '`server_args` has no `--daemon`'
          : 'xinetd is installed and the service is not disabled';
    return [
      {
        kind: 'xinetd',
        label: 'xinetd',
        file: s.file,
        line: s.line,
        active: installed && !s.disabledBy && command.daemon,
        why,
        config: command.config ? daemonPath(command.config) : DEFAULT_RSYNCD_CONF,
        ...(port !== undefined ? { port } : {}),
      },
    ];
  });
}

function unitStarter(tree: HostTree, systemd: boolean, kind: 'systemd-service' | 'systemd-socket'): DaemonStarter[] {
  const unit = readUnit(tree, kind === 'systemd-service' ? 'rsync.service' : 'rsync.socket');
  if (!unit) return [];
  // A socket with Accept=yes starts rsync@.service per connection; otherwise rsync.service.
  const service = kind === 'systemd-socket' ? readUnit(tree, unit.accept ? 'rsync@.service' : 'rsync.service') : unit;
  const command = rsyncCommand(service?.exec);
  const failed = failedConditions(tree, service ?? unit);
  const state = unitState(unit, true)!;
  const listen = unit.listen.map((l) => numericPort(l.replace(/^.*:/, ''))).find((p) => p !== undefined);
  let [active, why] = [state.runs, state.why];
  if (!systemd) [active, why] = [false, 'this host does not run systemd (no /run/systemd/system)'];
  else if (active && !command?.daemon)
    [active, why] = [false, `${service?.name ?? unit.name} does not run \`rsync --daemon\``];
  else if (active && failed.length)
    [active, why] = [
      false,
      `${unit.name} is enabled, but its condition ${failed.map((c) => `\`ConditionPathExists=${c}\``).join(', ')} fails`,
    ];
  return [
    {
      kind,
      label: `systemd's ${unit.name}`,
      file: kind === 'systemd-socket' ? unit.file : (unit.execFile ?? unit.file),
      ...(kind === 'systemd-service' && unit.execLine ? { line: unit.execLine } : {}),
      active,
      why,
      config: command?.config ? daemonPath(command.config) : DEFAULT_RSYNCD_CONF,
      port: kind === 'systemd-socket' ? (listen ?? RSYNC_PORT) : RSYNC_PORT,
    },
  ];
}

/** `NAME=value` lines of a shell defaults file, quotes removed; the last one wins. */
function shellVars(text: string | undefined): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of (text ?? '').split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Z_][A-Z0-9_]*)=(?:"([^"]*)"|'([^']*)'|(\S*))/.exec(line);
    if (m) vars[m[1]] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return vars;
}

function sysvStarter(tree: HostTree, systemd: boolean, hasServiceUnit: boolean): DaemonStarter[] {
  if (!tree.exists(INIT_SCRIPT)) return [];
  const vars = shellVars(tree.read(DEFAULTS_FILE));
  const enable = vars.RSYNC_ENABLE ?? 'false';
  let [active, why] = [enable === 'true', `RSYNC_ENABLE=${enable} in ${DEFAULTS_FILE}`];
  if (systemd && hasServiceUnit) [active, why] = [false, 'systemd runs rsync.service instead of the init script'];
  else if (enable === 'inetd') why += ' (the init script leaves the daemon to inetd)';
  return [
    {
      kind: 'sysv-init',
      label: 'the init script',
      file: INIT_SCRIPT,
      active,
      why,
      config: vars.RSYNC_CONFIG_FILE || DEFAULT_RSYNCD_CONF,
      port: RSYNC_PORT,
    },
  ];
}

export function detectDaemonStart(root = '/'): DaemonReport {
  const tree = new HostTree(root);
  const systemd = bootedWithSystemd(tree);
  const serviceUnit = unitStarter(tree, systemd, 'systemd-service');
  const starters = [
    ...inetdStarters(tree, systemd),
    ...xinetdStarters(tree),
    ...serviceUnit,
    ...unitStarter(tree, systemd, 'systemd-socket'),
    ...sysvStarter(tree, systemd, serviceUnit.length > 0),
  ];
  const notes: string[] = [];
  const active = starters.filter((s) => s.active);
  for (const port of new Set(active.map((s) => s.port ?? RSYNC_PORT))) {
    const on = active.filter((s) => (s.port ?? RSYNC_PORT) === port);
    if (on.length > 1)
      notes.push(
        `${on.map((s) => s.label).join(' and ')} ${on.length === 2 ? 'both' : 'all'} want port ${port}: whichever starts first gets it, and the others fail with "Address already in use".`,
      );
  }
  const vars = shellVars(tree.read(DEFAULTS_FILE));
  if (vars.RSYNC_CONFIG_FILE && systemd && serviceUnit.length)
    notes.push(
      `RSYNC_CONFIG_FILE in ${DEFAULTS_FILE} is read by the init script only; rsync.service does not read ${DEFAULTS_FILE}.`,
    );
  return { systemd, starters, notes };
}

/** Whether two host paths name the same file (links resolved under the root). */
export function sameFile(root: string, a: string, b: string): boolean {
  const tree = new HostTree(root);
  return tree.real(a) === tree.real(b);
}
