// `npm run lab`: the two-mirror lab on loopback (test/integration/lab/lab.ts), to try push mirroring by
// hand: it prints the files and the commands to run, and stops everything on Ctrl-C.
//   npm run lab -- --check [--break forced-command|rsync-auth|ssh-key|trace-url] [--wait SECONDS]
//       brings the lab up, sends one push, prints `propagated in N s` and exits 0, or exits 1 naming
//       the broken link; everything is torn down either way.
//   npm run lab -- --scenarios
//       also shows a second push during a running sync, a stale Archive-Update-in-Progress, and a
//       downstream whose forced command is broken.
import { parseArgs } from 'node:util';
import { Lab, LAB_BREAKS, type LabBreak } from '../test/integration/lab/lab';
import { pushViaCli, secondPushDuringSync, statusOf } from '../test/integration/lab/scenarios';

const say = (line: string) => process.stderr.write(`lab: ${line}\n`);

async function check(lab: Lab, waitSeconds: string): Promise<number> {
  lab.publish();
  const r = await pushViaCli(lab, 'good', [`--wait=${waitSeconds}`]);
  for (const l of r.stderr) say(l);
  process.stdout.write(`${r.line}\n`);
  if (r.outcome?.state === 'done') {
    const run = lab.runs().pop();
    if (run?.done)
      say(`the downstream's log: Mirrorsync start → done in ${(run.done - run.start) / 1000} s (whole seconds)`);
  }
  return r.code === 0 && r.outcome?.state === 'done' ? 0 : 1;
}

async function scenarios(lab: Lab): Promise<number> {
  const second = await secondPushDuringSync(lab);
  const [o1, o2] = [second.first.outcomes[0]!, second.second.outcomes[0]!];
  process.stdout.write(
    `second push during a running sync: first ${o1.state} (serial ${o1.serial}), second ${o2.state}` +
      `${o2.joinedRunningSync ? ', joined the running sync (Archive-Update-Required)' : ''}\n`,
  );
  await lab.leaveStaleLock(3 * 3600_000);
  const before = await statusOf(lab, 'good');
  process.stdout.write(`stale lock, before the push: ${before.stdout[1]}\n`);
  lab.publish();
  const pushed = await pushViaCli(lab, 'good');
  const after = await statusOf(lab, 'good');
  process.stdout.write(`stale lock, after the push (${pushed.line}): ${after.stdout[1]}\n`);
  const broken = await pushViaCli(lab, 'broken');
  process.stdout.write(`broken forced command: ${broken.line}\n`);
  const ok = o1.state === 'done' && o2.state === 'done' && before.code === 1 && after.code === 0 && broken.code === 1;
  return ok ? 0 : 1;
}

async function interactive(lab: Lab): Promise<number> {
  const cli = 'node dist/cli.js';
  const lines = [
    `upstream: rsync daemon 127.0.0.1:${lab.upstream.port} [${lab.upstream.module}], archive ${lab.upstream.archive}`,
    `good:     ${lab.good.sshd.addresses[0]}:${lab.good.sshd.port}, forced command ${lab.good.command}, trace ${lab.good.traceUrl}`,
    `broken:   ${lab.broken.sshd.addresses[0]}:${lab.broken.sshd.port}, forced command ${lab.broken.command} (missing)`,
    `files:    ${lab.mirrorList}, ${lab.inventory}`,
    '',
    'try (after npm run build):',
    `  ${cli} signal ${lab.signalArgs().join(' ')} --wait=60`,
    `  ${cli} status --mirror-list ${lab.mirrorList} --inventory ${lab.inventory} --master ${lab.upstream.archive}/project/trace/master --hierarchy`,
    '',
    'Ctrl-C stops the lab.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  return 0;
}

async function labMain(): Promise<number> {
  const { values: v } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      scenarios: { type: 'boolean', default: false },
      break: { type: 'string' },
      wait: { type: 'string', default: '60' },
    },
  });
  if (v.break !== undefined && !LAB_BREAKS.includes(v.break as LabBreak)) {
    say(`--break takes one of ${LAB_BREAKS.join(', ')}`);
    return 2;
  }
  say('starting: rsync daemon, two sshds, two sandboxed ftpsync homes, an HTTP server (loopback only)');
  const lab = await Lab.start({
    ...(v.break ? { break: v.break as LabBreak } : {}),
    ...(v.scenarios ? { slowSyncSeconds: 2 } : {}),
  });
  try {
    if (v.check) return await check(lab, v.wait);
    if (v.scenarios) return await scenarios(lab);
    return await interactive(lab);
  } finally {
    await lab.dispose();
    say('stopped and removed');
  }
}

labMain().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    say(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
