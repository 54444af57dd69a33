// Names are never cut to fit: a name longer than its field holds is refused with a message naming
// the field, so that the operator shortens it knowingly (a cut name would pass as another person's).
import type { Message } from './issues.ts';

/** "Nama: paling banyak 100 karakter (sekarang 120)": the one wording of a too-long text, per field. */
export function tooLongMessage(label: Message, max: number, length: number): Message {
  return {
    id: `${label.id}: paling banyak ${max} karakter (sekarang ${length})`,
    en: `${label.en}: at most ${max} characters (now ${length})`,
  };
}

/** What a package header's operator may hold (imports.operator_username / operator_name). */
export const OPERATOR_LIMITS = { username: 64, name: 100 } as const;

const OPERATOR_LABELS = {
  username: { id: 'Nama pengguna operator', en: 'Operator username' },
  name: { id: 'Nama operator', en: 'Operator name' },
} as const;

/** The operator fields of a package header that are too long, one message each (empty: all fit). */
export function operatorNameIssues(operator: { username: string; name: string }): Message[] {
  return (['username', 'name'] as const)
    .filter((f) => operator[f].length > OPERATOR_LIMITS[f])
    .map((f) => tooLongMessage(OPERATOR_LABELS[f], OPERATOR_LIMITS[f], operator[f].length));
}
