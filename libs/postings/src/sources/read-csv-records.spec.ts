import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RejectedRow } from '@jobportal/contracts';
import { readCsvRecords, type CsvRecord } from './read-csv-records';
import { SourceFileError } from './source-adapter';

const COLUMNS = ['id', 'title', 'description'] as const;

describe('readCsvRecords', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'read-csv-records-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };

  const readAll = async (file: string, requiredColumns: readonly string[] = COLUMNS) => {
    const records: Array<{ rowNumber: number; id: string | null; title: string | null; description: string | null }> = [];
    const rejects: RejectedRow[] = [];
    for await (const item of readCsvRecords(file, { source: 'indeed_2019', label: 'Test', requiredColumns })) {
      if ('reason' in item) rejects.push(item);
      else records.push(summary(item));
    }
    return { records, rejects, ids: records.map((r) => r.id) };
  };

  const summary = (row: CsvRecord) => ({
    rowNumber: row.rowNumber,
    id: row.get('id'),
    title: row.get('title'),
    description: row.get('description'),
  });

  it('reads quoted multi-line fields, CRLF, a BOM and padded header names', async () => {
    const file = write(
      'good.csv',
      '\uFEFF id , title,description\r\n1,"Data Engineer","Line one\r\nline ""two"""\r\n\r\n2,Analyst,Plain\r\n',
    );
    const { records, rejects } = await readAll(file);
    expect(rejects).toEqual([]);
    expect(records).toEqual([
      { rowNumber: 2, id: '1', title: 'Data Engineer', description: 'Line one\r\nline "two"' },
      { rowNumber: 5, id: '2', title: 'Analyst', description: 'Plain' },
    ]);
  });

  it('reads "", nan, NaN, None and null cells as null', async () => {
    const file = write('nulls.csv', 'id,title,description\n1,nan,None\n2,NaN,null\n3,  ,""\n4,none?,0\n');
    const { records } = await readAll(file);
    expect(records.map((r) => [r.title, r.description])).toEqual([
      [null, null],
      [null, null],
      [null, null],
      ['none?', '0'],
    ]);
  });

  it('rejects only the line with an unclosed quote and reads every record after it', async () => {
    const file = write(
      'unclosed.csv',
      [
        'id,title,description',
        '1,First,ok',
        '2,"Broken title,never closed',
        '3,Third,ok',
        '4,"Fourth","spans',
        'two lines"',
        '5,Fifth,ok',
        '',
      ].join('\n'),
    );
    const { ids, rejects, records } = await readAll(file);
    expect(ids).toEqual(['1', '3', '4', '5']);
    expect(records.find((r) => r.id === '4')).toEqual({
      rowNumber: 5,
      id: '4',
      title: 'Fourth',
      description: 'spans\ntwo lines',
    });
    expect(rejects).toEqual([
      {
        source: 'indeed_2019',
        rowNumber: 3,
        reason: 'malformed_row',
        detail: expect.stringContaining('quote'),
        raw: '2,"Broken title,never closed',
      },
    ]);
  });

  it('recovers when an unclosed quote would otherwise run to the end of the file', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${i + 3},Title ${i + 3},text`);
    const file = write('unclosed-eof.csv', ['id,title,description', '1,ok,ok', '2,"Broken,x', ...rows].join('\n'));
    const { ids, rejects } = await readAll(file);
    expect(rejects.map((r) => r.rowNumber)).toEqual([3]);
    expect(ids).toHaveLength(51);
    expect(ids[50]).toBe('52');
  });

  it('rejects a record with too many or too few fields and goes on', async () => {
    const file = write(
      'counts.csv',
      'id,title,description\n1,a,b\n2,too,many,fields\n3,ok,ok\n4,few\n5,ok,ok\n6,"multi\nline",c,extra\n7,e,f\n',
    );
    const { ids, rejects } = await readAll(file);
    expect(ids).toEqual(['1', '3', '5', '7']);
    expect(rejects.map((r) => [r.rowNumber, r.detail, r.raw])).toEqual([
      [3, 'expected 3 fields, found 4', '2,too,many,fields'],
      [5, 'expected 3 fields, found 2', '4,few'],
      [7, 'expected 3 fields, found 4; lines 7-8 could not be read as records', '6,"multi\nline",c,extra'],
    ]);
  });

  it('reports consecutive unreadable records as one rejected row', async () => {
    const file = write('consecutive.csv', 'id,title,description\n1,a,b\n2,too,many,fields\n3,few\n4,e,f\n');
    const { ids, rejects } = await readAll(file);
    expect(ids).toEqual(['1', '4']);
    expect(rejects.map((r) => [r.rowNumber, r.detail, r.raw])).toEqual([
      [3, 'expected 3 fields, found 4; lines 3-4 could not be read as records', '2,too,many,fields\n3,few'],
    ]);
  });

  it('keeps a row whose stray quotes sit inside unquoted fields', async () => {
    const file = write(
      'stray.csv',
      'id,title,description\n1,Needs 5\'11" height,ok\n2,Say "hi",ok\n3,Next,"multi\nline"\n',
    );
    const { records, rejects } = await readAll(file);
    expect(rejects).toEqual([]);
    expect(records.map((r) => [r.rowNumber, r.title])).toEqual([
      [2, 'Needs 5\'11" height'],
      [3, 'Say "hi"'],
      [4, 'Next'],
    ]);
  });

  it('rejects a quoted field with unescaped quotes inside, even when the quotes balance', async () => {
    const file = write(
      'inner-quotes.csv',
      'id,title,description\n1,"Say "hi" twice",ok\n2,"Broken,"Denver, CO",x\n3,Next,ok\n',
    );
    const { ids, rejects } = await readAll(file);
    expect(ids).toEqual(['3']);
    // Consecutive unreadable lines are one reject: where the first broken record ends is unknown.
    expect(rejects.map((r) => [r.rowNumber, r.detail, r.raw])).toEqual([
      [
        2,
        'unbalanced or misplaced quote; lines 2-3 could not be read as records',
        '1,"Say "hi" twice",ok\n2,"Broken,"Denver, CO",x',
      ],
    ]);
  });

  it('skips the rest of a broken multi-line record as one reject, up to the next record start', async () => {
    const file = write(
      'broken-multiline.csv',
      [
        'id,title,description',
        '1,Analyst,"One line"',
        // The stray quote in the title closes it early; the description's lines follow.
        '2,"Eng"ineer,"Build things:',
        '- pipelines, models, reports',
        '- dashboards',
        'Apply today."',
        '3,Scientist,"Model data,',
        'and explain it"',
        '4,Designer,ok',
      ].join('\n'),
    );
    const read = async (isRecordStart?: (row: CsvRecord) => boolean) => {
      const out: Array<[number, string | null]> = [];
      for await (const item of readCsvRecords(file, {
        source: 'indeed_2019',
        label: 'Test',
        requiredColumns: COLUMNS,
        isRecordStart,
      })) {
        out.push('reason' in item ? [item.rowNumber, item.detail] : [item.rowNumber, item.get('id')]);
      }
      return out;
    };
    expect(await read((row) => /^\d+$/.test(row.get('id') ?? ''))).toEqual([
      [2, '1'],
      [3, 'unbalanced or misplaced quote; lines 3-6 could not be read as records'],
      [7, '3'],
      [9, '4'],
    ]);
    // Without a record-start test, a description line with the right number of commas passes.
    expect(await read()).toEqual([
      [2, '1'],
      [3, 'unbalanced or misplaced quote'],
      [4, '- pipelines'],
      [5, 'expected 3 fields, found 1; lines 5-6 could not be read as records'],
      [7, '3'],
      [9, '4'],
    ]);
  });

  it('fails with file_not_found for a missing file', async () => {
    const read = readAll(path.join(dir, 'nope.csv'));
    await expect(read).rejects.toBeInstanceOf(SourceFileError);
    await expect(read).rejects.toMatchObject({ code: 'file_not_found' });
  });

  it('fails with file_unreadable for a directory', async () => {
    await expect(readAll(dir)).rejects.toMatchObject({ code: 'file_unreadable' });
  });

  it.each([
    ['zero bytes', ''],
    ['only a BOM and blank lines', '\uFEFF\n\r\n  \n'],
  ])('fails with empty_file for a file with %s', async (_, content) => {
    await expect(readAll(write('empty.csv', content))).rejects.toMatchObject({ code: 'empty_file' });
  });

  it('reads a header-only file as no records', async () => {
    const { records, rejects } = await readAll(write('header-only.csv', 'id,title,description\n'));
    expect([records, rejects]).toEqual([[], []]);
  });

  it('fails with missing_columns naming the missing and the found columns', async () => {
    const file = write('wrong-header.csv', 'id,name,description\n1,a,b\n');
    const error = await readAll(file).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(SourceFileError);
    expect(error).toMatchObject({ code: 'missing_columns', columns: { missing: ['title'], found: ['id', 'name', 'description'] } });
    expect((error as Error).message).toContain('"title"');
    expect((error as Error).message).toContain('Found: "id", "name", "description"');
  });

  it('stops with the abort reason when the signal is aborted', async () => {
    const file = write('abort.csv', 'id,title,description\n1,a,b\n2,c,d\n3,e,f\n');
    const controller = new AbortController();
    const seen: string[] = [];
    const read = async () => {
      for await (const item of readCsvRecords(file, {
        source: 'indeed_2019',
        label: 'Test',
        requiredColumns: COLUMNS,
        signal: controller.signal,
      })) {
        if (!('reason' in item)) seen.push(item.get('id') ?? '');
        controller.abort(new Error('stop'));
      }
    };
    await expect(read()).rejects.toThrow('stop');
    expect(seen).toEqual(['1']);
  });
});
