import sanitizeHtml from 'sanitize-html';

export interface NormalizedText {
  /** Readable plain text: paragraphs separated by a blank line, entities decoded. '' when empty. */
  text: string;
  /** Sanitized HTML, safe to render; null when the input was plain text. */
  html: string | null;
}

/** Values that the source tools (pandas, Excel, hand entry) wrote for "no value". */
const NULL_LIKE = /^(?:nan|none|null|undefined|n\/a|na|nil|-+|\?+)$/i;

/*
 * Some exports (Tech Jobs for Good) hold JSON-style escapes as literal text: "software\u2014from",
 * "\""fast and right\""", "requirements:\n*   Resume". Only these forms are decoded; a lone
 * backslash elsewhere is left alone.
 */
const LITERAL_ESCAPE_PROBE = /\\(?:u[0-9a-fA-F]{4}|[nrt"'])/;
const LITERAL_ESCAPES = /\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})|\\([nrt"'])/g;
const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\n', t: '\t', '"': '"', "'": "'" };

// Stripping control characters is the point here: exports carry NULs and stray C0/C1 codes.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const INLINE_SPACE = /[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;
const ANY_SPACE = /\s+/g;
const LINE_SEPARATORS = /\r\n?|[\u2028\u2029\u0085]/g;
const MANY_NEWLINES = /\n{3,}/g;
const SPACE_AROUND_NEWLINE = / ?\n ?/g;

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g;
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  plus: '+', minus: '\u2212', ndash: '\u2013', mdash: '\u2014', hyphen: '-', dash: '-',
  lsquo: '\u2018', rsquo: '\u2019', sbquo: '\u201a', ldquo: '\u201c', rdquo: '\u201d', bdquo: '\u201e',
  hellip: '\u2026', bull: '\u2022', middot: '\u00b7', copy: '\u00a9', reg: '\u00ae', trade: '\u2122',
  deg: '\u00b0', euro: '\u20ac', pound: '\u00a3', cent: '\u00a2', yen: '\u00a5', sect: '\u00a7',
  para: '\u00b6', times: '\u00d7', divide: '\u00f7', frac12: '\u00bd', frac14: '\u00bc', frac34: '\u00be',
  laquo: '\u00ab', raquo: '\u00bb', iexcl: '\u00a1', iquest: '\u00bf', colon: ':', comma: ',',
  period: '.', excl: '!', quest: '?', lpar: '(', rpar: ')', sol: '/', bsol: '\\', num: '#',
  percnt: '%', dollar: '$', ast: '*', equals: '=', commat: '@', lowbar: '_', semi: ';', verbar: '|',
  aacute: '\u00e1', agrave: '\u00e0', acirc: '\u00e2', auml: '\u00e4', atilde: '\u00e3', aring: '\u00e5',
  eacute: '\u00e9', egrave: '\u00e8', ecirc: '\u00ea', euml: '\u00eb', iacute: '\u00ed', igrave: '\u00ec',
  icirc: '\u00ee', iuml: '\u00ef', oacute: '\u00f3', ograve: '\u00f2', ocirc: '\u00f4', ouml: '\u00f6',
  otilde: '\u00f5', oslash: '\u00f8', uacute: '\u00fa', ugrave: '\u00f9', ucirc: '\u00fb', uuml: '\u00fc',
  ntilde: '\u00f1', ccedil: '\u00e7', szlig: '\u00df', Aacute: '\u00c1', Eacute: '\u00c9', Iacute: '\u00cd',
  Oacute: '\u00d3', Uacute: '\u00da', Ntilde: '\u00d1', Ccedil: '\u00c7', Auml: '\u00c4', Ouml: '\u00d6',
  Uuml: '\u00dc', zwnj: '', zwj: '', shy: '', lrm: '', rlm: '',
};

/**
 * Tags that mark a value as HTML. Prose with a stray "<" ("teams of < 50 people") is not HTML;
 * any of these tags is, including the dangerous ones, so they get sanitized away.
 */
const HTML_TAG =
  /<\/?(?:p|br|div|span|ul|ol|li|strong|b|em|i|u|h[1-6]|a|table|thead|tbody|tr|td|th|font|section|article|blockquote|pre|code|hr|img|script|style|iframe|object|embed|form|input|meta|link|body|html|head|center|small|sup|sub|dl|dt|dd)\b[^<>]*>/i;
const HTML_BLOCK_TAG = /<\/?(?:p|br|div|ul|ol|li|h[1-6]|table|tr|blockquote|pre|section|article|hr|dl|dt|dd)\b[^<>]*>/i;

const SAFE_HREF = /^(?:https?:\/\/[^\s]+|mailto:[^\s]+)$/i;

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'ul', 'ol', 'li', 'strong', 'b', 'em', 'i', 'h3', 'h4', 'a'],
  allowedAttributes: { a: ['href', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Tags whose content is code or chrome, not posting text: dropped with their content.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'head', 'title', 'iframe', 'object', 'svg'],
  transformTags: {
    h1: 'h3',
    h2: 'h3',
    h5: 'h4',
    h6: 'h4',
    div: 'p',
    section: 'p',
    article: 'p',
    blockquote: 'p',
    tr: 'p',
    dt: 'p',
    dd: 'p',
    a: (tagName, attribs): sanitizeHtml.Tag => {
      const href = attribs.href?.trim() ?? '';
      // Only absolute web and mail links survive; anything else (javascript:, data:, relative
      // paths with no base) is unwrapped to its text.
      if (!SAFE_HREF.test(href)) return { tagName, attribs: {} };
      return { tagName, attribs: { href, rel: 'nofollow noopener', target: '_blank' } };
    },
  },
};

const SANITIZED_BLOCK_BREAK = /<\/(?:p|h3|h4|ul|ol)>|<(?:ul|ol)>/g;
const SANITIZED_LI_CLOSE = /<\/li>/g;
const UNLINKED_ANCHOR = /<a>([\s\S]*?)<\/a>/g;
const SANITIZED_BR = /<br\s*\/?>/g;
const SANITIZED_LI_OPEN = /<li>/g;
const ANY_TAG = /<[^>]*>/g;
const HTML_WHITESPACE = /[ \t\n\f\r]+/g;
const EMPTY_BLOCK = /<(p|li|h3|h4)>\s*(?:<br \/>\s*)*<\/\1>/g;
const REPEATED_BR = /(?:<br \/>\s*){3,}/g;

function toRawString(input: unknown): string | null {
  if (typeof input === 'string') return input;
  if (typeof input === 'number' || typeof input === 'bigint') {
    return Number.isFinite(Number(input)) ? String(input) : null;
  }
  return null;
}

/** Decodes the literal "\u2014", "\n", "\"" escapes some exports store as text. */
export function decodeLiteralEscapes(s: string): string {
  if (!LITERAL_ESCAPE_PROBE.test(s)) return s;
  return s.replace(LITERAL_ESCAPES, (_m, hi: string, lo: string, bmp: string, simple: string) => {
    if (hi) return String.fromCharCode(parseInt(hi, 16), parseInt(lo, 16));
    if (bmp) {
      const code = parseInt(bmp, 16);
      // An unpaired surrogate would make invalid UTF-16 for Elasticsearch; drop it.
      return code >= 0xd800 && code <= 0xdfff ? '' : String.fromCharCode(code);
    }
    return SIMPLE_ESCAPES[simple];
  });
}

/** Decodes HTML character references (&amp;, &#112;, &#x2014;); unknown names are kept as written. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') === -1) return s;
  return s.replace(ENTITY, (m, dec: string, hex: string, name: string) => {
    if (name !== undefined) return NAMED_ENTITIES[name] ?? NAMED_ENTITIES[name.toLowerCase()] ?? m;
    const code = dec !== undefined ? parseInt(dec, 10) : parseInt(hex, 16);
    if (!code || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '';
    return String.fromCodePoint(code);
  });
}

function tidyPlainText(s: string): string {
  return s
    .replace(LINE_SEPARATORS, '\n')
    .replace(CONTROL_CHARS, '')
    .replace(ZERO_WIDTH, '')
    .replace(INLINE_SPACE, ' ')
    .replace(SPACE_AROUND_NEWLINE, '\n')
    .replace(MANY_NEWLINES, '\n\n')
    .trim();
}

function sanitizedHtmlToText(html: string): string {
  const withBreaks = html
    .replace(SANITIZED_BR, '\n')
    .replace(SANITIZED_LI_OPEN, '\n\u2022 ')
    .replace(SANITIZED_LI_CLOSE, '')
    .replace(SANITIZED_BLOCK_BREAK, '\n\n')
    .replace(ANY_TAG, '');
  return tidyPlainText(decodeEntities(withBreaks));
}

/**
 * Turns a description (plain text or HTML) into clean text for search plus, for HTML input,
 * sanitized HTML that is safe to render: only p, br, lists, strong/b/em/i, h3/h4 and links
 * (http/https/mailto, rel="nofollow noopener", target="_blank"); no scripts, styles or attributes.
 */
export function normalizeText(input: unknown): NormalizedText {
  const raw = toRawString(input);
  if (raw === null) return { text: '', html: null };
  let decoded = decodeLiteralEscapes(raw.replace(CONTROL_CHARS, ''));
  if (NULL_LIKE.test(decoded.trim())) return { text: '', html: null };

  if (!HTML_TAG.test(decoded)) {
    const unescaped = decodeEntities(decoded);
    // HTML stored entity-encoded ("&lt;p&gt;Hello&lt;/p&gt;") is still HTML, and must be sanitized.
    if (unescaped === decoded || !HTML_TAG.test(unescaped)) return { text: tidyPlainText(unescaped), html: null };
    decoded = unescaped;
  }

  // HTML fragments without block tags (LinkedIn's "<span style=...>" pastes) still carry their
  // line breaks as newlines; keep them as <br> instead of letting HTML collapse them.
  const source = HTML_BLOCK_TAG.test(decoded) ? decoded : decoded.replace(LINE_SEPARATORS, '\n').replace(/\n/g, '<br>');
  const html = sanitizeHtml(source, SANITIZE_OPTIONS)
    .replace(UNLINKED_ANCHOR, '$1')
    .replace(ZERO_WIDTH, '')
    .replace(HTML_WHITESPACE, ' ')
    .replace(EMPTY_BLOCK, '')
    .replace(REPEATED_BR, '<br /><br />')
    .trim();
  const text = sanitizedHtmlToText(html);
  return { text, html: text ? html : null };
}

/**
 * Cleans a short field (title, company, location): literal escapes and entities decoded,
 * whitespace collapsed to single spaces, and null for empty or null-like values ("nan", "None", "N/A").
 */
export function cleanString(value: unknown): string | null {
  const raw = toRawString(value);
  if (raw === null) return null;
  let s = raw;
  if (s.indexOf('\\') !== -1) s = decodeLiteralEscapes(s);
  if (s.indexOf('&') !== -1) s = decodeEntities(s);
  s = s.replace(CONTROL_CHARS, ' ').replace(ZERO_WIDTH, '').replace(ANY_SPACE, ' ').trim();
  if (!s || NULL_LIKE.test(s)) return null;
  return s;
}
