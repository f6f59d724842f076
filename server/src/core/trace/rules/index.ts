import type { Rule } from '../../rule';
import type { TraceDocument } from '../parser';
import { architecturesComma } from './architectures-comma';
import { duplicateField } from './duplicate-field';
import { hierarchyLine } from './hierarchy-line';
import { invalidDateField } from './invalid-date-field';
import { invalidDateLine } from './invalid-date-line';
import { missingField } from './missing-field';
import { serialUnreadable } from './serial-unreadable';
import { strayLine } from './stray-line';

/** Every trace-file rule: the date line first, then fields, then the other files of project/trace/. */
export const TRACE_RULES: readonly Rule<TraceDocument>[] = [
  invalidDateLine,
  invalidDateField,
  serialUnreadable,
  duplicateField,
  architecturesComma,
  missingField,
  strayLine,
  hierarchyLine,
];
