import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const SERVER = path.resolve(__dirname, '../../dist/server.js');

/**
 * The built language server in a child process, spoken to over stdio like any editor would.
 * Waits are on events (publishDiagnostics), bounded by a deadline; nothing sleeps.
 */
export class LspProcess {
  readonly connection: ProtocolConnection;
  private readonly child: ChildProcess;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: (() => void)[] = [];
  /** How many times diagnostics were published for each URI. */
  readonly published = new Map<string, number>();
  stderr = '';
  /** `window/logMessage` lines from the server, in order. */
  readonly logs: string[] = [];

  constructor(options: { settings?: unknown; cwd?: string } = {}) {
    this.child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], cwd: options.cwd });
    this.child.stderr!.on('data', (d) => (this.stderr += d.toString()));
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.child.stdout!),
      new StreamMessageWriter(this.child.stdin!),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      this.published.set(params.uri, (this.published.get(params.uri) ?? 0) + 1);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
      params.items.map(() => options.settings ?? null),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  /** The server's process id (benchmarks read its memory from /proc). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  async initialize(
    rootPath?: string,
    capabilities: Record<string, unknown> = {},
    initializationOptions?: unknown,
  ): Promise<Record<string, unknown>> {
    const rootUri = rootPath ? pathToFileURL(rootPath).href : null;
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null,
      capabilities,
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result as Record<string, unknown>;
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version, text },
    });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  /** An incremental change, as an editor sends for a keystroke: `text` replaces the range. */
  edit(
    uri: string,
    version: number,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
    text: string,
  ): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
  }

  /** Resolves with the first published diagnostics for `uri` that satisfy `accept`. */
  async waitForDiagnostics(
    uri: string,
    accept: (d: Diagnostic[], version?: number) => boolean = () => true,
    timeoutMs = 10000,
  ): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = this.diagnostics.get(uri);
      if (current && accept(current.diagnostics, current.version)) return current.diagnostics;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(current)}; stderr: ${this.stderr}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves with the first log line from the server (after `from` lines) that matches. */
  async waitForLog(pattern: RegExp, from = 0, timeoutMs = 10000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.logs.slice(from).find((l) => pattern.test(l));
      if (line !== undefined) return line;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no log line matching ${pattern} within ${timeoutMs} ms; logs: ${this.logs.join('\n')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The process may already be gone; it is killed below either way.
    }
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.pid) {
      const exited = new Promise((r) => this.child.once('exit', r));
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    }
  }
}
