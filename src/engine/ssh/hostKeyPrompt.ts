import { fingerprintLine, keyBits } from '../knownHosts/keyInfo';
import { blobType, fingerprint, hostName } from '../knownHosts/parse';

// Asking a person about host keys known_hosts does not have. The engine asks in batches: keys that
// arrive while a question is open, or within a short window after the first, are asked together
// (fifty new downstreams must not open fifty dialogs), each distinct key once, one answer per key.
// The extension shows a modal whose default button refuses; the CLI answers by --accept-new.

export interface UnknownHostKey {
  host: string;
  port: number;
  keyType: string;
  bits: number;
  fingerprint: string;
  /** as `ssh-keygen -lf` prints it */
  display: string;
}

/** remember: trust and write to known_hosts (hashed); once: trust for this push only; refuse. */
export type HostKeyDecision = 'remember' | 'once' | 'refuse';

/** One decision per key, in order. Must not throw; a missing answer counts as refuse. */
export type ConfirmUnknownHosts = (keys: readonly UnknownHostKey[]) => Promise<HostKeyDecision[]>;

export function unknownHostKey(host: string, port: number, blob: Buffer): UnknownHostKey {
  return {
    host,
    port,
    keyType: blobType(blob) ?? 'unknown',
    bits: keyBits(blob),
    fingerprint: fingerprint(blob),
    display: fingerprintLine(host, port, blob),
  };
}

const keyId = (k: UnknownHostKey) => `${hostName(k.host.toLowerCase(), k.port)} ${k.fingerprint}`;

/** Decisions already taken in one push: stage2 is not asked again what stage1 was. */
export type DecisionMemo = Map<string, HostKeyDecision>;

interface Pending {
  key: UnknownHostKey;
  answer: Promise<HostKeyDecision>;
  settle: (d: HostKeyDecision) => void;
}

export class HostKeyQuestions {
  private waiting: Pending[] = [];
  /** Keys waiting or on screen, by id, so a second downstream with the same host key joins the first. */
  private readonly byId = new Map<string, Pending>();
  private open = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly confirm: ConfirmUnknownHosts,
    private readonly windowMs = 250,
  ) {}

  ask(key: UnknownHostKey, memo?: DecisionMemo): Promise<HostKeyDecision> {
    const id = keyId(key);
    const known = memo?.get(id);
    if (known) return Promise.resolve(known);
    let p = this.byId.get(id);
    if (!p) {
      let settle!: (d: HostKeyDecision) => void;
      const answer = new Promise<HostKeyDecision>((resolve) => (settle = resolve));
      p = { key, answer, settle };
      this.byId.set(id, p);
      this.waiting.push(p);
      if (!this.open && !this.timer) this.timer = setTimeout(() => void this.flush(), this.windowMs);
    }
    return p.answer.then((d) => {
      memo?.set(id, d);
      return d;
    });
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    if (this.open || !this.waiting.length) return;
    const batch = this.waiting;
    this.waiting = [];
    this.open = true;
    let decisions: HostKeyDecision[] = [];
    try {
      decisions = await this.confirm(batch.map((p) => p.key));
    } catch {
      // A failed question trusts nothing.
    }
    batch.forEach((p, i) => {
      this.byId.delete(keyId(p.key));
      const d = decisions[i];
      p.settle(d === 'remember' || d === 'once' ? d : 'refuse');
    });
    this.open = false;
    // Keys that came while the question was open are asked now, together.
    if (this.waiting.length) void this.flush();
  }
}
