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

/** A button of the host-key question; the answer is read from the button object, never from its words. */
interface HostKeyButton extends vscode.MessageItem {
  answer: HostKeyDecision | 'one-by-one';
}

/** The buttons in dialog order: the first is the default (Enter), so it is Refuse. */
function hostKeyButtons(): HostKeyButton[] {
  return [
    { title: vscode.l10n.t('Refuse'), answer: 'refuse' },
    { title: vscode.l10n.t('Trust Once'), answer: 'once' },
    { title: vscode.l10n.t('Trust and Remember'), answer: 'remember' },
  ];
}

const advice = () =>
  vscode.l10n.t(
    "Compare with what the downstream's admin sees (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) before trusting. Trust and Remember writes the key to known_hosts, hashed.",
  );

/** Escape, Cancel and Refuse all refuse. */
const decisionOf = (button: HostKeyButton | undefined): HostKeyDecision =>
  button?.answer === 'remember' || button?.answer === 'once' ? button.answer : 'refuse';

/**
 * ssh's question as a modal, for one key or several at once. The first button is the dialog's
 * default, so it is Refuse: Enter refuses, and so do Escape and Cancel.
 */
export async function askUnknownHosts(keys: readonly UnknownHostKey[]): Promise<HostKeyDecision[]> {
  if (!keys.length) return [];
  if (keys.length === 1) return [decisionOf(await askOne(keys[0]!))];
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Trust these {0} host keys?', keys.length),
    {
      modal: true,
      detail: `${vscode.l10n.t('These hosts are not in known_hosts:')}\n\n${keys.map((k) => k.display).join('\n')}\n\n${advice()}`,
    },
    ...hostKeyButtons(),
    { title: vscode.l10n.t('Decide One by One'), answer: 'one-by-one' },
  );
  if (answer?.answer !== 'one-by-one') return keys.map(() => decisionOf(answer));
  const decisions: HostKeyDecision[] = [];
  for (const [i, k] of keys.entries()) {
    const button = await askOne(k, { index: i + 1, of: keys.length });
    decisions.push(decisionOf(button));
    // Escape stops the round: the keys not yet shown are refused.
    if (button === undefined) return [...decisions, ...keys.slice(i + 1).map(() => 'refuse' as const)];
  }
  return decisions;
}

function askOne(k: UnknownHostKey, counter?: { index: number; of: number }): Thenable<HostKeyButton | undefined> {
  const host = hostName(k.host, k.port);
  return vscode.window.showWarningMessage(
    counter
      ? vscode.l10n.t(
          "The authenticity of host '{0}' can't be established ({1} of {2}).",
          host,
          counter.index,
          counter.of,
        )
      : vscode.l10n.t("The authenticity of host '{0}' can't be established.", host),
    {
      modal: true,
      detail: `${vscode.l10n.t('Its {0} key, as ssh-keygen -lf shows it:', keyTypeLabel(k.keyType))}\n${k.display}\n\n${advice()}`,
    },
    ...hostKeyButtons(),
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
  const summary = vscode.l10n.t('{0}: {1} of {2} signalled', title, byName.size - bad.length, byName.size);
  if (!bad.length) return void vscode.window.showInformationMessage(summary);
  // The status words (refused, timeout, …) and messages are the engine's, as in the log.
  const detail = bad
    .slice(0, 5)
    .map(
      ([name, rs]) =>
        `${name}: ${worstStatus(rs)}${rs.find((r) => r.message)?.message ? ` (${rs.find((r) => r.message)!.message})` : ''}`,
    )
    .join('; ');
  const more = bad.length > 5 ? vscode.l10n.t(' and {0} more', bad.length - 5) : '';
  showWarningWithLog(`${summary}. ${detail}${more}`, log);
}

/** A warning with a Show Log button that opens the Push Mirror log. */
function showWarningWithLog(text: string, log: vscode.LogOutputChannel): void {
  const show = { title: vscode.l10n.t('Show Log') };
  void vscode.window.showWarningMessage(text, show).then((a) => a === show && log.show(true));
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
  const landing = landingSummary(outcomes, vscode.l10n.t);
  if (!landing) return;
  const text = `${title}: ${landing.text}`;
  if (!landing.failed) return void vscode.window.showInformationMessage(text);
  showWarningWithLog(text, log);
}
