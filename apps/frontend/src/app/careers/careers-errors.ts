import type { ApiError } from '../api/api-error';

/**
 * What to tell the person for each careers error: what went wrong and what to do next. The API's
 * own message is the fallback, so a new code still says something useful.
 */
export function describeCareersError(error: ApiError): string {
  switch (error.code) {
    case 'no_text_found':
      return 'We could not find any text in that file; it may be a scanned image. Paste the text of your resume instead.';
    case 'unreadable_file':
      return 'That file could not be opened; it may be damaged or password-protected. Try another copy, or paste the text instead.';
    case 'unsupported_file_type':
      return 'That kind of file is not supported. Upload a PDF, a Word document (.docx) or a plain text file, or paste the text.';
    case 'file_too_large':
    case 'payload_too_large':
      return 'That file is larger than 5 MB. Upload a smaller copy, or paste the text instead.';
    case 'unknown_location':
      return 'We do not know that place. Pick one of the suggestions, or leave the location empty.';
    case 'flat_profile':
      return 'Your answers rate every interest area the same, so there is no shape to match. Go back and use more of the scale: say which activities you really like and which you do not.';
    case 'rate_limited':
      return 'Too many requests in a short time. Wait a minute and try again.';
    case 'network_error':
      return 'We could not reach the server. Check your connection and try again.';
  }
  if (error.statusCode === 503) return 'The careers service is not available right now. Try again in a few seconds.';
  const fields = error.errors.map((e) => `${e.field}: ${e.reason}`).join('; ');
  return fields ? `${error.message} (${fields})` : error.message;
}
