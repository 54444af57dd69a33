// Choosing a district (kabupaten/kota) for users who see several: a province its own districts,
// Pusdatin a province first and then one of its districts. Supervisors have theirs and see none.
import { useState } from 'react';
import { RegionPicker } from '../components/RegionPicker.tsx';
import { useT } from '../i18n/index.ts';
import { ownProvince } from '../lib/abilities.ts';
import { useSession } from '../session.ts';

/** A province and district select (only the district for a provincial user); `value` is the district code or ''. */
export function DistrictPicker({ value, onChange }: { value: string; onChange: (kab: string) => void }) {
  const t = useT();
  const { me } = useSession();
  const own = ownProvince(me);
  // The province chosen before any district (the address holds only the district).
  const [province, setProvince] = useState('');
  const choose = t('rekap.pick.choose');
  return (
    <div className="fin-picker">
      <RegionPicker
        root={own ?? ''}
        to="kabkota"
        idPrefix="rekap-district"
        value={{ provinsi: value ? value.slice(0, 2) : province, kabkota: value }}
        onChange={(next) => {
          setProvince(next.provinsi ?? '');
          onChange(next.kabkota ?? '');
        }}
        labels={{ provinsi: t('rekap.pick.provinsi'), kabkota: t('rekap.pick.kab') }}
        emptyLabels={{ provinsi: choose, kabkota: choose }}
        showUnchosen
      />
    </div>
  );
}
