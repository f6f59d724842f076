import * as vscode from 'vscode';
import type { LogBuffer } from '../engine/logs/buffer';

export const LOG_SCHEME = 'pushmirror-log';

/**
 * Serves each tail's bounded buffer as a read-only document. Change events are coalesced, so a burst
 * of appended lines costs one refresh; VS Code applies the difference as an edit and keeps the view.
 */
export class LogDocumentProvider implements vscode.FileSystemProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  private readonly buffers = new Map<string, LogBuffer>();
  private readonly modified = new Map<string, number>();
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly refreshMs = 100) {}

  attach(uri: vscode.Uri, buffer: LogBuffer): void {
    this.buffers.set(uri.toString(), buffer);
    this.modified.set(uri.toString(), Date.now());
  }

  detach(uri: vscode.Uri): void {
    const key = uri.toString();
    this.buffers.delete(key);
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
  }

  /** Called after the buffer changed; at most one refresh per `refreshMs` per document. */
  changed(uri: vscode.Uri): void {
    const key = uri.toString();
    if (this.pending.has(key)) return;
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        // mtime must move forward or VS Code may treat the file as unchanged.
        this.modified.set(key, Math.max(Date.now(), (this.modified.get(key) ?? 0) + 1));
        this.emitter.fire([{ type: vscode.FileChangeType.Changed, uri }]);
      }, this.refreshMs),
    );
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const buffer = this.buffer(uri);
    const mtime = this.modified.get(uri.toString()) ?? Date.now();
    return {
      type: vscode.FileType.File,
      ctime: mtime,
      mtime,
      size: Buffer.byteLength(buffer.text()),
      permissions: vscode.FilePermission.Readonly,
    };
  }

  readFile(uri: vscode.Uri): Uint8Array {
    return Buffer.from(this.buffer(uri).text(), 'utf8');
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('tails are read-only'));
  }

  writeFile(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('tails are read-only'));
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('tails are read-only'));
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('tails are read-only'));
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.emitter.dispose();
  }

  private buffer(uri: vscode.Uri): LogBuffer {
    const buffer = this.buffers.get(uri.toString());
    if (!buffer) throw vscode.FileSystemError.FileNotFound(uri);
    return buffer;
  }
}
