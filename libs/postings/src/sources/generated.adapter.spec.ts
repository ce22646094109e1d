import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RawPosting, RejectedRow } from '@jobportal/contracts';
import { generatedAdapter } from './generated.adapter';
import { SourceFileError } from './source-adapter';

describe('generated adapter (JSONL)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'generated-adapter-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };

  const readAll = async (file: string) => {
    const postings: RawPosting[] = [];
    const rejects: RejectedRow[] = [];
    for await (const item of generatedAdapter.read(file)) {
      if ('reason' in item) rejects.push(item);
      else postings.push(item);
    }
    return { postings, rejects };
  };

  it('reads one posting per line, forcing the source and numbering rows by line', async () => {
    const posting = {
      source: 'linkedin_2024',
      sourceId: 'gen-1-0',
      rowNumber: 99,
      url: 'https://example.org/jobs/gen-1-0',
      title: 'Data Engineer',
      company: 'Acme',
      location: 'Austin, TX',
      description: 'Build pipelines.',
      postedAt: '2024-05-01T00:00:00.000Z',
      payMin: 90000,
      payPeriod: 'year',
      skills: ['SQL', 'Python'],
      unknownField: 'ignored',
    };
    const file = write(
      'good.jsonl',
      `\uFEFF${JSON.stringify(posting)}\r\n\r\n${JSON.stringify({ sourceId: 7, title: '   ', employmentType: null })}\n`,
    );
    const { postings, rejects } = await readAll(file);
    expect(rejects).toEqual([]);
    expect(postings).toEqual([
      {
        source: 'generated',
        sourceId: 'gen-1-0',
        rowNumber: 1,
        url: 'https://example.org/jobs/gen-1-0',
        title: 'Data Engineer',
        company: 'Acme',
        location: 'Austin, TX',
        description: 'Build pipelines.',
        postedAt: '2024-05-01T00:00:00.000Z',
        payMin: 90000,
        payPeriod: 'year',
        skills: ['SQL', 'Python'],
      },
      // A blank title is passed on for the normalizer to reject as missing_title.
      { source: 'generated', sourceId: '7', rowNumber: 3, title: '   ' },
    ]);
  });

  it('rejects bad lines with a reason and reads on', async () => {
    const file = write(
      'bad-lines.jsonl',
      [
        JSON.stringify({ sourceId: 'a', title: 'First' }),
        '{"sourceId": "b", "title": "Cut off',
        '[1, 2]',
        JSON.stringify({ title: 'No id' }),
        JSON.stringify({ sourceId: 'c', skills: 'SQL, Python' }),
        JSON.stringify({ sourceId: 'd', title: 'Last' }),
      ].join('\n'),
    );
    const { postings, rejects } = await readAll(file);
    expect(postings.map((p) => [p.sourceId, p.rowNumber])).toEqual([
      ['a', 1],
      ['d', 6],
    ]);
    expect(rejects.map((r) => [r.rowNumber, r.reason])).toEqual([
      [2, 'malformed_row'],
      [3, 'malformed_row'],
      [4, 'missing_id'],
      [5, 'invalid_value'],
    ]);
    expect(rejects[0]).toMatchObject({
      source: 'generated',
      detail: expect.stringMatching(/^not valid JSON/),
      raw: '{"sourceId": "b", "title": "Cut off',
    });
    expect(rejects[3].detail).toBe('skills must be an array of strings');
  });

  it('fails with empty_file for an empty or blank file, file_not_found for a missing one', async () => {
    await expect(readAll(write('empty.jsonl', ''))).rejects.toMatchObject({ code: 'empty_file' });
    await expect(readAll(write('blank.jsonl', '\n \n'))).rejects.toMatchObject({ code: 'empty_file' });
    const missing = readAll(path.join(dir, 'missing.jsonl'));
    await expect(missing).rejects.toBeInstanceOf(SourceFileError);
    await expect(missing).rejects.toMatchObject({ code: 'file_not_found' });
  });
});
