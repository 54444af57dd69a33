// The move form of Pemindahan Rumah Tangga: a household (by IDBDT, or chosen in View Data Kesos
// through "Pindahkan") moves within the district (kecamatan/desa of the district) or is released
// to another district, with a reason.
import { useState } from 'react';
import { type Relocation, relocationsApi } from '../../api/relocations.ts';
import { RegionPicker, type RegionPath } from '../../components/RegionPicker.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { ErrorBox } from '../../components/Status.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useT } from '../../i18n/index.ts';
import { useData, useMutation } from '../../lib/useData.ts';
import { Link } from '../../router.tsx';

type Mode = 'within' | 'handover';

// Another district: province then district, from the list of every one (region reads are scoped to the caller's own).
function DestinationPicker({ value, onChange }: { value: RegionPath; onChange: (next: RegionPath) => void }) {
  const t = useT();
  const all = useData((signal) => relocationsApi.destinations(signal), []);
  const items = all.data ?? [];
  const provinces = items.filter((r) => r.level === 'provinsi');
  const districts = items.filter((r) => r.level === 'kabkota' && value.provinsi && r.code.startsWith(value.provinsi));
  return (
    <>
      <SelectField
        id="reloc-other-provinsi"
        label={t('reloc.form.provinsi')}
        value={value.provinsi ?? ''}
        onChange={(provinsi) => onChange(provinsi ? { provinsi } : {})}
        emptyLabel={all.loading ? t('app.loading') : t('region.choose.provinsi')}
        options={provinces.map((r) => ({ value: r.code, label: r.name }))}
      />
      {value.provinsi && (
        <SelectField
          id="reloc-other-kabkota"
          label={t('reloc.form.kabkota')}
          value={value.kabkota ?? ''}
          onChange={(kabkota) => onChange({ provinsi: value.provinsi, ...(kabkota ? { kabkota } : {}) })}
          emptyLabel={t('region.choose.kabkota')}
          options={districts.map((r) => ({ value: r.code, label: r.name }))}
        />
      )}
      {all.error && <ErrorBox message={all.error} onRetry={all.reload} />}
    </>
  );
}

/** The kecamatan → desa choice inside a district: where a household moves, or the desa a hand-over is accepted into. */
export function DesaPicker(props: { kab: string; idPrefix: string; value: RegionPath; onChange: (next: RegionPath) => void }) {
  const t = useT();
  return (
    <RegionPicker
      root={props.kab}
      to="desa"
      idPrefix={props.idPrefix}
      value={props.value}
      onChange={props.onChange}
      labels={{ kecamatan: t('reloc.form.kecamatan'), desa: t('reloc.form.desa') }}
    />
  );
}

export function MoveForm({ kab, initialIdbdt, onDone }: { kab: string; initialIdbdt: string; onDone: () => void }) {
  const t = useT();
  const [idbdt, setIdbdt] = useState(initialIdbdt);
  const [mode, setMode] = useState<Mode>('within');
  const [inside, setInside] = useState<RegionPath>({});
  const [other, setOther] = useState<RegionPath>({});
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<Relocation | null>(null);
  const submit = useMutation(async () =>
    mode === 'within'
      ? relocationsApi.move({ idbdt: idbdt.trim(), desa: inside.desa ?? '', reason: reason.trim() })
      : relocationsApi.release({ idbdt: idbdt.trim(), toKab: other.kabkota ?? '', reason: reason.trim() }),
  );
  const target = mode === 'within' ? inside.desa : other.kabkota;
  const ready = /^[0-9]{16}$/.test(idbdt.trim()) && !!target && reason.trim() !== '';

  const send = async () => {
    setDone(null);
    const r = await submit.run();
    if (!r.ok) return;
    setDone(r.value);
    setReason('');
    onDone();
  };

  return (
    <section className="card reloc-form" aria-labelledby="reloc-form-title">
      <h2 id="reloc-form-title">{t('reloc.form.title')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) void send();
        }}
      >
        <TextField id="reloc-idbdt" label={t('reloc.form.idbdt')} value={idbdt} onChange={setIdbdt} maxLength={16} inputMode="numeric" />
        <fieldset className="reloc-mode">
          <legend>{t('reloc.form.mode')}</legend>
          {(['within', 'handover'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="reloc-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />{' '}
              {t(`reloc.form.mode.${m}`)}
            </label>
          ))}
        </fieldset>
        {mode === 'within' ? (
          <DesaPicker kab={kab} idPrefix="reloc-within" value={inside} onChange={setInside} />
        ) : (
          <DestinationPicker value={other} onChange={setOther} />
        )}
        <TextAreaField id="reloc-reason" label={t('reloc.form.reason')} value={reason} maxLength={500} onChange={setReason} />
        {submit.error && <ErrorBox message={submit.error} />}
        {done && (
          <p className="notice" role="status">
            {t(done.kind === 'WITHIN' ? 'reloc.form.movedWithin' : 'reloc.form.released', {
              idbdt: done.idbdt,
              to: done.kind === 'WITHIN' ? (done.toDesaName ?? '') : done.toKabName,
            })}{' '}
            <Link to={`/data-kesos/${done.idbdt}`}>{t('reloc.form.openHousehold')}</Link>
          </p>
        )}
        <button type="submit" className="btn btn-primary" disabled={!ready || submit.busy}>
          {t(mode === 'within' ? 'reloc.form.submitWithin' : 'reloc.form.submitHandover')}
        </button>
      </form>
    </section>
  );
}
