// The one way a page turns a caught error into text for the user.
import { ApiError } from '../api/client.ts';
import { translate, type Translate } from '../i18n/index.ts';

/**
 * The text to show for a failed call: the server's message (already in the user's language, see
 * api/client.ts) for an ApiError, the generic message for anything else (a bug, a bad answer).
 */
export function errorText(err: unknown, t: Translate = translate): string {
  return err instanceof ApiError ? err.message : t('error.generic');
}
