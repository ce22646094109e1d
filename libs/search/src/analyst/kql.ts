/**
 * A KQL subset for the analyst API: parsed by hand to an AST, checked against one field list, then
 * turned into Elasticsearch DSL. Never `query_string`: every clause is built here, so no leading
 * wildcard, no regex and no unknown field reaches Elasticsearch. Used by POST /api/analyst/query
 * and /export (analyst/analyst-request.ts).
 *
 *   query   := or
 *   or      := and ("or" and)*
 *   and     := not ("and" not)*
 *   not     := "not" not | primary
 *   primary := "(" or ")" | FIELD ":" values | FIELD ("<" | "<=" | ">" | ">=") TERM
 *   values  := TERM | "(" TERM (("or" | "and") TERM)* ")"
 *   TERM    := a word (letters, digits, . _ - / @ +, a trailing-or-inner *) | "a quoted string"
 *
 * A quoted string is literal (a `*` in it is a star, not a wildcard); a bare `*` alone
 * (`skills:*`) means "has a value", as in Kibana.
 */
import type { estypes } from '@elastic/elasticsearch';
import { ANALYST_LIMITS, type AnalystFieldType } from '@jobportal/contracts';

type Query = estypes.QueryDslQueryContainer;

export type KqlNode =
  | { kind: 'or' | 'and'; children: KqlNode[] }
  | { kind: 'not'; child: KqlNode }
  | { kind: 'match'; field: string; values: KqlValue[]; op: 'or' | 'and'; offset: number }
  | { kind: 'range'; field: string; op: '<' | '<=' | '>' | '>='; value: string; offset: number };

/** A value as written: `quoted` values are literal text, unquoted ones may carry wildcards. */
export interface KqlValue { text: string; quoted: boolean }

export class KqlError extends Error {
  constructor(
    readonly code: 'invalid_query' | 'unknown_field',
    readonly reason: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} at line ${line}, column ${column}`);
  }
}

interface Token { type: 'word' | 'string' | 'op' | '(' | ')' | ':'; text: string; offset: number }

function position(src: string, offset: number): { line: number; column: number } {
  const before = src.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function fail(src: string, offset: number, reason: string, code: 'invalid_query' | 'unknown_field' = 'invalid_query'): never {
  const { line, column } = position(src, offset);
  throw new KqlError(code, reason, offset, line, column);
}

const WORD = /[A-Za-z0-9_.\-/@+*]/;
const ISO_DATE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(' || c === ')' || c === ':') { out.push({ type: c, text: c, offset: i }); i++; continue; }
    if (c === '<' || c === '>') {
      const text = src[i + 1] === '=' ? `${c}=` : c;
      out.push({ type: 'op', text, offset: i });
      i += text.length;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let text = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        text += src[j++];
      }
      if (j >= src.length) fail(src, i, 'unterminated quoted string');
      out.push({ type: 'string', text, offset: i });
      i = j + 1;
      continue;
    }
    if (c === '/') fail(src, i, 'regular expressions are not allowed');
    if (WORD.test(c)) {
      let j = i;
      while (j < src.length && WORD.test(src[j])) j++;
      out.push({ type: 'word', text: src.slice(i, j), offset: i });
      i = j;
      continue;
    }
    fail(src, i, `unexpected character "${c}"`);
  }
  return out;
}

export function parseKql(src: string): KqlNode | null {
  if (src.length > ANALYST_LIMITS.queryLength) fail(src, ANALYST_LIMITS.queryLength, `the query may be at most ${ANALYST_LIMITS.queryLength} characters`);
  const tokens = tokenize(src);
  if (tokens.length === 0) return null;
  let pos = 0;
  const peek = () => tokens[pos];
  const end = () => src.length;
  const isKw = (t: Token | undefined, kw: string) => t?.type === 'word' && t.text.toLowerCase() === kw;
  const term = (): Token => {
    const t = peek();
    if (!t || (t.type !== 'word' && t.type !== 'string')) fail(src, t?.offset ?? end(), 'expected a value');
    pos++;
    if (t.type === 'word' && t.text.startsWith('*') && t.text !== '*') fail(src, t.offset, 'leading wildcards are not allowed');
    return t;
  };
  const or = (depth: number): KqlNode => {
    if (depth > ANALYST_LIMITS.queryDepth) fail(src, peek()?.offset ?? end(), `nesting deeper than ${ANALYST_LIMITS.queryDepth} levels`);
    const children = [and(depth)];
    while (isKw(peek(), 'or')) { pos++; children.push(and(depth)); }
    return children.length === 1 ? children[0] : { kind: 'or', children };
  };
  const and = (depth: number): KqlNode => {
    const children = [not(depth)];
    while (isKw(peek(), 'and')) { pos++; children.push(not(depth)); }
    return children.length === 1 ? children[0] : { kind: 'and', children };
  };
  const not = (depth: number): KqlNode => {
    if (isKw(peek(), 'not')) {
      // "not not not ..." nests too; without this bound it would recurse once per word.
      if (depth + 1 > ANALYST_LIMITS.queryDepth) fail(src, peek()!.offset, `nesting deeper than ${ANALYST_LIMITS.queryDepth} levels`);
      pos++;
      return { kind: 'not', child: not(depth + 1) };
    }
    return primary(depth);
  };
  const primary = (depth: number): KqlNode => {
    const t = peek();
    if (!t) fail(src, end(), 'unexpected end of query');
    if (t.type === '(') {
      pos++;
      const inner = or(depth + 1);
      if (peek()?.type !== ')') fail(src, peek()?.offset ?? end(), 'expected ")"');
      pos++;
      return inner;
    }
    if (t.type !== 'word') fail(src, t.offset, 'expected a field name');
    pos++;
    const sep = peek();
    if (sep?.type === 'op') {
      pos++;
      const v = term();
      if (v.type === 'word' && v.text.includes('*')) fail(src, v.offset, 'wildcards cannot be compared');
      return { kind: 'range', field: t.text, op: sep.text as '<' | '<=' | '>' | '>=', value: v.text, offset: t.offset };
    }
    if (sep?.type !== ':') fail(src, sep?.offset ?? end(), `expected ":" or a comparison after "${t.text}" (free text is not supported; use a field, e.g. title:"${t.text}")`);
    pos++;
    if (peek()?.type === '(') {
      pos++;
      const value = (t: Token): KqlValue => ({ text: t.text, quoted: t.type === 'string' });
      const values = [value(term())];
      let op: 'or' | 'and' | null = null;
      while (isKw(peek(), 'or') || isKw(peek(), 'and')) {
        const o = peek()!.text.toLowerCase() as 'or' | 'and';
        if (op && o !== op) fail(src, peek()!.offset, 'mixing "and" and "or" in one value list; use parentheses around whole clauses');
        op = o;
        pos++;
        values.push(value(term()));
      }
      if (peek()?.type !== ')') fail(src, peek()?.offset ?? end(), 'expected ")"');
      pos++;
      return { kind: 'match', field: t.text, values, op: op ?? 'or', offset: t.offset };
    }
    const v = term();
    return { kind: 'match', field: t.text, values: [{ text: v.text, quoted: v.type === 'string' }], op: 'or', offset: t.offset };
  };
  const ast = or(0);
  if (pos < tokens.length) fail(src, tokens[pos].offset, `unexpected "${tokens[pos].text}"; join clauses with and / or`);
  return ast;
}

export interface KqlField { name: string; type: AnalystFieldType }

/** Checks fields and value types, then builds the DSL. Throws KqlError with the clause's position. */
export function kqlToDsl(src: string, ast: KqlNode | null, fields: ReadonlyArray<KqlField>): Query {
  if (!ast) return { match_all: {} };
  const byName = new Map(fields.map((f) => [f.name, f]));
  const field = (name: string, offset: number) => byName.get(name) ?? fail(src, offset, `unknown field "${name}"`, 'unknown_field');
  const scalar = (f: KqlField, v: string, offset: number): string | number | boolean => {
    if (f.type === 'number') {
      const n = Number(v);
      if (!Number.isFinite(n)) fail(src, offset, `"${f.name}" is a number field; "${v}" is not a number`);
      return n;
    }
    // Elasticsearch's strict_date_optional_time, not whatever Date.parse accepts ("March 7" is not a date to it).
    if (f.type === 'date' && (!ISO_DATE.test(v) || Number.isNaN(Date.parse(v)))) fail(src, offset, `"${f.name}" is a date field; "${v}" is not a date (use 2024-01-31)`);
    if (f.type === 'boolean') {
      if (v !== 'true' && v !== 'false') fail(src, offset, `"${f.name}" is true or false`);
      return v === 'true';
    }
    return v;
  };
  const one = (f: KqlField, value: KqlValue, offset: number): Query => {
    const v = value.text;
    if (!value.quoted && v === '*') return { exists: { field: f.name } };
    if (!value.quoted && v.includes('*')) {
      if (f.type !== 'keyword') fail(src, offset, `wildcards only on keyword fields, not "${f.name}"`);
      // `?` and the backslash are wildcard syntax too; the tokenizer never lets them into a word.
      return { wildcard: { [f.name]: { value: v, case_insensitive: true } } };
    }
    if (f.type === 'text') return { match_phrase: { [f.name]: v } };
    // A quoted value on a keyword field is matched exactly; wildcard syntax in it is only text.
    return { term: { [f.name]: scalar(f, v, offset) } };
  };
  const walk = (n: KqlNode): Query => {
    switch (n.kind) {
      case 'or': return { bool: { should: n.children.map(walk), minimum_should_match: 1 } };
      case 'and': return { bool: { filter: n.children.map(walk) } };
      case 'not': return { bool: { must_not: [walk(n.child)] } };
      case 'match': {
        const f = field(n.field, n.offset);
        const clauses = n.values.map((v) => one(f, v, n.offset));
        if (clauses.length === 1) return clauses[0];
        return n.op === 'and' ? { bool: { filter: clauses } } : { bool: { should: clauses, minimum_should_match: 1 } };
      }
      case 'range': {
        const f = field(n.field, n.offset);
        if (f.type !== 'number' && f.type !== 'date') fail(src, n.offset, `"${f.name}" is not a number or date field; comparisons need one`);
        const key = { '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' }[n.op];
        return { range: { [f.name]: { [key]: scalar(f, n.value, n.offset) } } };
      }
    }
  };
  return walk(ast);
}

const KEYWORDS = new Set(['and', 'or', 'not']);

function printValue(v: KqlValue): string {
  // A word that would not re-read as the same word is quoted (a keyword, a character outside WORD).
  const bare = !v.quoted && v.text.length > 0 && !KEYWORDS.has(v.text.toLowerCase()) && [...v.text].every((c) => WORD.test(c));
  return bare ? v.text : `"${v.text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** The query as understood, printed back from the AST (parenthesized where precedence needs it). */
export function printKql(ast: KqlNode | null): string {
  if (!ast) return '';
  const walk = (n: KqlNode, parent: 'or' | 'and' | 'not' | null): string => {
    switch (n.kind) {
      case 'or':
      case 'and': {
        const text = n.children.map((c) => walk(c, n.kind)).join(` ${n.kind} `);
        return parent === null || (parent === 'or' && n.kind === 'and') ? text : `(${text})`;
      }
      case 'not':
        return `not ${walk(n.child, 'not')}`;
      case 'match':
        return n.values.length === 1 ? `${n.field}:${printValue(n.values[0])}` : `${n.field}:(${n.values.map(printValue).join(` ${n.op} `)})`;
      case 'range':
        return `${n.field} ${n.op} ${n.value}`;
    }
  };
  return walk(ast, null);
}
