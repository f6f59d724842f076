import * as vscode from 'vscode';
import { setting } from '../config';
import { keyTypeLabel } from '../engine/knownHosts/keyInfo';
import { hostName } from '../engine/knownHosts/parse';
import type { EventLevel } from '../engine/ssh/connect';
import { describeResult, signalled, worstStatus, type SignalResult } from '../engine/ssh/fanout';
import type { HostKeyDecision, UnknownHostKey } from '../engine/ssh/hostKeyPrompt';
import { describeOutcome } from '../engine/traces/describe';
import type { PropagationUpdate } from '../engine/traces/watch';
import { landingSummary } from '../downstreams/wording';

// The dialogs of the signal commands: the unknown-host question (worded like ssh's, with the line
// `ssh-keygen -lf` prints, several keys in one question), the settings, and the end-of-run summary.

export interface SignalConfig {
  concurrency: number;
  timeoutSeconds: number;
  connectTimeoutSeconds: number;
  /** How long to watch for the push to land; 0: signal only. */
  waitSeconds: number;
  knownHostsFile?: string;
  keyFile?: string;
  useAgent: boolean;
}

export function readSignalConfig(): SignalConfig {
  const knownHostsFile = setting('signalKnownHostsFile');
  const keyFile = setting('signalKeyFile');
  return {
    concurrency: setting('signalConcurrency'),
    timeoutSeconds: setting('signalTimeoutSeconds'),
    connectTimeoutSeconds: setting('signalConnectTimeoutSeconds'),
    waitSeconds: setting('signalWaitSeconds'),
    ...(knownHostsFile ? { knownHostsFile } : {}),
    ...(keyFile ? { keyFile } : {}),
    useAgent: setting('signalUseAgent'),
  };
}

const REFUSE = 'Refuse';
const ONCE = 'Trust Once';
const REMEMBER = 'Trust and Remember';
const ONE_BY_ONE = 'Decide One by One';
const ADVICE =
  "Compare with what the downstream's admin sees (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) before trusting. " +
  'Trust and Remember writes the key to known_hosts, hashed.';

const answerOf = (label: string | undefined): HostKeyDecision =>
  label === REMEMBER ? 'remember' : label === ONCE ? 'once' : 'refuse';

/**
 * ssh's question as a modal, for one key or several at once. The first button is the dialog's
 * default, so it is Refuse: Enter refuses, and so do Escape and Cancel.
 */
export async function askUnknownHosts(keys: readonly UnknownHostKey[]): Promise<HostKeyDecision[]> {
  if (!keys.length) return [];
  if (keys.length === 1) return [answerOf(await askOne(keys[0], ''))];
  const answer = await vscode.window.showWarningMessage(
    `Trust these ${keys.length} host keys?`,
    {
      modal: true,
      detail: `These hosts are not in known_hosts:\n\n${keys.map((k) => k.display).join('\n')}\n\n${ADVICE}`,
    },
    REFUSE,
    ONCE,
    REMEMBER,
    ONE_BY_ONE,
  );
  if (answer !== ONE_BY_ONE) return keys.map(() => answerOf(answer));
  const decisions: HostKeyDecision[] = [];
  for (const [i, k] of keys.entries()) {
    const label = await askOne(k, ` (${i + 1} of ${keys.length})`);
    decisions.push(answerOf(label));
    // Escape stops the round: the keys not yet shown are refused.
    if (label === undefined) return [...decisions, ...keys.slice(i + 1).map(() => 'refuse' as const)];
  }
  return decisions;
}

function askOne(k: UnknownHostKey, counter: string): Thenable<string | undefined> {
  return vscode.window.showWarningMessage(
    `The authenticity of host '${hostName(k.host, k.port)}' can't be established${counter}.`,
    {
      modal: true,
      detail: `Its ${keyTypeLabel(k.keyType)} key, as ssh-keygen -lf shows it:\n${k.display}\n\n${ADVICE}`,
    },
    REFUSE,
    ONCE,
    REMEMBER,
  );
}

/** An engine event on the log channel at its level (a refused changed key is a warning, not info). */
export function logAt(log: vscode.LogOutputChannel, level: EventLevel, line: string): void {
  if (level === 'error') log.error(line);
  else if (level === 'warning') log.warn(line);
  else log.info(line);
}

/** The signals' end: how many got their signal, and what went wrong for the others. */
export function showSummary(title: string, results: readonly SignalResult[], log: vscode.LogOutputChannel): void {
  const byName = new Map<string, SignalResult[]>();
  for (const r of results) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  const bad = [...byName].filter(([, rs]) => !rs.every(signalled));
  for (const [name, rs] of byName)
    logAt(
      log,
      rs.every(signalled) ? 'info' : 'warning',
      `${name}: ${worstStatus(rs)} — ${rs.map(describeResult).join('; ')}`,
    );
  const summary = `${title}: ${byName.size - bad.length} of ${byName.size} signalled`;
  if (!bad.length) return void vscode.window.showInformationMessage(summary);
  const detail = bad
    .slice(0, 5)
    .map(
      ([name, rs]) =>
        `${name}: ${worstStatus(rs)}${rs.find((r) => r.message)?.message ? ` (${rs.find((r) => r.message)!.message})` : ''}`,
    )
    .join('; ');
  void vscode.window
    .showWarningMessage(`${summary}. ${detail}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''}`, 'Show Log')
    .then((a) => a && log.show(true));
}

/**
 * The watch's end, when anything was watched: who synced and how fast, who never did (each
 * downstream's causes go to the log and its row's tooltip).
 */
export function showLandingSummary(
  title: string,
  outcomes: readonly PropagationUpdate[],
  log: vscode.LogOutputChannel,
): void {
  for (const u of outcomes)
    if (u.state !== 'unwatched')
      logAt(log, u.state === 'done' ? 'info' : 'warning', `${u.name}: ${describeOutcome(u)}`);
  const landing = landingSummary(outcomes);
  if (!landing) return;
  const text = `${title}: ${landing.text}`;
  if (!landing.failed) return void vscode.window.showInformationMessage(text);
  void vscode.window.showWarningMessage(text, 'Show Log').then((a) => a && log.show(true));
}
