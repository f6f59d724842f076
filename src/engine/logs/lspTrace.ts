import type { LanguageId } from '../../../server/src/core/types';

// The language client's trace (`pushMirror.trace.server`: messages or verbose) goes to our log. At
// verbose, vscode-jsonrpc writes every message's parameters, so the text of an open secrets file (its
// passwords) would land in the log with every didOpen and didChange. Every trace line passes through
// here first:
// - document text is never logged, in any language: `text` of didOpen, didChange and didSave becomes
//   its length. The trace is for seeing which messages flow and when; any open file may hold a secret,
//   and the text is in the editor anyway.
// - a message about an rsync secrets file (its URI anywhere in it, or the response to a request that
//   named it) is logged without its content: diagnostics, hovers, symbols or edits of that file could
//   quote a password too.
// A line that cannot be read is not logged as it is: a trace may lose detail, never keep a secret.

export const SECRETS_LANGUAGE: LanguageId = 'rsyncd-secrets';
const TEXT_NOTIFICATIONS = new Set(['textDocument/didOpen', 'textDocument/didChange', 'textDocument/didSave']);
/** Requests about a secrets file whose response is not in yet; bounded, in case a response never comes. */
const MAX_PENDING = 1000;

const HEADER =
  /^(?:\[[^\]]*\] )?(Sending|Received) (request|notification|response) '([^'\s]+)(?: - \(([^)]+)\))?'|^(?:\[[^\]]*\] )?Received response (\S+) without/;
const PAYLOAD = /^(Params|Result|Error data): /;

export class TraceRedactor {
  private readonly secretUris = new Set<string>();
  private readonly pendingSecret = new Set<string>();

  /** `isSecretsDocument` answers for documents the trace has not seen opened (e.g. from the editor's state). */
  constructor(private readonly isSecretsDocument: (uri: string) => boolean = () => false) {}

  /** A trace line as the language client hands it to its channel: header, newline, payload. */
  redact(line: string): string {
    if (line.startsWith('{')) return this.redactJsonFormat(line);
    const newline = line.indexOf('\n');
    if (newline < 0) return line;
    const header = line.slice(0, newline);
    const data = line.slice(newline + 1);
    const payload = PAYLOAD.exec(data);
    if (!payload) return line;
    const h = HEADER.exec(header);
    const kind = h?.[2] ?? (h?.[5] ? 'response' : undefined);
    const method = h?.[3];
    const id = h?.[4] ?? h?.[5];
    const json = data.slice(payload[0].length);
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      return `${header}\n${payload[1]}: <${json.length} characters not logged: not readable as JSON>`;
    }
    const out = this.redactPayload(kind, method, id, value, h?.[1] === 'Sending');
    if (out === value) return line;
    const pretty = /\n {4}/.test(json);
    return `${header}\n${payload[1]}: ${typeof out === 'string' ? out : JSON.stringify(out, null, pretty ? 4 : undefined)}`;
  }

  /** `trace.server.format: json`: the whole message as one JSON object. */
  private redactJsonFormat(line: string): string {
    let entry: { isLSPMessage?: boolean; type?: string; message?: Record<string, unknown> };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      return `<${line.length} characters not logged: not readable as JSON>`;
    }
    const message = entry.message;
    if (!entry.isLSPMessage || !message) return line;
    const [direction, kind] = (entry.type ?? '').split('-');
    const sending = direction === 'send';
    const key = 'params' in message ? 'params' : 'result' in message ? 'result' : undefined;
    if (!key) return line;
    const out = this.redactPayload(
      kind,
      typeof message.method === 'string' ? message.method : undefined,
      message.id === undefined ? undefined : String(message.id),
      message[key],
      sending,
    );
    return out === message[key] ? line : JSON.stringify({ ...entry, message: { ...message, [key]: out } });
  }

  private redactPayload(
    kind: string | undefined,
    method: string | undefined,
    id: string | undefined,
    value: unknown,
    sending: boolean,
  ): unknown {
    if (method === 'textDocument/didOpen') {
      const doc = (value as { textDocument?: { uri?: unknown; languageId?: unknown } })?.textDocument;
      if (doc?.languageId === SECRETS_LANGUAGE && typeof doc.uri === 'string') this.secretUris.add(doc.uri);
    }
    // A response is matched to its request by id and direction (our requests' ids and the server's overlap).
    const requestKey = id === undefined ? undefined : `${sending ? 'out' : 'in'}:${id}`;
    const responseKey = id === undefined ? undefined : `${sending ? 'in' : 'out'}:${id}`;
    if (kind === 'response') {
      if (responseKey && this.pendingSecret.delete(responseKey)) return this.notLogged(value, 'the response');
      return value;
    }
    const uri = this.secretUriIn(value);
    if (uri) {
      if (kind === 'request' && requestKey) {
        if (this.pendingSecret.size >= MAX_PENDING) this.pendingSecret.clear();
        this.pendingSecret.add(requestKey);
      }
      return this.notLogged(value, uri);
    }
    return method && TEXT_NOTIFICATIONS.has(method) ? withoutText(value) : value;
  }

  private notLogged(value: unknown, about: string): string {
    const size = JSON.stringify(value)?.length ?? 0;
    return `<${size} characters not logged: about an rsync secrets file (${about})>`;
  }

  /** The first string (value or key) anywhere in the payload that names a secrets document. */
  private secretUriIn(value: unknown, depth = 0): string | undefined {
    if (depth > 32) return undefined;
    if (typeof value === 'string') return this.isSecret(value) ? value : undefined;
    if (!value || typeof value !== 'object') return undefined;
    if (Array.isArray(value)) {
      for (const item of value) {
        const found = this.secretUriIn(item, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    for (const [key, item] of Object.entries(value)) {
      if (this.isSecret(key)) return key;
      const found = this.secretUriIn(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  private isSecret(text: string): boolean {
    if (!/^[a-z][a-z0-9+.-]*:/.test(text)) return false;
    return this.secretUris.has(text) || this.isSecretsDocument(text);
  }
}

/** didOpen/didChange/didSave parameters with every `text` replaced by its length. */
function withoutText(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const p = value as { textDocument?: Record<string, unknown>; contentChanges?: unknown[]; text?: unknown };
  const hidden = (text: unknown) => (typeof text === 'string' ? `<${text.length} characters not logged>` : text);
  return {
    ...p,
    ...(p.textDocument && 'text' in p.textDocument
      ? { textDocument: { ...p.textDocument, text: hidden(p.textDocument.text) } }
      : {}),
    ...(Array.isArray(p.contentChanges)
      ? {
          contentChanges: p.contentChanges.map((c) =>
            c && typeof c === 'object' && 'text' in c ? { ...c, text: hidden((c as { text: unknown }).text) } : c,
          ),
        }
      : {}),
    ...('text' in p ? { text: hidden(p.text) } : {}),
  };
}
