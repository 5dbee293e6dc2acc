/**
 * XLSForm's XPath expressions (`relevant`, `constraint`, `choice_filter`), read with jsep into
 * a syntax tree and turned into Kring's conditions and constraints. Only a subset has a meaning
 * in Kring: comparisons of one answer with a value, `selected()`, `not()`, `and` / `or`, and the
 * usual constraint shapes. Anything else is refused with a reason, never guessed.
 */
import jsep from 'jsep';
import type { Condition } from '../../survey-schema';

jsep.addBinaryOp('or', 1);
jsep.addBinaryOp('and', 2);
jsep.addBinaryOp('=', 6);
jsep.addBinaryOp('div', 10);
jsep.addBinaryOp('mod', 10);

/** An answer an expression names as `${name}`: its Kring key and how a written value is stored. */
export interface AnswerRef {
  key: string;
  /** Numbers can be compared with `<` and `>`. */
  numeric: boolean;
  /** The stored value for a written one (a choice's name, a number); undefined when impossible. */
  value(written: string | number): string | number | undefined;
}

export interface ExpressionContext {
  answer(name: string): AnswerRef | undefined;
  /** Why a name that is no answer is not one (a calculation, a question left out…). */
  absent?(name: string): 'calculation' | 'device' | 'leftOut' | undefined;
  /** In a choice filter: the value of the choice's own column (a bare name, such as `state`). */
  column?(name: string): string | undefined;
}

/** Why an expression cannot be used: a code the UI words, and the part of it concerned. */
export type ReasonCode =
  | 'unclosed'
  | 'unreadable'
  | 'path'
  | 'operator'
  | 'function'
  | 'notCondition'
  | 'notFromAnswer'
  | 'notNumber'
  | 'count'
  | 'notAValue'
  | 'notFixed'
  | 'notBefore'
  | 'calculation'
  | 'device'
  | 'leftOut'
  | 'notTheAnswer'
  | 'notFit';
export interface Reason {
  reason: ReasonCode;
  /** The operator, function, value or `${name}` concerned. */
  detail?: string;
}

export type Parsed<T> = { ok: true; value: T } | ({ ok: false } & Reason);

/** What a `constraint` asks of an answer, in the terms of Kring's items. */
export interface Constraint {
  min?: number;
  max?: number;
  /** `. > 3` rather than `. >= 3`. */
  minExclusive?: boolean;
  maxExclusive?: boolean;
  /** A JavaScript regular expression for the whole answer. */
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  maxSelected?: number;
}

type Node = jsep.Expression;
class Refused extends Error {}
const refuse = (reason: ReasonCode, detail?: string): never => {
  throw new Refused(reason, { cause: detail });
};
const failure = (error: Refused): { ok: false } & Reason => ({
  ok: false,
  reason: error.message as ReasonCode,
  ...(typeof error.cause === 'string' ? { detail: error.cause } : {}),
});

const QUOTES: Record<string, string> = { "'": "'", '"': '"', '‘': '’', '“': '”' };

interface Prepared {
  source: string;
  refs: string[];
  strings: string[];
}

/**
 * Readies an expression for jsep: quoted strings and `${name}` references become placeholders
 * (so that jsep never reads a backslash in a pattern), `.` becomes `$self`, and hyphenated
 * function names (`count-selected`) become identifiers.
 */
function prepare(expression: string): Prepared {
  const refs: string[] = [];
  const strings: string[] = [];
  let source = '';
  let i = 0;
  while (i < expression.length) {
    const c = expression[i]!;
    // Spreadsheets turn quotes into typographic ones as they are typed: ‘…’ and “…” count too.
    const close = QUOTES[c];
    if (close) {
      const end = expression.indexOf(close, i + 1);
      if (end === -1) refuse('unclosed', c);
      strings.push(expression.slice(i + 1, end));
      source += ` $s${strings.length - 1} `;
      i = end + 1;
    } else if (c === '$' && expression[i + 1] === '{') {
      const end = expression.indexOf('}', i);
      if (end === -1) refuse('unclosed', '${');
      refs.push(expression.slice(i + 2, end).trim());
      source += ` $r${refs.length - 1} `;
      i = end + 1;
    } else if (
      c === '.' &&
      !/[\w.]/.test(expression[i - 1] ?? '') &&
      !/[\w.]/.test(expression[i + 1] ?? '')
    ) {
      source += ' $self ';
      i++;
    } else {
      source += c;
      i++;
    }
  }
  source = source
    .replace(
      /\b([a-z]+(?:-[a-z]+)+)(\s*\()/gi,
      (_, name: string, open: string) => name.replace(/-/g, '_') + open,
    )
    .replace(/\bjr:/g, 'jr_');
  if (/(^|[^\w])\.\./.test(source)) refuse('path', '..');
  return { source, refs, strings };
}

function parse(expression: string): { tree: Node; prepared: Prepared } {
  const prepared = prepare(expression);
  try {
    return { tree: jsep(prepared.source), prepared };
  } catch (error) {
    return refuse('unreadable', (error as Error).message);
  }
}

/** A `relevant` (or a `choice_filter`) expression as a Kring condition. */
export function parseCondition(expression: string, context: ExpressionContext): Parsed<Condition> {
  return conditionOf(expression)(context);
}

/**
 * An expression read once, to be turned into a condition in several contexts (a choice filter:
 * once per choice, with that choice's columns).
 */
export function conditionOf(expression: string): (context: ExpressionContext) => Parsed<Condition> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(expression);
  } catch (error) {
    if (error instanceof Refused) {
      const refused = failure(error);
      return () => refused;
    }
    throw error;
  }
  return (context) => {
    try {
      return { ok: true, value: new ConditionReader(parsed.prepared, context).read(parsed.tree) };
    } catch (error) {
      if (error instanceof Refused) return failure(error);
      throw error;
    }
  };
}

const MIRROR: Record<string, string> = {
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
  '=': '=',
  '!=': '!=',
};

class ConditionReader {
  constructor(
    private readonly prepared: Prepared,
    private readonly context: ExpressionContext,
  ) {}

  read(node: Node): Condition {
    if (node.type === 'BinaryExpression') {
      const { operator, left, right } = node as jsep.BinaryExpression;
      if (operator === 'and' || operator === 'or') {
        const parts = [this.read(left), this.read(right)];
        const flat = parts.flatMap((p) =>
          operator === 'and' && 'all' in p ? p.all : operator === 'or' && 'any' in p ? p.any : [p],
        );
        return operator === 'and' ? { all: flat } : { any: flat };
      }
      if (operator in MIRROR) return this.comparison(operator, left, right);
      return refuse('operator', operator);
    }
    if (node.type === 'CallExpression') {
      const call = node as jsep.CallExpression;
      const name = this.functionName(call);
      if (name === 'not' && call.arguments.length === 1)
        return { not: this.read(call.arguments[0]!) };
      if (name === 'selected' && call.arguments.length === 2) {
        const ref = this.answerOf(call.arguments[0]!);
        if (!ref) return refuse('notFromAnswer', 'selected()');
        return this.equals(ref, this.valueOf(call.arguments[1]!));
      }
      return refuse('function', `${name}()`);
    }
    return refuse('notCondition');
  }

  private comparison(operator: string, left: Node, right: Node): Condition {
    // The answer side on the left: `3 < ${x}` reads as `${x} > 3`.
    if (!this.isAnswerSide(left) && this.isAnswerSide(right))
      return this.comparison(MIRROR[operator]!, right, left);
    const counted = this.countOf(left);
    if (counted) return this.countComparison(operator, counted, this.valueOf(right));
    const ref = this.answerOf(left);
    if (!ref) return refuse('notFromAnswer');
    const value = this.valueOf(right);
    switch (operator) {
      case '=':
        return value === '' ? { answer: ref.key, answered: false } : this.equals(ref, value);
      case '!=':
        return value === ''
          ? { answer: ref.key, answered: true }
          : { not: this.equals(ref, value) };
      default: {
        const number = typeof value === 'number' ? value : Number(value);
        if (!ref.numeric || value === '' || !Number.isFinite(number))
          return refuse('notNumber', operator);
        return { answer: ref.key, compare: operator as '<' | '<=' | '>' | '>=', value: number };
      }
    }
  }

  /** `string-length(${x}) > 0` and `count-selected(${x}) >= 1`: whether it is answered. */
  private countComparison(operator: string, ref: AnswerRef, value: string | number): Condition {
    const n = Number(value);
    const answered =
      (operator === '>' && n === 0) ||
      (operator === '>=' && n === 1) ||
      (operator === '!=' && n === 0);
    const open = (operator === '=' && n === 0) || (operator === '<' && n === 1);
    if (answered || open) return { answer: ref.key, answered: answered };
    return refuse('count');
  }

  private equals(ref: AnswerRef, written: string | number): Condition {
    const value = ref.value(written);
    if (value === undefined) return refuse('notAValue', `"${written}" / \${${this.nameOf(ref)}}`);
    return { answer: ref.key, anyOf: [value] };
  }

  private nameOf(ref: AnswerRef): string {
    return this.prepared.refs.find((name) => this.context.answer(name)?.key === ref.key) ?? ref.key;
  }

  private isAnswerSide(node: Node): boolean {
    return this.answerOf(node) !== undefined || this.countOf(node) !== undefined;
  }

  private countOf(node: Node): AnswerRef | undefined {
    if (node.type !== 'CallExpression') return undefined;
    const call = node as jsep.CallExpression;
    const name = this.functionName(call);
    if ((name === 'string_length' || name === 'count_selected') && call.arguments.length === 1)
      return this.answerOf(call.arguments[0]!);
    return undefined;
  }

  private answerOf(node: Node): AnswerRef | undefined {
    if (node.type !== 'Identifier') return undefined;
    const match = /^\$r(\d+)$/.exec((node as jsep.Identifier).name);
    if (!match) return undefined;
    const name = this.prepared.refs[Number(match[1])]!;
    return (
      this.context.answer(name) ?? refuse(this.context.absent?.(name) ?? 'notBefore', `\${${name}}`)
    );
  }

  private valueOf(node: Node): string | number {
    if (node.type === 'Literal') {
      const value = (node as jsep.Literal).value;
      if (typeof value === 'number') return value;
      return refuse('notFixed');
    }
    if (node.type === 'UnaryExpression') {
      const unary = node as jsep.UnaryExpression;
      if (unary.operator === '-' && unary.argument.type === 'Literal')
        return -Number(this.valueOf(unary.argument));
    }
    if (node.type === 'Identifier') {
      const name = (node as jsep.Identifier).name;
      const string = /^\$s(\d+)$/.exec(name);
      if (string) return this.prepared.strings[Number(string[1])]!;
      const column = this.context.column?.(name);
      if (column !== undefined) return column;
    }
    return refuse('notFixed');
  }

  private functionName(call: jsep.CallExpression): string {
    return call.callee.type === 'Identifier' ? (call.callee as jsep.Identifier).name : '?';
  }
}

/** A `constraint` on the answer itself (`.`): bounds, a pattern, a length, a number of choices. */
export function parseConstraint(expression: string): Parsed<Constraint> {
  try {
    const { tree, prepared } = parse(expression);
    const constraint: Constraint = {};
    for (const part of conjuncts(tree)) readConstraint(part, prepared, constraint);
    return { ok: true, value: constraint };
  } catch (error) {
    if (error instanceof Refused) return failure(error);
    throw error;
  }
}

function conjuncts(node: Node): Node[] {
  if (node.type === 'BinaryExpression' && (node as jsep.BinaryExpression).operator === 'and') {
    const { left, right } = node as jsep.BinaryExpression;
    return [...conjuncts(left), ...conjuncts(right)];
  }
  return [node];
}

const isSelf = (node: Node) =>
  node.type === 'Identifier' && (node as jsep.Identifier).name === '$self';

function readConstraint(node: Node, prepared: Prepared, into: Constraint): void {
  if (node.type === 'CallExpression') {
    const call = node as jsep.CallExpression;
    const name = call.callee.type === 'Identifier' ? (call.callee as jsep.Identifier).name : '';
    const [subject, pattern] = call.arguments;
    if (name === 'regex' && subject && isSelf(subject) && pattern?.type === 'Identifier') {
      const string = /^\$s(\d+)$/.exec((pattern as jsep.Identifier).name);
      if (string) {
        into.pattern = wholeAnswerPattern(prepared.strings[Number(string[1])]!);
        return;
      }
    }
    return refuse('function', `${name}()`);
  }
  if (node.type !== 'BinaryExpression') return refuse('notCondition');
  let { operator, left, right } = node as jsep.BinaryExpression;
  if (!isSubject(left) && isSubject(right))
    [left, right, operator] = [right, left, MIRROR[operator] ?? operator];
  const value = numberOf(right, prepared);
  if (value === undefined) return refuse('notFixed');
  const measure = isSelf(left) ? 'value' : countName(left);
  if (!measure) return refuse('notTheAnswer');
  const exclusive = operator === '<' || operator === '>';
  if (measure === 'value') {
    if (operator === '>=' || operator === '>')
      Object.assign(into, { min: value, minExclusive: exclusive });
    else if (operator === '<=' || operator === '<')
      Object.assign(into, { max: value, maxExclusive: exclusive });
    else refuse('operator', operator);
    return;
  }
  const bound = operator === '<' ? value - 1 : operator === '>' ? value + 1 : value;
  if (operator === '<=' || operator === '<') {
    if (measure === 'string_length') into.maxLength = bound;
    else into.maxSelected = bound;
  } else if ((operator === '>=' || operator === '>') && measure === 'string_length') {
    into.minLength = bound;
  } else if (operator === '=' && measure === 'string_length') {
    into.minLength = bound;
    into.maxLength = bound;
  } else refuse('operator', operator);
}

function isSubject(node: Node): boolean {
  return isSelf(node) || countName(node) !== undefined;
}

function countName(node: Node): 'string_length' | 'count_selected' | undefined {
  if (node.type !== 'CallExpression') return undefined;
  const call = node as jsep.CallExpression;
  const name = call.callee.type === 'Identifier' ? (call.callee as jsep.Identifier).name : '';
  if (
    (name === 'string_length' || name === 'count_selected') &&
    call.arguments[0] &&
    isSelf(call.arguments[0])
  )
    return name;
  return undefined;
}

function numberOf(node: Node, prepared: Prepared): number | undefined {
  if (node.type === 'Literal' && typeof (node as jsep.Literal).value === 'number')
    return (node as jsep.Literal).value as number;
  if (node.type === 'UnaryExpression' && (node as jsep.UnaryExpression).operator === '-') {
    const inner = numberOf((node as jsep.UnaryExpression).argument, prepared);
    return inner === undefined ? undefined : -inner;
  }
  if (node.type === 'Identifier') {
    const string = /^\$s(\d+)$/.exec((node as jsep.Identifier).name);
    const text = string ? prepared.strings[Number(string[1])] : undefined;
    if (text !== undefined && text.trim() !== '' && Number.isFinite(Number(text)))
      return Number(text);
  }
  return undefined;
}

/**
 * ODK's regex() matches anywhere in the answer; Kring's pattern is for the whole answer. An
 * anchored pattern (`^…$`) loses its anchors; any other may match within the answer.
 */
export function wholeAnswerPattern(odk: string): string {
  const fromStart = odk.startsWith('^');
  const toEnd = odk.endsWith('$') && !odk.endsWith('\\$');
  const core = odk.slice(fromStart ? 1 : 0, toEnd ? -1 : undefined);
  if (fromStart && toEnd) return core;
  return `${fromStart ? '' : '[\\s\\S]*'}(?:${core})${toEnd ? '' : '[\\s\\S]*'}`;
}
