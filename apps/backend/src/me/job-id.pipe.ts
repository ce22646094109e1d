import { Injectable, PipeTransform } from '@nestjs/common';
import { invalidField } from '../auth/auth-errors';

/** Posting ids are sha1 hex today; anything else that could not be an id is a 400, not a lookup. */
@Injectable()
export class JobIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) throw invalidField('jobId', 'must be a posting id (letters, digits, "-" or "_", at most 64)');
    return value;
  }
}
