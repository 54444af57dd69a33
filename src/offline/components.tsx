// Small building blocks of the screens: dictionary-driven inputs, findings, progress, paging.

import { useEffect, useId, useState, type ReactNode } from 'react';
import { type FieldDef, formatRegionCode } from '../shared/dictionary/index.ts';
import { formatDate, formatNumber, useLang, useT, type T } from './i18n.ts';
import type { StoredProposal } from './lib/model.ts';
import type { UiIssue } from './lib/validate.ts';
import { decisionKey } from './work.ts';

/** A value as people read it: code labels, Ya/Tidak, dates in words, dotted region codes. */
export function displayValue(def: FieldDef, v: unknown, t: T, lang: 'id' | 'en'): string {
  if (v === null || v === undefined || v === '') return t('common.empty');
  switch (def.type) {
    case 'code': {
      const label = def.codes && Object.hasOwn(def.codes, String(v)) ? def.codes[String(v)] : undefined;
      return label ? `${String(v)} – ${label}` : String(v);
    }
    case 'boolean':
      return v === true ? t('common.yes') : v === false ? t('common.no') : String(v);
    case 'date':
      return typeof v === 'string' ? formatDate(v, lang) : String(v);
    case 'region':
      return typeof v === 'string' ? formatRegionCode(v) : String(v);
    case 'integer':
    case 'decimal':
      return typeof v === 'number' ? formatNumber(v, lang) : String(v);
    default:
      return String(v);
  }
}

function parseNumber(raw: string): unknown {
  const s = raw.trim().replace(',', '.');
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) && /^-?\d*(\.\d*)?$/.test(s) ? n : raw;
}

function NumberInput({
  id,
  value,
  onChange,
  def,
  disabled,
  describedBy,
}: {
  id: string;
  value: unknown;
  onChange: (v: unknown) => void;
  def: FieldDef;
  disabled?: boolean;
  describedBy?: string;
}) {
  const [text, setText] = useState(value === null || value === undefined ? '' : String(value));
  // biome-ignore lint/correctness/useExhaustiveDependencies: only an outside change of value resets the text
  useEffect(() => {
    const parsed = parseNumber(text);
    if (parsed !== value && !(parsed === null && (value === null || value === undefined)))
      setText(value === null || value === undefined ? '' : String(value));
  }, [value]);
  return (
    <input
      id={id}
      type="text"
      inputMode={def.type === 'integer' ? 'numeric' : 'decimal'}
      value={text}
      disabled={disabled}
      aria-describedby={describedBy}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseNumber(e.target.value));
      }}
    />
  );
}

export interface FieldInputProps {
  def: FieldDef;
  value: unknown;
  onChange: (v: unknown) => void;
  issues?: readonly UiIssue[];
  /** The release value; shown as "semula" when the value differs. */
  original?: unknown;
  compareOriginal?: boolean;
  disabled?: boolean;
  /** Choices for a region field (kode_wilayah of a new household). */
  regionOptions?: readonly { code: string; name: string }[];
}

function sameValue(a: unknown, b: unknown): boolean {
  const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
  return (blank(a) && blank(b)) || a === b || (typeof a === 'string' && typeof b === 'string' && a.trim() === b.trim());
}

/** One dictionary field: label (with questionnaire item), the right input, and its findings. */
export function FieldInput({ def, value, onChange, issues = [], original, compareOriginal, disabled, regionOptions }: FieldInputProps) {
  const t = useT();
  const lang = useLang();
  const id = useId();
  const msgId = `${id}-msg`;
  const changed = compareOriginal === true && !sameValue(value, original);
  const hasError = issues.some((i) => i.level === 'error' && !i.preexisting);
  let input: ReactNode;
  switch (def.type) {
    case 'code':
      input = (
        <select
          id={id}
          value={value === null || value === undefined ? '' : String(value)}
          disabled={disabled}
          aria-describedby={msgId}
          onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
        >
          <option value="">{t('common.choose')}</option>
          {Object.entries(def.codes ?? {}).map(([code, label]) => (
            <option key={code} value={code}>
              {code} – {label}
            </option>
          ))}
        </select>
      );
      break;
    case 'boolean':
      input = (
        <select
          id={id}
          value={value === true ? 'true' : value === false ? 'false' : ''}
          disabled={disabled}
          aria-describedby={msgId}
          onChange={(e) => onChange(e.target.value === '' ? null : e.target.value === 'true')}
        >
          <option value="">{t('common.choose')}</option>
          <option value="true">{t('common.yes')}</option>
          <option value="false">{t('common.no')}</option>
        </select>
      );
      break;
    case 'integer':
    case 'decimal':
      input = <NumberInput id={id} value={value} onChange={onChange} def={def} disabled={disabled} describedBy={msgId} />;
      break;
    case 'date':
      input = (
        <input
          id={id}
          type="date"
          value={typeof value === 'string' ? value : ''}
          disabled={disabled}
          aria-describedby={msgId}
          onChange={(e) => onChange(e.target.value || null)}
        />
      );
      break;
    case 'region':
      input = (
        <select
          id={id}
          value={typeof value === 'string' ? value : ''}
          disabled={disabled}
          aria-describedby={msgId}
          onChange={(e) => onChange(e.target.value || null)}
        >
          <option value="">{t('common.choose')}</option>
          {(regionOptions ?? []).map((r) => (
            <option key={r.code} value={r.code}>
              {formatRegionCode(r.code)} – {r.name}
            </option>
          ))}
        </select>
      );
      break;
    default:
      input = (
        <input
          id={id}
          type="text"
          inputMode={def.type === 'nik' || def.type === 'nokk' ? 'numeric' : undefined}
          // No maxLength on text: the browser would cut a pasted name silently; the shared LENGTH rule refuses it with a message.
          maxLength={def.type === 'nik' || def.type === 'nokk' ? 16 : undefined}
          value={typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value)}
          disabled={disabled}
          aria-describedby={msgId}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
  const range =
    def.min !== undefined || def.max !== undefined
      ? `${def.min !== undefined ? formatNumber(def.min, lang) : ''}–${def.max !== undefined ? formatNumber(def.max, lang) : ''}`
      : '';
  return (
    <div className={`field${hasError ? ' field-error' : ''}${changed ? ' field-changed' : ''}`} data-field={def.name}>
      <label htmlFor={id}>
        {def.q ? <span className="q">{def.q}</span> : null}
        {def.label}
        {def.required ? (
          <span className="req" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {input}
      <div id={msgId} className="field-msg">
        {range ? <span className="hint">{range}</span> : null}
        {changed ? <span className="was">{t('common.was', { value: displayValue(def, original, t, lang) })}</span> : null}
        {issues.map((i, n) => (
          <IssueText key={n} issue={i} announce />
        ))}
      </div>
    </div>
  );
}

/** A read-only field shown like the others. */
export function ReadOnlyField({ def, value }: { def: FieldDef; value: unknown }) {
  const t = useT();
  const lang = useLang();
  return (
    <div className="field field-ro">
      <span className="label">{def.label}</span>
      <span className="ro-value">{displayValue(def, value, t, lang)}</span>
    </div>
  );
}

/** What a finding shows: its level, whether the release already had it, its message. */
type ShownIssue = { level: string; preexisting?: boolean; message: { id: string; en: string } };

/** The findings about one path of a form that no single field shows (the verval, the members as a whole). */
export function FieldMessages({ path, issues }: { path: string; issues: ReadonlyMap<string, ShownIssue[]> }) {
  const list = issues.get(path);
  if (!list?.length) return null;
  return (
    <div className="field-msg">
      {list.map((i, n) => (
        <IssueText key={n} issue={i} />
      ))}
    </div>
  );
}

/** One finding under a field; with `announce`, an error the operator must fix is read out as an alert. */
function IssueText({ issue, announce }: { issue: ShownIssue; announce?: boolean }) {
  const t = useT();
  const lang = useLang();
  const blocking = issue.level === 'error' && !issue.preexisting;
  return (
    <span className={blocking ? 'err' : 'warn'} role={announce && blocking ? 'alert' : undefined}>
      {issue.message[lang]}
      {issue.preexisting ? ` (${t('common.preexisting')})` : ''}
    </span>
  );
}

/** A labelled input of a form (the child), with a hint and the findings about its path. */
export function LabelledField({
  id,
  label,
  path,
  issues,
  hint,
  children,
}: {
  id: string;
  label: string;
  path: string;
  issues: ReadonlyMap<string, UiIssue[]>;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? <span className="hint">{hint}</span> : null}
      <FieldMessages path={path} issues={issues} />
    </div>
  );
}

export interface EditorMessage {
  kind: 'ok' | 'err';
  text: string;
}

/**
 * The sticky buttons of an editor: save (none without `onSave`), discard a stored draft, the screen's own
 * buttons, back; then the editor's state.
 */
export function EditorActions({
  onSave,
  busy,
  discardDraft,
  onBack,
  message,
  dirty,
  children,
}: {
  onSave?: () => Promise<void>;
  busy?: boolean;
  /** Present while a draft is stored: the draft may be discarded, and it is what "saved" refers to. */
  discardDraft?: () => Promise<void>;
  onBack: () => void;
  message: EditorMessage | null;
  dirty: boolean;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <div className="actions sticky">
      {onSave ? (
        <button type="button" className="btn" disabled={busy} onClick={() => void onSave()}>
          {t('common.save')}
        </button>
      ) : null}
      {discardDraft ? (
        <button type="button" className="btn btn-danger" onClick={() => void discardDraft()}>
          {t('hh.discard')}
        </button>
      ) : null}
      {children}
      <button type="button" className="btn btn-secondary" onClick={onBack}>
        {t('common.back')}
      </button>
      <SaveState message={message} dirty={dirty} saved={discardDraft !== undefined} />
    </div>
  );
}

/** Beside an editor's buttons: the last message, else that changes are unsaved, else that the draft is saved. */
function SaveState({ message, dirty, saved }: { message: EditorMessage | null; dirty: boolean; saved: boolean }) {
  const t = useT();
  if (message)
    return (
      <span className={message.kind === 'ok' ? 'ok' : 'err'} role={message.kind === 'err' ? 'alert' : 'status'}>
        {message.text}
      </span>
    );
  if (dirty)
    return (
      <span className="warn" role="status">
        {t('hh.unsaved')}
      </span>
    );
  return saved ? (
    <span className="ok" role="status">
      {t('common.saved')}
    </span>
  ) : null;
}

/** Errors and warnings of a form. */
export function IssueSummary({ errors, warnings }: { errors: readonly UiIssue[]; warnings: readonly UiIssue[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <section className="issues" aria-live="polite">
      <h2>{t('hh.issues')}</h2>
      {errors.length === 0 ? <p className="ok">{t('hh.ok')}</p> : <p className="err">{t('common.errors', { n: errors.length })}</p>}
      {errors.length + warnings.length > 0 ? (
        <ul>
          {errors.map((i, n) => (
            <li key={`e${n}`} className="err">
              {i.message[lang]}
            </li>
          ))}
          {warnings.map((i, n) => (
            <li key={`w${n}`} className="warn">
              {i.message[lang]}
              {i.preexisting ? ` (${t('common.preexisting')})` : ''}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** A table with its header row and one row per item; the `empty` text instead when there is no item. */
export function ListTable<T>({
  head,
  items,
  row,
  empty,
  className = 'list',
}: {
  head: readonly (string | { label: string; className: string })[];
  items: readonly T[];
  row: (item: T, index: number) => ReactNode;
  empty?: string;
  className?: string;
}) {
  if (items.length === 0 && empty !== undefined) return <p>{empty}</p>;
  return (
    <table className={className}>
      <thead>
        <tr>
          {head.map((h, i) =>
            typeof h === 'string' ? (
              <th key={i}>{h}</th>
            ) : (
              <th key={i} className={h.className}>
                {h.label}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{items.map(row)}</tbody>
    </table>
  );
}

export function ProgressBar({ label, fraction }: { label: string; fraction?: number }) {
  return (
    <div className="progress" role="status">
      <span>{label}</span>
      {fraction === undefined ? <progress /> : <progress max={1} value={fraction} />}
    </div>
  );
}

export function Pager({ page, pages, onPage }: { page: number; pages: number; onPage: (p: number) => void }) {
  const t = useT();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label="pager">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('common.prev')}
      </button>
      <span>{t('common.page', { page, pages })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('common.next')}
      </button>
    </nav>
  );
}

/** Saves bytes as a file through the browser's download (works offline: a blob URL). */
export function saveFile(bytes: Uint8Array, fileName: string, type = 'application/octet-stream'): void {
  const blob = new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Reads a chosen file's bytes. */
export async function fileBytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** Asks the browser to confirm leaving the page while the form holds unsaved changes. */
export function useUnsavedWarning(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}

/** Where the latest proposal about a subject stands: draft or exported, and Pusdatin's decision. */
export function ProposalNotice({ latest }: { latest: StoredProposal }) {
  const t = useT();
  const f = latest.feedback;
  return (
    <p className={`notice notice-${latest.status}`}>
      {latest.status === 'draft' ? t('hh.draft') : t('hh.exported', { file: latest.exports.at(-1)?.fileName ?? '' })}
      {f ? ` ${t('hh.decision', { decision: t(decisionKey(f.decision)) })}${f.reason ? `: ${f.reason}` : ''}` : ''}
      {f?.assigned?.idbdt ? ` · IDBDT ${f.assigned.idbdt}` : ''}
    </p>
  );
}
