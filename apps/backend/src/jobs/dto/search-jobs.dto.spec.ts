import type { ArgumentMetadata } from '@nestjs/common';
import { encodeCursor } from '@jobportal/search';
import { ApiError } from '../../common/error-envelope.filter';
import { createValidationPipe } from '../../common/validation';
import { SearchJobsDto } from './search-jobs.dto';

const meta: ArgumentMetadata = { type: 'query', metatype: SearchJobsDto, data: '' };

async function parse(query: Record<string, unknown>): Promise<SearchJobsDto> {
  return createValidationPipe().transform(query, meta);
}

async function fieldsOf(query: Record<string, unknown>): Promise<string[]> {
  try {
    await parse(query);
  } catch (err) {
    if (err instanceof ApiError) return (err.getResponse() as { errors: Array<{ field: string }> }).errors.map((e) => e.field);
    throw err;
  }
  throw new Error(`accepted ${JSON.stringify(query)}`);
}

describe('SearchJobsDto', () => {
  it('reads repeated keys and comma lists, trimmed and without duplicates', async () => {
    const dto = await parse({ workMode: ['remote', 'hybrid,remote'], experience: ' entry , associate ', company: ['Acme, Inc.', 'Acme, Inc.'], place: 'NY|New York' });
    expect(dto.workMode).toEqual(['remote', 'hybrid']);
    expect(dto.experience).toEqual(['entry', 'associate']);
    // Names keep their commas: repeat the key for several.
    expect(dto.company).toEqual(['Acme, Inc.']);
    expect(dto.place).toEqual(['NY|New York']);
  });

  it('turns numbers into numbers and drops blank values', async () => {
    const dto = await parse({ q: '  nurse ', page: '2', size: '50', payMin: '40000', location: ' ', workMode: '' });
    expect(dto).toMatchObject({ q: 'nurse', page: 2, size: 50, payMin: 40000 });
    expect(dto.location).toBeUndefined();
    expect(dto.workMode).toBeUndefined();
  });

  it('accepts a cursor of the same sort, on the first page only', async () => {
    expect((await parse({ sort: 'date', after: encodeCursor([1, 'x']) })).after).toBeDefined();
    expect(await fieldsOf({ sort: 'date', after: encodeCursor([1, 2, 'x']) })).toEqual(['after']);
    expect(await fieldsOf({ after: encodeCursor([1, 2, 'x']), page: '3' })).toEqual(['after']);
  });

  it('names each bad field', async () => {
    expect(await fieldsOf({ radius: '25mi' })).toEqual(['radius']);
    expect(await fieldsOf({ location: 'Boston', radius: '25 miles' })).toEqual(['radius']);
    expect(await fieldsOf({ payMin: '9', payMax: '8' })).toEqual(['payMax']);
    expect(await fieldsOf({ payMin: '1.5' })).toEqual(['payMin']);
    expect(await fieldsOf({ page: '51', size: '200' })).toEqual(expect.arrayContaining(['size']));
    expect(await fieldsOf({ page: '101', size: '100' })).toEqual(['page']);
    expect(await fieldsOf({ page: '501' })).toEqual(['page']);
    expect(await fieldsOf({ occupation: '15,nurse' })).toEqual(['occupation']);
    expect(await fieldsOf({ workMode: 'remote,sometimes' })).toEqual(['workMode']);
    expect(await fieldsOf({ q: 'x'.repeat(257), bogus: '1' })).toEqual(expect.arrayContaining(['q', 'bogus']));
  });
});
