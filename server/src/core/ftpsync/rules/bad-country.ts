import { defineRule } from '../../rule';
import { COUNTRY_CODES } from '../archive-facts';
import type { FtpsyncDoc } from '../model';
import { isPlainSource, known, quote, replaceValue, valueSpanOf } from './util';

export const badCountry = defineRule<FtpsyncDoc>({
  code: 'ftpsync/bad-country',
  severity: 'warning',
  summary: 'INFO_COUNTRY that is not an ISO 3166-1 alpha-2 code such as `DE`.',
  docs: [
    'ftpsync writes INFO_COUNTRY unchanged into the trace (`Country: Germany`, observed); ftpsync.conf(5) asks for the ISO',
    "3166-1 code of the country hosting the mirror (`DE`, `US`), which is what Debian's mirror tools read. Codes are two",
    'capital letters (the 249 assigned ones).',
  ],
  check(doc, report) {
    const setting = known(doc, 'INFO_COUNTRY');
    if (!setting || setting.value === '' || COUNTRY_CODES.has(setting.value)) return;
    const upper = setting.value.trim().toUpperCase();
    const fix = COUNTRY_CODES.has(upper) && isPlainSource(setting.source);
    report(
      valueSpanOf(setting.assignment),
      `INFO_COUNTRY=${quote(setting.value)} goes into the trace as written; it should be an ISO 3166-1 alpha-2 code${COUNTRY_CODES.has(upper) ? ` (${upper})` : ' such as DE'}.`,
      {
        fixes: fix
          ? [
              {
                title: `Write INFO_COUNTRY=${upper}`,
                preferred: true,
                edits: [{ ...valueSpanOf(setting.assignment), newText: replaceValue(setting.source, upper) }],
              },
            ]
          : [],
      },
    );
  },
});
