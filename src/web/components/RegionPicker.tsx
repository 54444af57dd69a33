// The province → district → kecamatan → desa cascade over GET /api/v1/regions?parent=, from any
// starting region down to any level: each choice loads the next select and clears the ones below.
import type { RegionLevel, RegionRef } from '../api/client.ts';
import { formatRegionCode } from '../format.ts';
import { useT } from '../i18n/index.ts';
import { useRegionChildren } from '../lib/useRegionChildren.ts';

export const REGION_LEVELS: readonly RegionLevel[] = ['provinsi', 'kabkota', 'kecamatan', 'desa'];
const CODE_LENGTHS: Record<RegionLevel, number> = { provinsi: 2, kabkota: 4, kecamatan: 6, desa: 10 };

/** The chosen code at each level of the cascade ('' or absent: not chosen). */
export type RegionPath = Partial<Record<RegionLevel, string>>;

/** The level of a region code (2, 4, 6 or 10 digits), or null for anything else. */
export function levelOfCode(code: string): RegionLevel | null {
  return REGION_LEVELS.find((l) => CODE_LENGTHS[l] === code.length) ?? null;
}

/** The levels a picker shows: the children of `root` ('' = provinces) down to `to`. */
export function pickerLevels(root: string, to: RegionLevel): RegionLevel[] {
  const first = root === '' ? 0 : REGION_LEVELS.indexOf(levelOfCode(root) ?? 'desa') + 1;
  return REGION_LEVELS.slice(first, REGION_LEVELS.indexOf(to) + 1);
}

/** The path after choosing `code` at `level`: the levels below are cleared. */
export function choose(path: RegionPath, level: RegionLevel, code: string): RegionPath {
  const next: RegionPath = {};
  for (const l of REGION_LEVELS) {
    if (l === level) {
      if (code) next[l] = code;
      break;
    }
    if (path[l]) next[l] = path[l];
  }
  return next;
}

/** The deepest chosen code of a path ('' when nothing is chosen). */
export function deepestCode(path: RegionPath): string {
  for (const l of [...REGION_LEVELS].reverse()) if (path[l]) return path[l]!;
  return '';
}

/** Options of a select, keeping the chosen code visible even before its list has loaded (URL state). */
export function regionOptions(items: readonly RegionRef[] | null, selected: string, level: RegionLevel): RegionRef[] {
  const list = items ? [...items] : [];
  if (selected && !list.some((r) => r.code === selected)) list.unshift({ code: selected, name: selected, level });
  return list;
}

export interface RegionPickerProps {
  /** The region whose children form the first select: '' = provinces (default), '3174' = its kecamatan. */
  root?: string;
  /** The deepest level offered. */
  to: RegionLevel;
  value: RegionPath;
  /** Called with the whole new path (levels below the changed one cleared). */
  onChange: (next: RegionPath) => void;
  /** Each select gets the id `${idPrefix}-${level}` (e.g. 'filter-kecamatan'). */
  idPrefix: string;
  /** Label of each level's select (default: the generic level names). */
  labels?: Partial<Record<RegionLevel, string>>;
  /** Text of each level's empty option: "Semua kecamatan" for a filter, "Pilih provinsi" for a form. */
  emptyLabels?: Partial<Record<RegionLevel, string>>;
  /** Options of the first level given instead of loaded (e.g. the desa of an operator's scope). */
  rootItems?: readonly RegionRef[];
  /** Show a level whose parent is not chosen yet, disabled (a filter bar); default: hidden (a form). */
  showUnchosen?: boolean;
  /** Prefix options with the dotted code ("31.74 KOTA …"). */
  showCodes?: boolean;
  /** id of an error or hint describing every select. */
  describedBy?: string;
  disabled?: boolean;
}

function LevelSelect({
  parent,
  level,
  props,
}: {
  /** null: the parent is not chosen yet (the select shows disabled and empty). */
  parent: string | null;
  level: RegionLevel;
  props: RegionPickerProps;
}) {
  const t = useT();
  const given = props.rootItems && parent === (props.root ?? '') ? props.rootItems : undefined;
  const loaded = useRegionChildren(given || parent === null ? null : parent);
  const items = given ?? loaded.items;
  const value = props.value[level] ?? '';
  const id = `${props.idPrefix}-${level}`;
  const waiting = parent !== null && items === null;
  return (
    <div className="field">
      <label htmlFor={id}>{props.labels?.[level] ?? t(`region.level.${level}`)}</label>
      <select
        id={id}
        value={value}
        disabled={props.disabled || parent === null}
        aria-describedby={props.describedBy}
        aria-busy={waiting || undefined}
        onChange={(e) => props.onChange(choose(props.value, level, e.target.value))}
      >
        <option value="">{waiting && !value ? t('app.loading') : (props.emptyLabels?.[level] ?? t(`region.choose.${level}`))}</option>
        {parent !== null &&
          regionOptions(items, value, level).map((r) => (
            <option key={r.code} value={r.code}>
              {props.showCodes ? `${formatRegionCode(r.code)} ${r.name}` : r.name}
            </option>
          ))}
      </select>
      {loaded.error && (
        <small className="field-error" role="alert">
          {loaded.error}
        </small>
      )}
    </div>
  );
}

/** One labelled select per level; ids `${idPrefix}-${level}`. */
export function RegionPicker(props: RegionPickerProps) {
  const root = props.root ?? '';
  const levels = pickerLevels(root, props.to);
  const out = [];
  let parent: string | null = root;
  for (const level of levels) {
    if (parent === null && !props.showUnchosen) break;
    out.push(<LevelSelect key={level} parent={parent} level={level} props={props} />);
    parent = parent === null ? null : props.value[level] || null;
  }
  return <>{out}</>;
}

/**
 * The region of a list's filter bar ('' = all) below `root`: kecamatan and desa below a district or
 * an operator's scope; from the district (a province's root) or the province (national, root '') too.
 */
export interface AreaFilterValue {
  provinsi?: string;
  kab?: string;
  kecamatan: string;
  desa: string;
}

/** A list's region filter: every level below `root` shown, "Semua …" as the empty choice. */
export function AreaFilter(props: {
  root: string;
  rootItems?: readonly RegionRef[];
  idPrefix: string;
  value: AreaFilterValue;
  onChange: (next: AreaFilterValue) => void;
}) {
  const t = useT();
  const { provinsi, kab, kecamatan, desa } = props.value;
  // Above a district the province and district are part of the value; below, they are not there to change.
  const wide = props.root.length < 4;
  return (
    <RegionPicker
      root={props.root}
      rootItems={props.rootItems}
      to="desa"
      idPrefix={props.idPrefix}
      value={{ provinsi, kabkota: kab, kecamatan, desa }}
      onChange={(next) => {
        const area = { kecamatan: next.kecamatan ?? '', desa: next.desa ?? '' };
        props.onChange(wide ? { provinsi: next.provinsi ?? '', kab: next.kabkota ?? '', ...area } : area);
      }}
      labels={{ provinsi: t('list.provinsi'), kabkota: t('list.kab'), kecamatan: t('list.kecamatan'), desa: t('list.desa') }}
      emptyLabels={{
        provinsi: t('list.allProvinsi'),
        kabkota: t('list.allKab'),
        kecamatan: t('list.allKecamatan'),
        desa: t('list.allDesa'),
      }}
      showUnchosen
    />
  );
}
