// The verval periods for choosing one (Rekapitulasi, Monitoring) or naming one (release history).
import { periodsApi, type Period } from '../api/mou.ts';
import { useT } from '../i18n/index.ts';
import { useData } from '../lib/useData.ts';
import { SelectField, withChosen } from './SelectField.tsx';

/** The periods, newest first as the API gives them; [] until loaded or when they cannot be (codes then stand alone). */
export function usePeriods(): readonly Period[] {
  return useData((signal) => periodsApi.list(signal), []).data ?? [];
}

/** A labelled period select whose empty choice is the current (open) period. */
export function PeriodSelect({ id, value, onChange }: { id: string; value: string; onChange: (code: string) => void }) {
  const t = useT();
  const options = usePeriods().map((p) => ({ value: p.code, label: p.name }));
  return (
    <SelectField
      id={id}
      label={t('rekap.period')}
      value={value}
      onChange={onChange}
      options={withChosen(options, value)}
      emptyLabel={t('rekap.period.current')}
    />
  );
}
