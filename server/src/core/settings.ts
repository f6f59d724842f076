// Every `pushMirror.*` setting, once: name, type, default, scope and description. package.json's
// `contributes.configuration` and the README's settings table are generated from this list
// (scripts/manifest.ts), the extension reads values through it (src/config.ts) and the language
// server takes its defaults from it (server/src/lsp/settings.ts).
import { groupThousands } from './text';
import { languageTitles, NOT_LOOKED_FOR, WORKSPACE_LANGUAGE_IDS, WORKSPACE_LIMITS } from './workspace-languages';

/** A rule's configured level: a severity, or `off` to silence it. */
export const RULE_LEVELS = ['error', 'warning', 'information', 'hint', 'off'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

/**
 * VS Code's setting scopes, chosen per setting on purpose:
 * - `machine`: only in the user settings of the machine the extension runs on (the Remote tab over
 *   Remote-SSH and in code-server); a workspace cannot override it. For what a cloned repository must
 *   never change: which known_hosts file is trusted, which private key signs.
 * - `machine-overridable`: the machine's value, which a workspace may override (paths and limits of
 *   that host that one project may need differently).
 * - `resource`: per workspace folder (a folder of configs for another host checks differently).
 * - `window`: user or workspace; a preference of the person, not of a host.
 * - `application`: the person's own user settings only, wherever the extension runs; for safety
 *   questions a workspace's settings file must never turn off.
 */
export type SettingScope = 'application' | 'machine' | 'machine-overridable' | 'resource' | 'window';

interface SettingBase {
  key: `pushMirror.${string}`;
  scope: SettingScope;
  /** Markdown; says what the setting does and, where it matters, why its scope was chosen. */
  description: string;
}

export type SettingFact = SettingBase &
  (
    | { type: 'boolean'; default: boolean }
    | { type: 'integer'; default: number; minimum?: number; maximum?: number }
    | { type: 'string'; default: string; enum?: readonly string[] }
    | { type: 'array'; default: readonly string[]; items: { type: 'string' } }
    | {
        type: 'object';
        default: Record<string, never>;
        additionalProperties: { type: 'string'; enum: readonly string[] };
      }
  );

const MACHINE_ONLY =
  'Set it in the user settings of the machine the extension runs on (the Remote tab over Remote-SSH and in code-server); a workspace cannot override it, so a cloned repository cannot change it.';

export const SETTINGS = {
  checkFileSystem: {
    key: 'pushMirror.checkFileSystem',
    type: 'boolean',
    default: true,
    scope: 'resource',
    description:
      'Check paths named in the files (`secrets file`, `path`, include files, key files) against the file system **of the machine the language server runs on**. Turn it off, per folder if you like, when you edit configs for another host.',
  },
  checkWorkspace: {
    key: 'pushMirror.checkWorkspace',
    type: 'boolean',
    default: true,
    scope: 'resource',
    description: `Check every mirror file of the workspace folder in the background, opened or not, so the Problems view lists them all, after a reload too: ${andList(languageTitles(WORKSPACE_LANGUAGE_IDS))} (${andList(languageTitles(NOT_LOOKED_FOR))} only when opened: a mirror's \`project/trace/\` holds hundreds). Kept up to date as files change. Bounded: the first ${groupThousands(WORKSPACE_LIMITS.files)} files (up to ${WORKSPACE_LIMITS.fileBytes / 1024 / 1024} MiB each) in ${WORKSPACE_LIMITS.checkSeconds} s; the rest are checked when opened. Per folder, so a folder of sample configs can turn it off. Off in an untrusted workspace.`,
  },
  rules: {
    key: 'pushMirror.rules',
    type: 'object',
    default: {},
    scope: 'resource',
    additionalProperties: { type: 'string', enum: RULE_LEVELS },
    description: `Severity per rule code, e.g. \`{ "rsyncd/unknown-parameter": "warning" }\`. Values: ${RULE_LEVELS.map((l) => `\`${l}\``).join(', ')}. Per folder, like a linter's configuration.`,
  },
  logDirectories: {
    key: 'pushMirror.logDirectories',
    type: 'array',
    items: { type: 'string' },
    default: [],
    scope: 'machine-overridable',
    description:
      "Extra directories holding ftpsync and runmirrors logs (LOGDIR) on the machine the extension runs on; a workspace may add its own. Always searched as well: `log/` in each workspace folder, `~/.local/log/ftpsync` (Debian's ftpsync package) and `~/log` (archvsync home).",
  },
  tailInitialLines: {
    key: 'pushMirror.tail.initialLines',
    type: 'integer',
    default: 1000,
    minimum: 0,
    scope: 'window',
    description: 'Lines shown from the end of a log when a tail starts, like `tail -n`.',
  },
  tailMaxLines: {
    key: 'pushMirror.tail.maxLines',
    type: 'integer',
    default: 10000,
    minimum: 100,
    scope: 'window',
    description: 'Lines a tail keeps; older lines are dropped so memory does not grow with the log.',
  },
  signalConcurrency: {
    key: 'pushMirror.signal.concurrency',
    type: 'integer',
    default: 16,
    minimum: 1,
    maximum: 256,
    scope: 'machine-overridable',
    description:
      'ssh handshakes in flight when signalling downstreams. A slot is taken when the downstream first answers and freed once logged in, so hosts that are down and long-running triggers do not hold it. A limit of this host, which a workspace may override.',
  },
  signalTimeoutSeconds: {
    key: 'pushMirror.signal.timeoutSeconds',
    type: 'integer',
    default: 60,
    minimum: 1,
    scope: 'machine-overridable',
    description:
      'Longest time one downstream may take, connect to exit status; a dead or hanging downstream costs only this.',
  },
  signalConnectTimeoutSeconds: {
    key: 'pushMirror.signal.connectTimeoutSeconds',
    type: 'integer',
    default: 45,
    minimum: 1,
    scope: 'machine-overridable',
    description:
      'TCP connect and ssh handshake limit, up to login, not counting time spent answering a host key question (runmirrors uses `ConnectTimeout=45`).',
  },
  signalWaitSeconds: {
    key: 'pushMirror.signal.waitSeconds',
    type: 'integer',
    default: 900,
    minimum: 0,
    scope: 'machine-overridable',
    description:
      'After a signal, how long to watch each downstream\'s trace (pushmirror.yaml `traceUrl`, or its `log` over ssh) for the push to land; the row then reads "synced in N s" or "never synced" with the likely causes. The progress notification\'s Cancel stops the wait. `0`: signal only. Half of `push-mirror signal --wait`\'s 1800 s: a push to a current mirror lands in minutes, and nobody watches a notification for half an hour.',
  },
  signalConfirmMany: {
    key: 'pushMirror.signal.confirmMany',
    type: 'boolean',
    default: true,
    scope: 'application',
    description:
      "Ask before Signal All Downstreams and Staged Push, naming the list and its downstreams (Enter and Escape signal nothing). Only in your own user settings, so a workspace's settings file cannot turn the question off.",
  },
  signalKnownHostsFile: {
    key: 'pushMirror.signal.knownHostsFile',
    type: 'string',
    default: '',
    scope: 'machine',
    description: `A known_hosts file checked before \`~/.ssh/known_hosts\` and \`/etc/ssh/ssh_known_hosts\`; keys you accept are written here (hashed). Empty: \`~/.ssh/known_hosts\`. ${MACHINE_ONLY}`,
  },
  signalKeyFile: {
    key: 'pushMirror.signal.keyFile',
    type: 'string',
    default: '',
    scope: 'machine',
    description: `Private key for signalling. Empty: \`KEYFILE\` from runmirrors.conf, else \`~/.ssh/pushmirror\`, as runmirrors does. ${MACHINE_ONLY}`,
  },
  signalUseAgent: {
    key: 'pushMirror.signal.useAgent',
    type: 'boolean',
    default: false,
    scope: 'machine',
    description: `Also offer the ssh agent's keys (\`SSH_AUTH_SOCK\`). Never a password or keyboard-interactive prompt. ${MACHINE_ONLY}`,
  },
  mirrorStatusUpstreamMaster: {
    key: 'pushMirror.mirrorStatus.upstreamMaster',
    type: 'string',
    default: '',
    scope: 'machine',
    description: `Your upstream's master trace, which "This Mirror" judges this host's lag against: a URL or a file. Empty: \`http://RSYNC_HOST/RSYNC_PATH/project/trace/master\` from ftpsync.conf, where ftpsync-cron looks for traces. \`none\`: read nothing over the network and judge the age of this host's trace instead. Read when the view opens or is refreshed, never on a timer. ${MACHINE_ONLY}`,
  },
  traceServer: {
    key: 'pushMirror.trace.server',
    type: 'string',
    enum: ['off', 'messages', 'verbose'],
    default: 'off',
    scope: 'window',
    description: 'Trace the communication between VS Code and the Push Mirror language server in the Push Mirror log.',
  },
} as const satisfies Record<string, SettingFact>;

export type SettingName = keyof typeof SETTINGS;

type Widen<F> = F extends { type: 'boolean' }
  ? boolean
  : F extends { type: 'integer' }
    ? number
    : F extends { type: 'string'; enum: readonly (infer E)[] }
      ? E
      : F extends { type: 'string' }
        ? string
        : F extends { type: 'array' }
          ? string[]
          : Record<string, RuleLevel>;

export type SettingValue<N extends SettingName> = Widen<(typeof SETTINGS)[N]>;

/** The settings the language server reads (section `pushMirror`), with their defaults. */
export const SERVER_SETTING_NAMES = [
  'checkFileSystem',
  'checkWorkspace',
  'rules',
] as const satisfies readonly SettingName[];

/** `a, b and c`, for descriptions built from lists. */
function andList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
