import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// A forced command for a test key (`restrict,command="<script>"`) that records each login instead of
// syncing: what the upstream asked for (SSH_ORIGINAL_COMMAND) and where from (SSH_CONNECTION), one
// line each per login, and it answers "signal received" (runmirrors logs the reply). sshd runs it as
// the unprivileged test user (sshd.ts), so its directory is writable for everyone.

const SCRIPT = `#!/bin/sh
# Forced command: what the upstream asked for, one line per login.
printf '%s\\n' "$SSH_ORIGINAL_COMMAND" >> "$(dirname "$0")/commands"
printf '%s\\n' "$SSH_CONNECTION" >> "$(dirname "$0")/connections"
echo "signal received"
`;

export class CommandRecorder {
  readonly dir: string;
  /** The forced command for authorized_keys. */
  readonly script: string;
  /** SSH_ORIGINAL_COMMAND of each login, one a line. */
  readonly commandsFile: string;
  /** SSH_CONNECTION of each login: `client port server port`. */
  readonly connectionsFile: string;

  private constructor(dir: string) {
    this.dir = dir;
    this.script = path.join(dir, 'record.sh');
    this.commandsFile = path.join(dir, 'commands');
    this.connectionsFile = path.join(dir, 'connections');
  }

  /** Writes the script into a fresh directory. Call `dispose()` in `after()`. */
  static create(): CommandRecorder {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-recorder-'));
    fs.chmodSync(dir, 0o777);
    const recorder = new CommandRecorder(dir);
    fs.writeFileSync(recorder.script, SCRIPT, { mode: 0o755 });
    return recorder;
  }

  /** The authorized_keys line that forces this recorder on `keyLine` (a .pub line). */
  authorizedKeysLine(keyLine: string): string {
    return `restrict,command="${this.script}" ${keyLine}\n`;
  }

  /** The commands received so far, oldest first; none before the first login. */
  commands(): string[] {
    return readLines(this.commandsFile);
  }

  /** The SSH_CONNECTION of each login so far, oldest first. */
  connections(): string[] {
    return readLines(this.connectionsFile);
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function readLines(file: string): string[] {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}
