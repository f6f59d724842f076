import * as path from 'node:path';
import * as vscode from 'vscode';
import { LogBuffer } from '../engine/logs/buffer';
import { FileTail, type TailEvent } from '../engine/logs/tail';
import { LOG_SCHEME, LogDocumentProvider } from './logDocuments';

/** What a tail follows: a file on this host, or one reached through a remote tail the caller starts. */
export interface TailSource {
  label: string;
  /** Shown in the document's path, so the ftpsync-log language association applies by name. */
  fileName: string;
  /** A stable key: the same source tailed twice reuses its document. */
  key: string;
  start(listener: (event: TailEvent) => void): Promise<RunningTail>;
}

/** A started tail. `resume` (when offered) continues where `stop` left off instead of starting over. */
export interface RunningTail {
  stop(): Promise<void> | void;
  resume?(): Promise<void>;
}

export interface TailSession {
  readonly uri: vscode.Uri;
  readonly source: TailSource;
  readonly buffer: LogBuffer;
  state: 'following' | 'waiting' | 'stopped' | 'failed';
  /** Why the tail stopped by itself (the log became a FIFO, …), shown in the status bar. */
  stoppedBecause?: string;
  /** The file a symlinked log name points to, when it is one (`tail -F` follows it too). */
  linkTarget?: string;
}

export interface TailSettings {
  initialLines: number;
  maxLines: number;
}

const t = vscode.l10n.t;

/** A tail's state in the status bar and the tail picker. */
export function tailStateWords(state: TailSession['state']): string {
  switch (state) {
    case 'following':
      return t('following');
    case 'waiting':
      return t('waiting');
    case 'stopped':
      return t('stopped');
    case 'failed':
      return t('failed');
  }
}

/** Owns every tail: its buffer, its read-only document, following the end in open editors, the status bar. */
export class TailManager implements vscode.Disposable {
  private readonly sessions = new Map<string, TailSession & { running?: RunningTail; paused?: RunningTail }>();
  private readonly follow = new WeakMap<vscode.TextEditor, boolean>();
  private readonly status: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private nextId = 1;
  /** Tails whose document is being given the ftpsync-log language (VS Code closes and reopens it). */
  private readonly relabelling = new Set<string>();

  constructor(
    private readonly provider: LogDocumentProvider,
    private readonly log: vscode.LogOutputChannel,
    private readonly settings: () => TailSettings,
  ) {
    this.status = vscode.window.createStatusBarItem('pushMirror.tailStatus', vscode.StatusBarAlignment.Left, 50);
    this.status.name = t('Push Mirror log tail');
    this.status.command = 'pushMirror.jumpToLastError';
    this.disposables.push(
      this.status,
      vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        if (e.textEditor.document.uri.scheme !== LOG_SCHEME) return;
        const last = e.visibleRanges[e.visibleRanges.length - 1];
        // Following stops when the user scrolls up and resumes when they scroll back to the end.
        this.follow.set(e.textEditor, !last || last.end.line >= e.textEditor.document.lineCount - 3);
      }),
      // Closing a tail's editor ends the tail: nothing keeps reading a log nobody looks at. Setting the
      // document's language also closes and reopens it: that is not the user closing the tail.
      vscode.workspace.onDidCloseTextDocument((doc) => {
        const key = doc.uri.toString();
        if (!this.relabelling.has(key)) return void this.close(doc.uri);
        // Closed while its language was set: ended only if it did not come back.
        setTimeout(() => {
          if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) void this.close(doc.uri);
        }, 1000);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.scheme !== LOG_SCHEME) return;
        for (const editor of vscode.window.visibleTextEditors) {
          if (editor.document === e.document && this.follow.get(editor) !== false) this.revealEnd(editor);
        }
        if (vscode.window.activeTextEditor?.document === e.document) this.updateStatus();
      }),
    );
  }

  /** Starts (or shows again) the tail of `source` and opens its document. */
  async open(source: TailSource): Promise<TailSession> {
    const existing = [...this.sessions.values()].find((s) => s.source.key === source.key);
    if (existing) {
      if (existing.state === 'stopped' || existing.state === 'failed') await this.resume(existing);
      await this.show(existing);
      return existing;
    }
    const uri = vscode.Uri.from({ scheme: LOG_SCHEME, path: `/${this.nextId++}/${this.uniqueName(source.fileName)}` });
    const session: TailSession = { uri, source, buffer: new LogBuffer(this.settings().maxLines), state: 'following' };
    this.sessions.set(uri.toString(), session);
    this.provider.attach(uri, session.buffer);
    await this.resume(session);
    await this.show(session);
    return session;
  }

  /**
   * The tab title: the source's name, numbered when another open tail already has it, so the tab
   * itself tells the tails apart (VS Code would otherwise add the path's `1`, `2` folder to them).
   */
  private uniqueName(fileName: string): string {
    const taken = new Set([...this.sessions.values()].map((s) => path.posix.basename(s.uri.path)));
    if (!taken.has(fileName)) return fileName;
    for (let n = 2; ; n++) if (!taken.has(`${fileName} (${n})`)) return `${fileName} (${n})`;
  }

  sessionFor(uri: vscode.Uri | undefined): TailSession | undefined {
    return uri ? this.sessions.get(uri.toString()) : undefined;
  }

  all(): TailSession[] {
    return [...this.sessions.values()];
  }

  async stop(session: TailSession): Promise<void> {
    const s = this.sessions.get(session.uri.toString());
    if (!s?.running) return;
    await s.running.stop();
    s.paused = s.running;
    s.running = undefined;
    s.state = 'stopped';
    this.note(s, `── ${t('stopped {0}', new Date().toLocaleTimeString())} ──`);
    this.log.info(`tail stopped: ${s.source.label}`);
  }

  async resume(session: TailSession): Promise<void> {
    const s = this.sessions.get(session.uri.toString());
    if (!s || s.running) return;
    s.state = 'following';
    s.stoppedBecause = undefined;
    if (s.buffer.lineCount) this.note(s, `── ${t('resumed {0}', new Date().toLocaleTimeString())} ──`);
    try {
      const paused = s.paused;
      s.paused = undefined;
      const running = paused?.resume
        ? await paused.resume().then(() => paused)
        : await s.source.start((event) => this.onEvent(s, event));
      // It may have stopped by itself while starting (the log is a FIFO): keep it ready to resume.
      if ((s.state as TailSession['state']) === 'stopped') s.paused = running;
      else s.running = running;
      this.log.info(`tail started: ${s.source.label}`);
    } catch (error) {
      s.state = 'failed';
      this.note(s, `── ${t('could not follow {0}: {1}', s.source.label, (error as Error).message)} ──`);
      this.log.error(`tail of ${s.source.label} failed: ${(error as Error).message}`);
    }
    this.provider.changed(s.uri);
    this.updateStatus();
  }

  private async close(uri: vscode.Uri): Promise<void> {
    const s = this.sessions.get(uri.toString());
    if (!s) return;
    this.sessions.delete(uri.toString());
    await s.running?.stop();
    this.provider.detach(uri);
    this.log.info(`tail closed: ${s.source.label}`);
  }

  /** Moves the cursor of the tail's editor to its last error line. */
  async jumpToLastError(session: TailSession): Promise<boolean> {
    const line = session.buffer.lastErrorLine;
    if (line === undefined) return false;
    const editor = await this.show(session);
    const range = editor.document.lineAt(Math.min(line, editor.document.lineCount - 1)).range;
    this.follow.set(editor, false);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
    return true;
  }

  private onEvent(session: TailSession & { running?: RunningTail; paused?: RunningTail }, event: TailEvent): void {
    switch (event.kind) {
      case 'lines':
        session.buffer.append(event.lines);
        break;
      case 'truncated':
        this.note(session, `── ${t('the log was truncated; reading it from its start')} ──`);
        break;
      case 'rotated':
        this.note(session, `── ${t('the log was rotated; following the new file')} ──`);
        break;
      case 'missing':
        session.state = 'waiting';
        this.note(session, `── ${t('the log does not exist (yet); waiting for it')} ──`);
        break;
      case 'stopped':
        // The engine stopped by itself; Resume asks it to look again.
        session.state = 'stopped';
        session.stoppedBecause = event.reason;
        if (session.running) session.paused = session.running;
        session.running = undefined;
        this.note(session, `── ${t('stopped: {0}', event.reason)} ──`);
        this.log.warn(`tail ${session.source.label} stopped: ${event.reason}`);
        break;
      case 'link':
        session.linkTarget = event.target;
        this.note(
          session,
          event.target
            ? `── ${t('following {0}', `${session.source.fileName} → ${event.target}`)} ──`
            : `── ${t('{0} is no longer a symbolic link; following it', session.source.fileName)} ──`,
        );
        break;
      case 'error':
        this.note(session, `── ${event.message} ──`);
        this.log.warn(`tail ${session.source.label}: ${event.message}`);
        break;
    }
    if (event.kind === 'lines' || event.kind === 'rotated') session.state = 'following';
    if (event.kind === 'lines' || event.kind === 'rotated' || event.kind === 'link') session.stoppedBecause = undefined;
    this.provider.changed(session.uri);
    this.updateStatus();
  }

  private note(session: TailSession, text: string): void {
    session.buffer.mark(text);
    this.provider.changed(session.uri);
  }

  private async show(session: TailSession): Promise<vscode.TextEditor> {
    let doc = await vscode.workspace.openTextDocument(session.uri);
    if (doc.languageId !== 'ftpsync-log') {
      // A name such as `eu.two.log` or `ftpsync.log — eu.two` is not the grammar's by name.
      const key = session.uri.toString();
      this.relabelling.add(key);
      try {
        doc = await vscode.languages.setTextDocumentLanguage(doc, 'ftpsync-log');
      } finally {
        this.relabelling.delete(key);
      }
    }
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    this.revealEnd(editor);
    this.updateStatus();
    return editor;
  }

  private revealEnd(editor: vscode.TextEditor): void {
    const end = new vscode.Position(Math.max(0, editor.document.lineCount - 1), 0);
    editor.revealRange(new vscode.Range(end, end), vscode.TextEditorRevealType.Default);
  }

  private updateStatus(): void {
    const session = this.sessionFor(vscode.window.activeTextEditor?.document.uri);
    if (!session) {
      this.status.hide();
      return;
    }
    const icon = { following: '$(pulse)', waiting: '$(watch)', stopped: '$(debug-pause)', failed: '$(error)' }[
      session.state
    ];
    const { errors, warnings } = session.buffer;
    const state = session.stoppedBecause
      ? t('stopped: {0}', session.stoppedBecause)
      : session.linkTarget && session.state === 'following'
        ? t('following {0}', `→ ${path.basename(session.linkTarget)}`)
        : tailStateWords(session.state);
    const errorCount = errors === 1 ? t('1 error') : t('{0} errors', errors);
    const warningCount = warnings === 1 ? t('1 warning') : t('{0} warnings', warnings);
    this.status.text = `${icon} ${state} · ${errorCount} · ${warningCount}`;
    const via = session.linkTarget ? `\n${session.source.fileName} → ${session.linkTarget}` : '';
    this.status.tooltip = `${session.source.label}${via}\n${t('Click to jump to the last error.')}`;
    this.status.show();
    void vscode.commands.executeCommand(
      'setContext',
      'pushMirror.tailFollowing',
      session.state === 'following' || session.state === 'waiting',
    );
  }

  dispose(): void {
    for (const s of this.sessions.values()) {
      void s.running?.stop();
      this.provider.detach(s.uri);
    }
    this.sessions.clear();
    for (const d of this.disposables) d.dispose();
  }
}

/** A tail of a file on this host. */
export function localSource(file: string, settings: () => TailSettings): TailSource {
  return {
    label: file,
    fileName: path.basename(file),
    key: `local:${path.resolve(file)}`,
    async start(listener) {
      const tail = new FileTail(file, listener, { initialLines: settings().initialLines });
      await tail.start();
      return { stop: () => tail.stop(), resume: () => tail.start() };
    },
  };
}
