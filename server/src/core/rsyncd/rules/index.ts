import type { Rule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { unknownParameter } from './unknown-parameter';

/** Every rsyncd.conf rule, in the order their problems are usually read. */
export const RSYNCD_RULES: readonly Rule<RsyncdDocument>[] = [unknownParameter];
