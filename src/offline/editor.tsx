// The household and member parts of the editors (PERBAIKAN and USULAN_BARU): dictionary-driven
// fields in questionnaire groups, members with their presence status and full edit forms.

import { useState } from 'react';
import { type FieldDef, codeLabel, fieldDef, householdFields, memberFields } from '../shared/dictionary/index.ts';
import { HOUSEHOLD_SECTIONS, householdSection, sectionLabel } from '../shared/dictionary/questionnaire.ts';
import { toggled } from '../shared/sets.ts';
import { FieldInput, FieldMessages, ReadOnlyField } from './components.tsx';
import { useLang, useT } from './i18n.ts';
import { type EditMember, type EditState, type Rec, MEMBER_FIELDS, newMember } from './lib/proposals.ts';
import type { UiIssue } from './lib/validate.ts';

const EMPTY: readonly UiIssue[] = [];

export interface HouseholdFieldsProps {
  /** The editable fields (PERBAIKAN: without kode_wilayah). */
  editable: readonly FieldDef[];
  values: Rec;
  /** Release record: read-only fields are shown from it, and changes are marked against it. */
  base: Rec | null;
  /** Derived values to show (recomputed from the members). */
  derived?: Rec;
  issues: ReadonlyMap<string, UiIssue[]>;
  onChange: (name: string, value: unknown) => void;
  regionOptions?: readonly { code: string; name: string }[];
  disabled?: boolean;
}

export function HouseholdFields({ editable, values, base, derived, issues, onChange, regionOptions, disabled }: HouseholdFieldsProps) {
  const lang = useLang();
  const editableNames = new Set(editable.map((f) => f.name));
  return (
    <>
      {/* The questionnaire's blocks, shared with the online proposal review (shared/dictionary/questionnaire.ts). */}
      {HOUSEHOLD_SECTIONS.map((g) => {
        const defs = householdFields.filter(
          (f) =>
            householdSection(f) === g && (editableNames.has(f.name) || (base && (f.readOnly || f.derived || f.name === 'kode_wilayah'))),
        );
        if (defs.length === 0) return null;
        return (
          <fieldset key={g} className="group">
            <legend>{sectionLabel(g, lang)}</legend>
            <div className="grid">
              {defs.map((def) =>
                editableNames.has(def.name) ? (
                  <FieldInput
                    key={def.name}
                    def={def}
                    value={values[def.name]}
                    original={base?.[def.name]}
                    compareOriginal={!!base}
                    issues={issues.get(`household.${def.name}`) ?? EMPTY}
                    onChange={(v) => onChange(def.name, v)}
                    regionOptions={regionOptions}
                    disabled={disabled}
                  />
                ) : (
                  <ReadOnlyField key={def.name} def={def} value={derived && def.name in derived ? derived[def.name] : base?.[def.name]} />
                ),
              )}
            </div>
          </fieldset>
        );
      })}
    </>
  );
}

/** Asset questions of block V that are still empty. */
export function emptyBlockVBooleans(values: Rec): string[] {
  return householdFields
    .filter((f) => f.type === 'boolean' && f.q?.startsWith('V') && (values[f.name] === null || values[f.name] === undefined))
    .map((f) => f.name);
}

const STA = fieldDef('member', 'sta_keberadaan_art')!;
const SUMMARY_FIELDS = MEMBER_FIELDS.filter((f) => f.name !== 'sta_keberadaan_art');
const READONLY_MEMBER = memberFields.filter((f) => f.readOnly || f.derived);

/** The edit state of an editor with the changes its fields and member buttons make. */
export function useEditState(init: () => EditState) {
  const [edit, setEdit] = useState<EditState>(init);
  return {
    edit,
    setEdit,
    setHousehold: (name: string, value: unknown) => setEdit((e) => ({ ...e, household: { ...e.household, [name]: value } })),
    setMember: (i: number, name: string, value: unknown) =>
      setEdit((e) => ({
        ...e,
        members: e.members.map((m, j) => (j === i ? { ...m, fields: { ...m.fields, [name]: value } } : m)),
      })),
    addMember: (fields?: Rec) => setEdit((e) => ({ ...e, members: [...e.members, newMember(e.members, fields)] })),
    removeMember: (i: number) => setEdit((e) => ({ ...e, members: e.members.filter((_, j) => j !== i) })),
  };
}

/** The members card of an editor: findings about the members as a whole, then a form per member. */
export function MembersCard({
  state,
  baseMembers,
  issues,
  newMember: fields,
  disabled,
}: {
  state: ReturnType<typeof useEditState>;
  baseMembers: ReadonlyMap<string, Rec>;
  issues: ReadonlyMap<string, UiIssue[]>;
  /** Fields a member added here starts with. */
  newMember?: Rec;
  disabled?: boolean;
}) {
  const lang = useLang();
  return (
    <section className="card">
      <h2>{sectionLabel('members', lang)}</h2>
      <FieldMessages path="members" issues={issues} />
      <MembersEditor
        members={state.edit.members}
        baseMembers={baseMembers}
        issues={issues}
        onChange={state.setMember}
        onAdd={() => state.addMember(fields)}
        onRemove={state.removeMember}
        disabled={disabled}
      />
    </section>
  );
}

export interface MembersEditorProps {
  members: readonly EditMember[];
  baseMembers: ReadonlyMap<string, Rec>;
  issues: ReadonlyMap<string, UiIssue[]>;
  onChange: (index: number, name: string, value: unknown) => void;
  onAdd: () => void;
  onRemove: (index: number) => void;
  disabled?: boolean;
}

export function MembersEditor({ members, baseMembers, issues, onChange, onAdd, onRemove, disabled }: MembersEditorProps) {
  const t = useT();
  // New members start open, existing ones closed; a click flips that.
  const [flipped, setFlipped] = useState<Set<string>>(() => new Set());
  const toggle = (key: string) => setFlipped(toggled(flipped, key));
  return (
    <div className="members">
      {members.map((m, i) => {
        const base = m.idartbdt ? baseMembers.get(m.idartbdt) : undefined;
        const nama = typeof m.fields.nama === 'string' && m.fields.nama.trim() ? m.fields.nama : t('hh.newMember');
        const prefix = `members[${i}]`;
        const own = [...issues.entries()].filter(([p]) => p.startsWith(`${prefix}.`) || p === prefix).flatMap(([, l]) => l);
        const errors = own.filter((x) => x.level === 'error' && !x.preexisting).length;
        const isOpen = (m.tempId !== undefined) !== flipped.has(m.key);
        const hub = typeof m.fields.hub_krt === 'number' ? codeLabel('member', 'hub_krt', m.fields.hub_krt) : undefined;
        return (
          <section key={m.key} className={`member${m.tempId ? ' member-new' : ''}`} aria-label={t('hh.member', { n: i + 1, name: nama })}>
            <div className="member-head">
              <div className="member-id">
                <strong>{nama}</strong>
                <span className="muted">
                  {m.idartbdt ?? t('hh.newMember')}
                  {typeof m.fields.nik === 'string' && m.fields.nik ? ` · NIK ${m.fields.nik}` : ''}
                  {hub ? ` · ${hub}` : ''}
                </span>
                {errors > 0 ? <span className="chip chip-error">{t('common.errors', { n: errors })}</span> : null}
              </div>
              <FieldInput
                def={STA}
                value={m.fields.sta_keberadaan_art}
                original={base?.sta_keberadaan_art}
                compareOriginal={!!base}
                issues={issues.get(`${prefix}.fields.sta_keberadaan_art`) ?? EMPTY}
                onChange={(v) => onChange(i, 'sta_keberadaan_art', v)}
                disabled={disabled}
              />
              <div className="member-actions">
                <button type="button" className="btn btn-secondary" aria-expanded={isOpen} onClick={() => toggle(m.key)}>
                  {isOpen ? t('hh.hideMember') : t('hh.editMember')}
                </button>
                {m.tempId && !disabled ? (
                  <button type="button" className="btn btn-danger" onClick={() => onRemove(i)}>
                    {t('hh.removeMember')}
                  </button>
                ) : null}
              </div>
            </div>
            {isOpen ? (
              <div className="grid">
                {base ? READONLY_MEMBER.map((def) => <ReadOnlyField key={def.name} def={def} value={base[def.name]} />) : null}
                {SUMMARY_FIELDS.map((def) => (
                  <FieldInput
                    key={def.name}
                    def={def}
                    value={m.fields[def.name]}
                    original={base?.[def.name]}
                    compareOriginal={!!base}
                    issues={issues.get(`${prefix}.fields.${def.name}`) ?? EMPTY}
                    onChange={(v) => onChange(i, def.name, v)}
                    disabled={disabled}
                  />
                ))}
              </div>
            ) : null}
          </section>
        );
      })}
      {!disabled ? (
        <button type="button" className="btn btn-secondary" onClick={onAdd}>
          {t('hh.addMember')}
        </button>
      ) : null}
    </div>
  );
}
