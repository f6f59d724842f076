import type { Fix } from '../types';
import { decodeBase64, decodeKey, type DecodeResult } from './keyblob';

// Keys pasted in a format sshd does not read on an authorized_keys line: an RFC 4716 ("SSH2",
// PuTTYgen's export) or PEM public key, or a private key (PEM, OpenSSH, PuTTY .ppk). sshd tries every
// line of such a block as a key line and skips each one (logged only at DEBUG2); we report the block
// once, and for RFC 4716 offer the one-line form `ssh-keygen -i` would print.

export interface ForeignBlock {
  /** Index of the block's last physical line (inclusive) in the lines given. */
  lastLine: number;
  message: string;
  /** The key inside, when it is an RFC 4716 public key that decodes. */
  decoded?: DecodeResult;
  fix?: Omit<Fix, 'edits'> & { newText: string };
}

interface LineText {
  text: string;
}

const RFC4716_BEGIN = /^---- BEGIN SSH2 PUBLIC KEY ----\s*$/;
const RFC4716_END = /^---- END SSH2 PUBLIC KEY ----\s*$/;
const PEM_BEGIN = /^-----BEGIN ([A-Z0-9 ]+)-----\s*$/;
const PPK = /^PuTTY-User-Key-File-\d+:/;

/** The block starting at `lines[at]` (text without the line break), when it is one. */
export function foreignBlock(lines: readonly LineText[], at: number): ForeignBlock | undefined {
  const first = lines[at].text.trim();
  if (RFC4716_BEGIN.test(first)) return rfc4716(lines, at);
  const pem = PEM_BEGIN.exec(first);
  if (pem) {
    const label = pem[1];
    const end = findLine(lines, at + 1, (t) => t === `-----END ${label}-----`);
    if (/PRIVATE KEY/.test(label)) {
      return {
        lastLine: end,
        message: `A private key (${label}) in authorized_keys: sshd does not read it, and it must not be here at all. Remove it, and treat the key as exposed; put the matching public key line (\`ssh-keygen -y -f KEY\`) here instead.`,
      };
    }
    const how = label === 'RSA PUBLIC KEY' ? 'ssh-keygen -i -m PEM -f key.pem' : 'ssh-keygen -i -m PKCS8 -f key.pem';
    return {
      lastLine: end,
      message: `A PEM public key (${label}): sshd reads only one-line OpenSSH keys and skips each of these lines. Convert it with \`${how}\` and put the resulting line here.`,
    };
  }
  if (PPK.test(first)) {
    const end = findLine(lines, at + 1, (t) => /^Private-MAC:/.test(t));
    return {
      lastLine: end,
      message:
        'A PuTTY private key file (.ppk) in authorized_keys: sshd does not read it, and the private key must not be here at all. Remove it, and treat the key as exposed; in PuTTYgen copy the "Public key for pasting into OpenSSH authorized_keys file" instead.',
    };
  }
  return undefined;
}

function findLine(lines: readonly LineText[], from: number, test: (trimmed: string) => boolean): number {
  for (let i = from; i < lines.length; i++) if (test(lines[i].text.trim())) return i;
  return lines.length - 1;
}

function rfc4716(lines: readonly LineText[], at: number): ForeignBlock {
  const end = findLine(lines, at + 1, (t) => RFC4716_END.test(t));
  const bodyEnd = RFC4716_END.test(lines[end].text.trim()) ? end : end + 1;
  let comment: string | undefined;
  let body = '';
  let header: { tag: string; value: string } | undefined;
  for (let i = at + 1; i < bodyEnd; i++) {
    const t = lines[i].text.trim();
    // Header lines are `Tag: value`, continued by a trailing backslash (RFC 4716 section 3.3).
    const start = header ? undefined : /^([\x21-\x39\x3b-\x7e]{1,64}):\s*(.*)$/.exec(t);
    if (header || start) {
      header = header ? { tag: header.tag, value: header.value + t } : { tag: start![1], value: start![2] };
      if (header.value.endsWith('\\')) {
        header.value = header.value.slice(0, -1);
        continue;
      }
      if (/^comment$/i.test(header.tag)) comment = header.value.replace(/^"(.*)"$/, '$1');
      header = undefined;
      continue;
    }
    body += t;
  }
  const decoded = body ? decodeKey(body) : undefined;
  const base =
    'A key in RFC 4716 format (PuTTYgen\'s or an "SSH2" export): sshd reads only one-line OpenSSH keys and skips each of these lines.';
  const bytes = decoded?.ok ? decodeBase64(body) : undefined;
  if (decoded?.ok && bytes) {
    const line = `${decoded.key.typeName} ${Buffer.from(bytes).toString('base64')}${comment ? ` ${comment.replace(/\s+/g, ' ')}` : ''}`;
    return {
      lastLine: end,
      message: `${base} Write it as one line: \`${decoded.key.typeName} AAAA…\` (what \`ssh-keygen -i -f key.pub\` prints).`,
      decoded,
      fix: { title: 'Convert to an OpenSSH key line', preferred: true, newText: line },
    };
  }
  return {
    lastLine: end,
    message: `${base} Convert it with \`ssh-keygen -i -f key.pub\` and put the resulting line here.`,
    ...(decoded ? { decoded } : {}),
  };
}
