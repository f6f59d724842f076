import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';

// Retired: kept so the code stays known (settings may name it), but it reports nothing.
export const delaySpacing = defineRule<MirrorListFile>({
  code: 'mirrors/delay-spacing',
  severity: 'hint',
  summary: 'Retired: runmirrors reads DELAY lines with `read`, so extra blanks and indentation do not matter.',
  docs: [
    'The sample runmirrors.mirror says DELAY "has to be on a line itself, followed by a space and a number.',
    'nothing else, not even whitespace." Every runmirrors since 2008 (and 20180513+nmu1 in Debian 12) reads the',
    'line with `read MTYPE MLNAME …` instead, which accepts indentation, tabs and several blanks: `DELAY  60`',
    'and `\\tDELAY 60` sleep 60 seconds like `DELAY 60` (observed). This rule therefore reports nothing; words',
    'after the number are `mirrors/delay-ignored-field`.',
  ],
  check() {
    // Nothing to report: see the docs.
  },
});
