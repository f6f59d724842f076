// The tokens of the bash reader: words with their quoting and expansions kept apart, and operators.

export interface TextPart {
  type: 'text';
  /** The characters after quote removal. */
  value: string;
  start: number;
  end: number;
  /** Inside any quotes (no tilde expansion, no word splitting). */
  quoted: boolean;
}

export interface ParamPart {
  type: 'param';
  /** Variable name, positional number or special character (`@`, `*`, `#`, `?`, `-`, `$`, `!`, `0`). */
  name: string;
  /** Operator of `${name<op>arg}`: `:-`, `-`, `:=`, `=`, `:?`, `?`, `:+`, `+`, `#`, `##`, `%`, `%%`, `/`, `//`, `/#`, `/%`, `:`, `^`, `^^`, `,`, `,,`, `@`; '' for none. */
  op: string;
  arg?: Part[];
  /** `${#name}`. */
  length?: boolean;
  /** `${!name}`. */
  indirect?: boolean;
  /** `${…}` that bash rejects at expansion ("bad substitution"). */
  bad?: boolean;
  braced: boolean;
  quoted: boolean;
  start: number;
  end: number;
  /** Span of the name, for hovers and references. */
  nameStart: number;
}

export interface CommandPart {
  type: 'command';
  /** The source between `$(` and `)` or the backticks. */
  body: string;
  bodyStart: number;
  quoted: boolean;
  start: number;
  end: number;
}

export interface ArithPart {
  type: 'arith';
  expr: string;
  quoted: boolean;
  start: number;
  end: number;
}

export type Part = TextPart | ParamPart | CommandPart | ArithPart;

export interface AssignmentWord {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** `NAME+=value`. */
  append: boolean;
  /** `NAME[index]=value`. */
  subscript?: string;
  /** Where the value's source starts (just after `=`). */
  valueStart: number;
  /** `NAME=(a b c)`: the elements. */
  array?: Word[];
}

export interface Word {
  kind: 'word';
  start: number;
  end: number;
  parts: Part[];
  /** Set when the word has the shape of an assignment (only one at a command's start is one). */
  assign?: AssignmentWord;
}

export interface Operator {
  kind: 'op';
  op: string;
  start: number;
  end: number;
}

export type Token = Word | Operator;

export interface LexProblem {
  start: number;
  end: number;
  message: string;
}

export interface Lexed {
  tokens: Token[];
  comments: { start: number; end: number }[];
  problems: LexProblem[];
}
