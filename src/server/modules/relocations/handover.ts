// What other modules ask of Pemindahan Rumah Tangga (F12): whether households are being handed over,
// and the finding that says so. A leaf (no other module), so the importers and the decision
// engine can ask without pulling in the relocation services (no import cycle).
import { lineIssue } from '../../../shared/api/proposal-line.ts';
import type { Issue } from '../../../shared/rules/index.ts';
import type { Db } from '../../platform/db.ts';
import * as q from './relocations.queries.ts';

/** Which of these households of district `kab` are being handed over to another district (one set-based query; importers and decisions refuse them). */
export function householdsInHandover(db: Db, kab: string, idbdts: readonly string[]): Promise<Set<string>> {
  return q.householdsInHandover(db, kab, idbdts);
}

/** The finding (format §3.4 IN_HANDOVER) of a proposal line, or of an approval, about a household being handed over. */
export function inHandoverIssue(path: string): Issue {
  return lineIssue(
    path,
    'IN_HANDOVER',
    'Rumah tangga ini sedang dalam proses pemindahan ke kabupaten/kota lain',
    'This household is being handed over to another district',
  );
}
