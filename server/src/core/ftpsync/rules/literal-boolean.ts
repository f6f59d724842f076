import { defineRule } from '../../rule';
import type { FtpsyncDoc } from '../model';
import { VARIABLES } from '../variables';
import { known, quote, replaceValue, isPlainSource, valueSpanOf } from './util';

const TRUTHY = /^(yes|y|1|on|true|enabled?)$/i;
const FALSY = /^(no|n|0|off|false|disabled?)$/i;

const EFFECT: Readonly<Record<string, string>> = {
  HUB: 'ftpsync never runs runmirrors, so no downstream is signalled (observed with HUB=yes)',
  FULLLOGS: 'the rsync log is never attached to the mail',
  ERRORSONLY: 'successful runs are never mailed',
  RSYNC_SSL: 'the transport stays plain rsync',
};

export const literalBoolean = defineRule<FtpsyncDoc>({
  code: 'ftpsync/literal-boolean',
  severity: 'error',
  summary: '`HUB=yes`, `HUB=1`, `FULLLOGS=True`…: ftpsync compares with the exact word, so the setting is off.',
  docs: [
    'ftpsync tests these settings against one literal word: `[[ ${HUB} = true ]]`, `[[ ${FULLLOGS} = true ]]`,',
    '`[[ ${ERRORSONLY} = false ]]`, `[[ ${RSYNC_SSL} = true ]]`. `yes`, `1`, `on`, `True` or `true ` (with a blank or a CR)',
    'are all different words. With `HUB=yes` a hub mirror syncs fine but never signals its downstreams (observed: no',
    '"Trigger slave mirrors" in its log), and they fall behind without any error. Write exactly `true` or `false`.',
  ],
  check(doc, report) {
    for (const v of VARIABLES) {
      if (v.kind !== 'literal-true' && v.kind !== 'literal-false') continue;
      const setting = known(doc, v.name);
      if (!setting || setting.value === '' || setting.value === 'true' || setting.value === 'false') continue;
      const word = v.kind === 'literal-true' ? 'true' : 'false';
      const meant = TRUTHY.test(setting.value.trim()) ? 'true' : FALSY.test(setting.value.trim()) ? 'false' : undefined;
      // `HUB=no` is off, as meant: only a value meaning the tested word is a silent mistake.
      if (meant !== undefined && meant !== word) continue;
      const effect = `, so ${EFFECT[v.name]}`;
      const fixes =
        meant && isPlainSource(setting.source)
          ? [
              {
                title: `Write ${v.name}=${meant}`,
                preferred: true,
                edits: [{ ...valueSpanOf(setting.assignment), newText: replaceValue(setting.source, meant) }],
              },
            ]
          : [];
      report(
        valueSpanOf(setting.assignment),
        `ftpsync tests \`[[ \${${v.name}} = ${word} ]]\`: ${quote(setting.value)} is not ${word}${effect}. Write exactly \`true\` or \`false\`.`,
        { fixes },
      );
    }
  },
});
