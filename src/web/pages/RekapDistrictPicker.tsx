// Choosing a district (kabupaten/kota) for users who see several: a province its own districts,
// Pusdatin a province first and then one of its districts. Supervisors have theirs and see none.
import { useEffect, useId, useState } from 'react';
import { api, type Region } from '../api/client.ts';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session.ts';

function useChildren(parent: string | null): Region[] | null {
  const [state, setState] = useState<{ parent: string; items: Region[] } | null>(null);
  useEffect(() => {
    if (parent === null) return;
    let live = true;
    api.regions(parent).then(
      (items) => live && setState({ parent, items }),
      () => live && setState({ parent, items: [] }),
    );
    return () => {
      live = false;
    };
  }, [parent]);
  return parent !== null && state?.parent === parent ? state.items : null;
}

/** Whether the user has a single district of its own (then there is nothing to choose). */
export function hasOwnDistrict(role: string): boolean {
  return role === 'SUPERVISOR';
}

/** A province and district select; `value` is the district code or ''. */
export function DistrictPicker({ value, onChange }: { value: string; onChange: (kab: string) => void }) {
  const t = useT();
  const id = useId();
  const { me } = useSession();
  const ownProvince = me.role === 'PROVINSI' ? (me.regions[0]?.code ?? null) : null;
  const [province, setProvince] = useState<string>(ownProvince ?? value.slice(0, 2));
  const provinces = useChildren(ownProvince ? null : '');
  const districts = useChildren(province ? province : null);
  useEffect(() => {
    if (value && value.slice(0, 2) !== province) setProvince(value.slice(0, 2));
  }, [value, province]);
  return (
    <div className="fin-picker">
      {!ownProvince && (
        <div className="field">
          <label htmlFor={`${id}-prov`}>{t('rekap.pick.provinsi')}</label>
          <select
            id={`${id}-prov`}
            value={province}
            onChange={(e) => {
              setProvince(e.target.value);
              onChange('');
            }}
          >
            <option value="">{t('rekap.pick.choose')}</option>
            {(provinces ?? []).map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-kab`}>{t('rekap.pick.kab')}</label>
        <select id={`${id}-kab`} value={value} disabled={!province} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('rekap.pick.choose')}</option>
          {(districts ?? []).map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
