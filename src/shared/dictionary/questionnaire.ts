// The questionnaire's blocks: how a household's fields are grouped and ordered wherever a whole
// record is read or edited (the offline app's forms, the online proposal review), so that a
// supervisor reads a proposal in the order the operator filled it in. Browser-safe.
import { type FieldDef, householdFields } from './index.ts';

/** The household blocks in questionnaire order; the members follow them, as in the offline form. */
export const HOUSEHOLD_SECTIONS = ['I', 'III', 'V', 'other'] as const;
export type HouseholdSection = (typeof HOUSEHOLD_SECTIONS)[number];
/** A section of a whole record: a household block or the members. */
export type RecordSection = HouseholdSection | 'members';

/** The heading of each section in both languages (the dictionary's labels stay Indonesian). */
export const SECTION_LABELS: Readonly<Record<RecordSection, { readonly id: string; readonly en: string }>> = {
  I: { id: 'Blok I: Keterangan tempat', en: 'Block I: Location' },
  III: { id: 'Blok III: Keterangan perumahan', en: 'Block III: Housing' },
  V: { id: 'Blok V: Kepemilikan aset dan keikutsertaan program', en: 'Block V: Assets and programmes' },
  other: { id: 'Keterangan lain', en: 'Other' },
  // The members (the questionnaire's Blok IV) follow the household blocks, in a part of their own.
  members: { id: 'Anggota rumah tangga', en: 'Household members' },
};

/** The heading of a section in a UI language. */
export function sectionLabel(section: RecordSection, lang: 'id' | 'en'): string {
  return SECTION_LABELS[section][lang];
}

// Blok I fields carry no item number in the dictionary; the utility numbers (meter, PLN, gas)
// sit in Blok III beside the item they belong to.
const BLOCK_I = new Set(['idbdt', 'kode_wilayah', 'alamat', 'nama_sls', 'nama_krt', 'jumlah_art', 'jumlah_keluarga']);

/** The block a household field belongs to. */
export function householdSection(def: Pick<FieldDef, 'name' | 'q'>): HouseholdSection {
  if (BLOCK_I.has(def.name)) return 'I';
  if (def.q?.startsWith('III') || def.name.startsWith('nomor_')) return 'III';
  if (def.q?.startsWith('V')) return 'V';
  return 'other';
}

const ORDER = new Map(householdFields.map((f, i) => [f.name, i]));

/**
 * Household items grouped by block in questionnaire order, each block in dictionary order; blocks
 * without items are left out. An item whose field the dictionary does not know goes to 'other', last.
 */
export function bySection<T>(items: readonly T[], fieldOf: (item: T) => string): { section: HouseholdSection; items: T[] }[] {
  const sectionOf = (name: string) => {
    const i = ORDER.get(name);
    return i === undefined ? 'other' : householdSection(householdFields[i]!);
  };
  const rank = (name: string) => ORDER.get(name) ?? Number.MAX_SAFE_INTEGER;
  return HOUSEHOLD_SECTIONS.map((section) => ({
    section,
    items: items.filter((it) => sectionOf(fieldOf(it)) === section).sort((a, b) => rank(fieldOf(a)) - rank(fieldOf(b))),
  })).filter((g) => g.items.length > 0);
}
