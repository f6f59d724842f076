import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Workbench } from './harness';

// A window whose downstreams are the test's own sshd on loopback. Written before the window starts.

/**
 * Settings of machine scope (pushMirror.signal.keyFile, knownHostsFile…): in a remote window, and
 * code-server is one, VS Code reads them from the Remote settings only and ignores the User settings.
 */
export function writeMachineSettings(vs: Workbench, settings: Record<string, unknown>): void {
  const machine = path.join(vs.run, 'user-data', 'Machine');
  fs.mkdirSync(machine, { recursive: true });
  fs.writeFileSync(path.join(machine, 'settings.json'), JSON.stringify(settings, null, 2));
}

/** What a signal to the test's sshd needs: the trigger key, its known_hosts and timeouts short enough for a test. */
export function signalSettings(keyFile: string, knownHostsFile: string): Record<string, unknown> {
  return {
    'pushMirror.signal.keyFile': keyFile,
    'pushMirror.signal.knownHostsFile': knownHostsFile,
    'pushMirror.signal.timeoutSeconds': 20,
    'pushMirror.signal.connectTimeoutSeconds': 10,
  };
}

/** The workspace's etc/runmirrors.mirror, one downstream a line. */
export function writeMirrorList(vs: Workbench, lines: readonly string[]): void {
  fs.mkdirSync(path.join(vs.workspace, 'etc'), { recursive: true });
  fs.writeFileSync(path.join(vs.workspace, 'etc', 'runmirrors.mirror'), `${lines.join('\n')}\n`);
}
