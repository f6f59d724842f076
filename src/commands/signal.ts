import * as path from 'node:path';
import * as vscode from 'vscode';
import { confirmListSignal, downstreamsOf, pickDownstream, pickList } from '../downstreams/prompts';
import type { DownstreamNode, ListNode, TreeNode } from '../engine/inventory/model';
import { describeVerdict } from '../engine/knownHosts/knownHosts';
import type { InventoryEntry } from '../engine/inventory/inventory';
import { isDelay, type Downstream, type PlanEntry } from '../engine/ssh/downstream';
import { describeResult, signalled, Signaller, type SignalResult } from '../engine/ssh/fanout';
import { applyInventory } from '../engine/ssh/inventory';
import { unknownHostKey } from '../engine/ssh/hostKeyPrompt';
import { probeHostKey } from '../engine/ssh/probe';
import { resolveSettings } from '../engine/ssh/settings';
import { loadPushSetup, type PushSetup } from '../engine/ssh/setup';
import { TraceHttp } from '../engine/traces/http';
import { pushAndWatch } from '../engine/traces/push';
import { watchTargets } from '../engine/traces/targets';
import type { PropagationUpdate } from '../engine/traces/watch';
import { watchProgress } from '../downstreams/wording';
import { languageForPath } from '../../server/src/core/languages';
import { askUnknownHosts, logAt, readSignalConfig, showLandingSummary, showSummary } from './signalUi';

// Thin handlers for the signal commands: pick what to signal, ask about unknown host keys, show
// progress with cancel, put each result on its tree node and a summary in a notification. After the
// signals, each downstream's trace (pushmirror.yaml traceUrl, or its log over ssh) is watched until the
// push lands or pushMirror.signal.waitSeconds pass: its row reads signalled → syncing → "synced in N s"
// or "never synced" with the likely causes. The work is the engines' (src/engine/ssh, src/engine/traces),
// shared with the CLI's `signal --wait`.
//
// What to signal comes from the Downstreams view: a clicked node (its list and inventory entry) or a
// pick from the model the view holds. Only the list file (with runmirrors.conf, known_hosts and
// ~/.ssh/config) is read again when a signal starts: a line deleted or changed since the view last
// loaded must not be signalled as it was, and reading one small file costs nothing next to ssh.

/** What the commands need from the Downstreams view. */
export interface DownstreamsView {
  /** Shows a result on the downstream's node. */
  recordSignal(name: string, status: { time?: number; result: 'ok' | 'failed' | 'sent'; detail?: string }): void;
  /** The lists and downstreams the view shows (once its first load finished): what the palette picks from. */
  model(): Promise<readonly ListNode[]>;
  /** Shows a watched push's progress on the downstream's row. */
  recordPropagation(update: PropagationUpdate): void;
  /** Reads the named downstreams' freshness again (after their push landed). */
  refreshFreshness(names: ReadonlySet<string>): Promise<void>;
}

const t = vscode.l10n.t;

export function registerSignalCommands(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  view: DownstreamsView,
): void {
  // One Signaller per list file, kept while the extension runs: a second click on a downstream whose
  // signal is still in flight joins it instead of sending it twice.
  const signallers = new Map<string, { signaller: Signaller; setup: PushSetup }>();
  const prepare = (listPath: string) => {
    const cfg = readSignalConfig();
    const setup = loadPushSetup({
      mirrorList: listPath,
      ...(cfg.knownHostsFile ? { knownHosts: [cfg.knownHostsFile] } : {}),
      ...(cfg.keyFile ? { keyFile: cfg.keyFile } : {}),
    });
    const key = `${listPath}\u0000${JSON.stringify(cfg)}`;
    let entry = signallers.get(key);
    if (!entry) {
      const signaller = new Signaller({
        knownHosts: setup.knownHosts,
        sshConfig: setup.sshConfig,
        defaultKeyFile: setup.keyFile,
        agent: cfg.useAgent,
        connectTimeoutMs: cfg.connectTimeoutSeconds * 1000,
        confirmUnknownHosts: askUnknownHosts,
      });
      entry = { signaller, setup };
      signallers.set(key, entry);
    }
    return { ...entry, setup, cfg };
  };

  /**
   * Signals `names` (all when undefined) of the list at `listPath` as the file reads now; `nodes` are the
   * view's downstreams of that list (their inventory entries refine host, user, key). `confirm` is asked
   * with the ShortNames about to be signalled and may stop the run.
   */
  const run = async (
    title: string,
    listPath: string,
    names: ReadonlySet<string> | undefined,
    staged: boolean,
    nodes: ReadonlyMap<string, DownstreamNode>,
    confirm?: (names: string[]) => Promise<boolean>,
  ) => {
    if (!vscode.workspace.isTrusted)
      return void vscode.window.showWarningMessage(t('Signalling downstreams needs a trusted workspace.'));
    let prepared;
    try {
      prepared = prepare(listPath);
    } catch (error) {
      return void vscode.window.showErrorMessage(t('Cannot read {0}: {1}', listPath, (error as Error).message));
    }
    const { signaller, setup, cfg } = prepared;
    const plan: PlanEntry[] = setup.entries
      .filter((e) => (isDelay(e) ? !names : !names || names.has(e.name)))
      .map((e) => (isDelay(e) ? e : applyInventory(e, nodes.get(e.name)?.inventory)));
    const count = plan.filter((e) => !isDelay(e)).length;
    if (!count)
      return void vscode.window.showInformationMessage(t('Nothing to signal in {0}.', path.basename(listPath)));
    if (confirm && !(await confirm(plan.flatMap((e) => (isDelay(e) ? [] : [e.name]))))) return;
    for (const s of setup.skipped) log.warn(`${listPath}:${s.line}: skipped: ${s.reason}`);
    log.info(`${title}: ${count} downstream(s) from ${listPath}`);
    const inventory = new Map<string, InventoryEntry>();
    for (const [name, node] of nodes) if (node.inventory) inventory.set(name, node.inventory);
    const http = new TraceHttp();
    const targets =
      cfg.waitSeconds > 0
        ? watchTargets(
            plan.filter((e): e is Downstream => !isDelay(e)),
            inventory,
            {
              http,
              ssh: {
                knownHosts: setup.knownHosts,
                sshConfig: setup.sshConfig,
                connectTimeoutMs: cfg.connectTimeoutSeconds * 1000,
                // A log host's unknown key gets the same question as a downstream's (Refuse is the default).
                confirmUnknownHosts: askUnknownHosts,
              },
            },
          )
        : [];
    const { outcomes } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        const latest = new Map<string, PropagationUpdate>();
        let done = 0;
        try {
          return await pushAndWatch(
            signaller,
            plan,
            {
              staged,
              archive: setup.archive,
              concurrency: cfg.concurrency,
              timeoutMs: cfg.timeoutSeconds * 1000,
              pushDelayMs: setup.pushDelayMs,
              logDir: setup.logDir,
              signal: abort.signal,
              // The attempt's start, not now: the row finds the log entry this signal writes by it.
              onStart: (d, _stage, begun) =>
                view.recordSignal(d.name, { time: begun.getTime(), result: 'sent', detail: t('signal in flight') }),
              onEvent: (line, level) => logAt(log, level, line),
              onResult: (r: SignalResult) => {
                done++;
                progress.report({
                  message: `${r.name} ${r.status} (${done})`,
                  increment: (100 / count) * (r.stage === 'stage1' ? 0.5 : r.stage === 'stage2' ? 0.5 : 1),
                });
                view.recordSignal(r.name, {
                  time: Date.now(),
                  result: signalled(r) ? 'ok' : 'failed',
                  detail: describeResult(r),
                });
                if (r.status === 'refused') log.warn(`${r.name}: ${r.message}`);
              },
            },
            targets,
            {
              timeoutMs: cfg.waitSeconds * 1000,
              signal: abort.signal,
              // Said as soon as the signals are done, as before; the landing is said when the wait ends.
              onSignalled: (results) => showSummary(title, results, log),
              onUpdate: (u) => {
                latest.set(u.name, u);
                view.recordPropagation(u);
                if (u.state !== 'waiting' && u.state !== 'unwatched')
                  progress.report({ message: watchProgress([...latest.values()], t) });
              },
            },
          );
        } finally {
          sub.dispose();
          http.close();
        }
      },
    );
    showLandingSummary(title, outcomes, log);
    const landed = new Set(outcomes.filter((u) => u.state === 'done').map((u) => u.name));
    if (landed.size) await view.refreshFreshness(landed);
  };

  const signalOne = (target: DownstreamNode, staged = false) =>
    languageForPath(target.definition.path) === 'pushmirror-inventory'
      ? // Signalled as runmirrors signals: from a list. An inventory entry only refines a list's line.
        void vscode.window.showInformationMessage(
          t(
            '{0} is only in {1}: runmirrors signals the downstreams of a runmirrors.mirror list, and no list names it. Add a line for it to a list to signal it.',
            target.name,
            path.basename(target.definition.path),
          ),
        )
      : run(
          staged ? t('Staged push to {0}', target.name) : t('Signal {0}', target.name),
          target.definition.path,
          new Set([target.name]),
          staged,
          new Map([[target.name, target]]),
        );
  // Signal All and Staged Push ask first (pushMirror.signal.confirmMany): VS Code lists recently used
  // commands first, so a palette Enter meant for Signal Downstream can land on these.
  const signalList = (list: ListNode, staged: boolean) =>
    run(
      staged ? t('Staged push to {0}', list.label) : t('Signal all downstreams of {0}', list.label),
      list.path,
      undefined,
      staged,
      downstreamsOf(list),
      async (names) => {
        const answer = await confirmListSignal({ action: staged ? 'staged' : 'all', list: list.label, names });
        if (answer === 'one') {
          const one = await pickDownstream(
            [list],
            staged
              ? t('Staged push to which downstream of {0}?', list.label)
              : t('Signal which downstream of {0}?', list.label),
          );
          if (one) await signalOne(one, staged);
        }
        return answer === 'all';
      },
    );
  const listOf = async (node: TreeNode | undefined, title: string) =>
    node?.kind === 'list' ? node : pickList(await view.model(), title);

  context.subscriptions.push(
    vscode.commands.registerCommand('pushMirror.signalDownstream', async (node?: TreeNode) => {
      const target =
        node?.kind === 'downstream' ? node : await pickDownstream(await view.model(), t('Signal which downstream?'));
      if (target) await signalOne(target);
    }),
    vscode.commands.registerCommand('pushMirror.signalAll', async (node?: TreeNode) => {
      const list = await listOf(node, t('Signal all downstreams of which list?'));
      if (list) await signalList(list, false);
    }),
    vscode.commands.registerCommand('pushMirror.stagedPush', async (node?: TreeNode) => {
      const list = await listOf(node, t('Staged push to the downstreams of which list?'));
      if (list) await signalList(list, true);
    }),
    vscode.commands.registerCommand('pushMirror.checkHostKey', async (node?: TreeNode) => {
      if (!vscode.workspace.isTrusted)
        return void vscode.window.showWarningMessage(t('Checking host keys needs a trusted workspace.'));
      const target =
        node?.kind === 'downstream'
          ? node
          : await pickDownstream(await view.model(), t('Check the host key of which downstream?'));
      if (!target) return;
      const { setup, cfg } = prepare(target.definition.path);
      const d = setup.entries.find((e) => !isDelay(e) && e.name === target.name);
      if (!d || isDelay(d))
        return void vscode.window.showWarningMessage(t('{0} is not pushed by runmirrors.', target.name));
      const s = resolveSettings(applyInventory(d, target.inventory), {
        sshConfig: setup.sshConfig,
        defaultKeyFile: setup.keyFile,
        connectTimeoutMs: cfg.connectTimeoutSeconds * 1000,
      });
      const probe = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: t('Host key of {0}', `${s.address}:${s.port}`) },
        () => probeHostKey(s, setup.knownHosts),
      );
      if (!probe.verdict || !probe.key)
        return void vscode.window.showErrorMessage(`${target.name}: ${probe.error ?? t('no host key')}`);
      log.info(describeVerdict(probe.verdict));
      const text = describeVerdict(probe.verdict, t);
      if (probe.verdict.status === 'trusted') return void vscode.window.showInformationMessage(text);
      if (probe.verdict.status !== 'unknown') return void vscode.window.showErrorMessage(text, { modal: true });
      const [decision] = await askUnknownHosts([unknownHostKey(s.hostKeyName, s.port, probe.key)]);
      if (decision === 'remember') {
        const line = await setup.knownHosts.add(s.hostKeyName, s.port, probe.key, { hashed: true });
        log.info(
          `remembered ${s.hostKeyName}:${s.port} in ${setup.knownHosts.writeFile} as ${line.split(' ').slice(1, 2).join('')} (hashed)`,
        );
      }
    }),
  );
}
