import { cleanString, decodeEntities, decodeLiteralEscapes, normalizeText } from './normalize-text';

describe('normalizeText', () => {
  it('keeps plain text as paragraphs and returns no HTML (Indeed 2019)', () => {
    const input =
      'Celebrating its twenty-fifth anniversary in 2016, Cyient is an acknowledged leader in engineering design services.\n\n' +
      'Our industry focus includes aerospace, defense, rail transportation, off-highway & industrial, power generation.\n\nLOCATION\n\nColumbus,Georgia';
    expect(normalizeText(input)).toEqual({
      text:
        'Celebrating its twenty-fifth anniversary in 2016, Cyient is an acknowledged leader in engineering design services.\n\n' +
        'Our industry focus includes aerospace, defense, rail transportation, off-highway & industrial, power generation.\n\nLOCATION\n\nColumbus,Georgia',
      html: null,
    });
  });

  it('decodes the literal \\u2014, \\n and \\" escapes stored as text in the TJFG export', () => {
    expect(
      normalizeText(
        "You'll be responsible for building all external-facing software\\u2014from helping patients find and schedule appointments",
      ).text,
    ).toBe("You'll be responsible for building all external-facing software\u2014from helping patients find and schedule appointments");
    expect(
      normalizeText('please send to jobs [at] prisonpolicy.org:\\n*   Resume\\n*   Cover letter describing your most relevant experience and why you\\u2019d like').text,
    ).toBe('please send to jobs [at] prisonpolicy.org:\n* Resume\n* Cover letter describing your most relevant experience and why you\u2019d like');
    expect(normalizeText('You will NOT worry about \\"runway\\", \\"cash left\\", or \\"how much time').text).toBe(
      'You will NOT worry about "runway", "cash left", or "how much time',
    );
  });

  it('decodes entities in plain text, including the obfuscated e-mail in a TJFG posting', () => {
    expect(normalizeText('Be excited about joining an early stage start-up (&lt; 50 people) as Recruiter #3!')).toEqual({
      text: 'Be excited about joining an early stage start-up (< 50 people) as Recruiter #3!',
      html: null,
    });
    expect(
      normalizeText(
        'Please email us at &#112;&#97;&#117;&#108;&#64;&#99;&#117;&#114;&#97;&#116;&#105;&#118;&#101;&#105;&#110;&#99;&#46;&#99;&#111;&#109; with: The position',
      ).text,
    ).toBe('Please email us at paul@curativeinc.com with: The position');
    expect(normalizeText('&nbsp;Job descriptionTurner Hydraulics Inc. is').text).toBe('Job descriptionTurner Hydraulics Inc. is');
  });

  it('treats LinkedIn 2024 "<span style=...>" pastes as HTML but keeps their line breaks', () => {
    const input =
      '<span style="font-family:"Arial",sans-serif">Data Engineer, Senior\n<span style="font-family:"Arial",sans-serif">\nAtlas Research is seeking qualified candidates';
    expect(normalizeText(input)).toEqual({
      text: 'Data Engineer, Senior\n\nAtlas Research is seeking qualified candidates',
      html: 'Data Engineer, Senior<br /><br />Atlas Research is seeking qualified candidates',
    });
  });

  it('sanitizes HTML: no scripts, styles, event handlers or javascript: links; safe links get rel and target', () => {
    const input =
      '<h1>Data Analyst</h1><p onclick="steal()">Join <b>us</b> <script>alert(document.cookie)</script>' +
      '<a href="javascript:alert(1)">here</a> or <a href="https://example.org/apply?a=1&amp;b=2">apply</a>.</p>' +
      '<style>p { color: red }</style><ul><li>SQL</li><li>R &amp; Python</li></ul><img src=x onerror="alert(1)"><h6>EEO</h6>';
    const { text, html } = normalizeText(input);
    expect(html).toBe(
      '<h3>Data Analyst</h3><p>Join <b>us</b> here or <a href="https://example.org/apply?a=1&amp;b=2" rel="nofollow noopener" target="_blank">apply</a>.</p>' +
        '<ul><li>SQL</li><li>R &amp; Python</li></ul><h4>EEO</h4>',
    );
    expect(text).toBe('Data Analyst\n\nJoin us here or apply.\n\n\u2022 SQL\n\u2022 R & Python\n\nEEO');
  });

  it('drops links whose scheme is hidden behind entities or whitespace', () => {
    const { html } = normalizeText('<p><a href="jav&#x61;script:alert(1)">x</a><a href=" java\tscript:alert(1)">y</a><a href="/relative">z</a></p>');
    expect(html).toBe('<p>xyz</p>');
  });

  it('sanitizes HTML that was stored entity-encoded', () => {
    expect(normalizeText('&lt;p&gt;Hello&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;')).toEqual({ text: 'Hello', html: '<p>Hello</p>' });
    expect(normalizeText('BS in Mechanical Engineering &lt;0&gt; years of relevant experience')).toEqual({
      text: 'BS in Mechanical Engineering <0> years of relevant experience',
      html: null,
    });
  });

  it('turns divs into paragraphs and drops empty ones', () => {
    expect(normalizeText('<div>Responsibilities</div><div><br></div><div>Build pipelines</div>')).toEqual({
      text: 'Responsibilities\n\nBuild pipelines',
      html: '<p>Responsibilities</p><p>Build pipelines</p>',
    });
  });

  it('leaves prose with a stray "<" and ampersands alone', () => {
    expect(normalizeText('R&D team at AT&T, teams of < 10 & growing &unknown;')).toEqual({
      text: 'R&D team at AT&T, teams of < 10 & growing &unknown;',
      html: null,
    });
  });

  it.each([null, undefined, '', '   ', 'nan', 'NaN', 'None', 'N/A', 'null', {}, [], NaN, Infinity])(
    'returns empty text for %p',
    (value) => {
      expect(normalizeText(value)).toEqual({ text: '', html: null });
    },
  );

  it('stringifies a number given where text was expected', () => {
    expect(normalizeText(12345)).toEqual({ text: '12345', html: null });
  });

  it('collapses whitespace, Windows line ends, NULs and zero-width characters', () => {
    expect(normalizeText('Line one\r\n\r\n\r\n\r\nLine   two\u00a0\u00a0three\u200b\u0000 end ').text).toBe('Line one\n\nLine two three end');
  });

  it('handles a 10,000-character description', () => {
    const long = 'Python and SQL. '.repeat(625);
    const { text, html } = normalizeText(long);
    expect(long).toHaveLength(10_000);
    expect(text).toHaveLength(9_999);
    expect(html).toBeNull();
  });

  it('drops an unpaired escaped surrogate instead of producing invalid UTF-16', () => {
    expect(decodeLiteralEscapes('Hi \\ud83d there \\ud83d\\ude00')).toBe('Hi  there \u{1F600}');
  });

  it('decodes numeric and named entities, and keeps unknown names', () => {
    expect(decodeEntities('&amp;&#x2014;&#8212;&mdash;&rsquo;&bogus;&#0;')).toBe('&\u2014\u2014\u2014\u2019&bogus;');
  });
});

describe('cleanString', () => {
  it.each([
    ['  Data   Engineer\n', 'Data Engineer'],
    [' Service Technician', 'Service Technician'],
    ['Corcoran Sawyer Smith', 'Corcoran Sawyer Smith'],
    ['Xentity \\u2019s team', 'Xentity \u2019s team'],
    ['Smith &amp; Co', 'Smith & Co'],
    [3.5, '3.5'],
  ])('cleans %p to %p', (input, expected) => {
    expect(cleanString(input)).toBe(expected);
  });

  it.each([null, undefined, '', '  ', 'nan', 'NaN', 'None', 'none', 'N/A', 'n/a', 'null', '-', '?', NaN, {}, true])(
    'returns null for %p',
    (input) => {
      expect(cleanString(input)).toBeNull();
    },
  );
});
