import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '../../support/process';
import { generateKey, type Sshd } from '../../support/sshd';
import type { KeySet } from '../../unit/authkeys/real-world-keys';

// sshd as the oracle for one authorized_keys line. The client offers the public key only (`-i
// key.pub`, no private key): sshd then reads the file exactly as for a login and answers "key
// accepted" (SSH2_MSG_USERAUTH_PK_OK) only when the line parses, holds the key and its `from=`,
// `expiry-time` and `principals` allow it. Nothing runs on the server, so the real-world forced
// commands (some of which exist on this machine, like /usr/bin/ftpsync) are never started. sshd's
// DEBUG log then says why a line was refused and which options were in effect.

export interface Observation {
  /** sshd answered PK_OK: it would log the key in (given the signature). */
  accepted: boolean;
  /** Why sshd refused, from its log (`unknown key option`, `advance`, `not from a permitted host`, …). */
  reason?: string;
  /** `key options: …` as sshd logs them for an accepted key (permissions in effect). */
  flags?: string[];
  /** The forced command exactly as sshd will run it (only its start when the log line was cut). */
  command?: string;
  commandCut?: boolean;
  log: string;
}

/** ssh-keygen keys for every fixture key name; sk keys are public halves built from fresh points (no token needed for PK_OK). */
export async function generateFixtureKeys(dir: string): Promise<{ keys: KeySet; identity: Record<string, string[]> }> {
  const specs: [string, string, number?][] = [
    ['ED25519', 'ed25519'],
    ['ED25519B', 'ed25519'],
    ['RSA', 'rsa', 3072],
    ['RSA4096', 'rsa', 4096],
    ['RSA1024', 'rsa', 1024],
    ['ECDSA256', 'ecdsa', 256],
    ['ECDSA384', 'ecdsa', 384],
    ['ECDSA521', 'ecdsa', 521],
    ['DSA', 'dsa'],
    ['CA', 'ed25519'],
    ['CERTUSER', 'ed25519'],
    ['SKPOINT_ED', 'ed25519'],
    ['SKPOINT_EC', 'ecdsa', 256],
  ];
  const made = await Promise.all(specs.map(([name, type, bits]) => generateKey(dir, name.toLowerCase(), type, bits)));
  const keys: KeySet = {};
  const identity: Record<string, string[]> = {};
  for (const [i, [name]] of specs.entries()) {
    const [type, blob] = made[i].line.split(' ');
    keys[name] = { type, blob };
    identity[name] = ['-i', made[i].publicKey];
  }
  identity.DSA.push('-o', 'PubkeyAcceptedAlgorithms=+ssh-dss');
  const certUser = made[specs.findIndex(([n]) => n === 'CERTUSER')];
  const sign = await run('ssh-keygen', [
    '-q',
    '-s',
    path.join(dir, 'ca'),
    '-I',
    'heidi',
    '-n',
    'mirror',
    '-V',
    '+1d',
    certUser.publicKey,
  ]);
  if (sign.code !== 0) throw new Error(`ssh-keygen -s: ${sign.stderr}`);
  const certFile = certUser.publicKey.replace(/\.pub$/, '-cert.pub');
  const [certType, certBlob] = fs.readFileSync(certFile, 'utf8').split(' ');
  keys.CERT = { type: certType, blob: certBlob };
  // A certificate line holds the user's key: the plain key logs in with it. A CA line needs the certificate.
  identity.CERT = ['-i', certUser.publicKey];
  identity.CA = ['-i', certFile];
  // FIDO keys: the same wire format with the application string; sshd reads them without a token.
  const wire = (...parts: (Buffer | string)[]) =>
    Buffer.concat(
      parts.flatMap((p) => {
        const b = Buffer.from(p);
        const len = Buffer.alloc(4);
        len.writeUInt32BE(b.length);
        return [len, b];
      }),
    );
  const fields = (blob: string) => {
    const b = Buffer.from(blob, 'base64');
    const out: Buffer[] = [];
    for (let at = 0; at < b.length;) {
      const n = b.readUInt32BE(at);
      out.push(b.subarray(at + 4, at + 4 + n));
      at += 4 + n;
    }
    return out;
  };
  const [, edPoint] = fields(keys.SKPOINT_ED.blob);
  const [, curve, ecPoint] = fields(keys.SKPOINT_EC.blob);
  keys.SKED = {
    type: 'sk-ssh-ed25519@openssh.com',
    blob: wire('sk-ssh-ed25519@openssh.com', edPoint, 'ssh:').toString('base64'),
  };
  keys.SKEC = {
    type: 'sk-ecdsa-sha2-nistp256@openssh.com',
    blob: wire('sk-ecdsa-sha2-nistp256@openssh.com', curve, ecPoint, 'ssh:').toString('base64'),
  };
  for (const name of ['SKED', 'SKEC']) {
    const file = path.join(dir, `${name.toLowerCase()}.pub`);
    fs.writeFileSync(file, `${keys[name].type} ${keys[name].blob} ${name}\n`);
    identity[name] = ['-i', file];
  }
  return { keys, identity };
}

const REASONS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/bad key options: (.*)$/m, (m) => m[1].trim()],
  [/(invalid key option string)/m, (m) => m[1]],
  [/advance: '/m, () => 'advance'],
  [/(invalid from criteria)/m, (m) => m[1]],
  [/(not from a permitted host)/m, (m) => m[1]],
  [/(entry expired)/m, (m) => m[1]],
  [/(principals on non-CA key)/m, (m) => m[1]],
  [/(Certificate does not contain an authorized principal)/m, (m) => m[1]],
  [/(signature algorithm \S+ not in PubkeyAcceptedAlgorithms)/m, (m) => m[1]],
];

/** Installs `line` as the whole authorized_keys and offers the key named `name`. */
export async function observe(sshd: Sshd, line: string, identity: string[]): Promise<Observation> {
  sshd.writeAuthorizedKeys(line);
  const before = sshd.log.length;
  const r = await sshd.ssh(identity[1], ['true'], { extra: ['-v', ...identity.slice(2)] });
  // The preauth child logs through the monitor: wait for the end of this connection in the log.
  let log = '';
  for (let i = 0; i < 100; i++) {
    log = sshd.log.slice(before);
    if (/Connection closed|Disconnected from|Accepted publickey/.test(log)) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const accepted = /Server accepts key/.test(r.stderr);
  let reason: string | undefined;
  for (const [re, pick] of REASONS) {
    const m = log.match(re);
    if (m) {
      reason = pick(m);
      break;
    }
  }
  // sshd 9.2 prints `expires` without a space before it (`agent-forwardingexpires`).
  const flags = /key options:([^\n]*)/
    .exec(log)?.[1]
    .replace(/expires/, ' expires')
    .replace(/\[preauth\]/, '')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  // sshd logs through strnvis (VIS_CSTYLE: a backslash is written `\\`) and cuts messages at 1 KB.
  const logged = /forced command: "(.*)$/m.exec(log)?.[1].replace(/ \[preauth\]$/, '');
  const whole = logged?.endsWith('"');
  const command = logged === undefined ? undefined : unvis(whole ? logged.slice(0, -1) : logged);
  return {
    accepted,
    ...(reason ? { reason } : {}),
    ...(flags ? { flags } : {}),
    ...(command !== undefined ? { command, commandCut: !whole } : {}),
    log,
  };
}

/** strunvis for the C-style escapes sshd's log uses. */
function unvis(s: string): string {
  return s.replace(/\\(\\|n|t|r|[0-7]{3})/g, (_m, e: string) =>
    e === '\\' ? '\\' : e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : String.fromCharCode(parseInt(e, 8)),
  );
}
