// The household fields the dictionary marks `derived`, computed from the members.
import { isPresentMember } from '../dictionary/index.ts';

/** nama_krt, jumlah_art and jumlah_keluarga as the dictionary defines them, from the members. */
export function deriveHouseholdFields(members: readonly Readonly<Record<string, unknown>>[]): {
  nama_krt: string | null;
  jumlah_art: number;
  jumlah_keluarga: number;
} {
  const present = members.filter(isPresentMember);
  // Only an unambiguous head gives a name; with none or several (R1) the name stays empty.
  const heads = present.filter((m) => m.hub_krt === 1);
  const nama = heads.length === 1 ? heads[0]?.nama : undefined;
  const families = new Set(present.map((m) => m.nuk).filter((n) => typeof n === 'number'));
  return {
    nama_krt: typeof nama === 'string' ? nama : null,
    jumlah_art: present.length,
    jumlah_keluarga: families.size,
  };
}
