// C2 for Pusdatin: upload the documents Beranda shows, set their order and which districts see
// them (all, or a chosen list picked per province with a search), edit and delete them.
import { useId, useMemo, useState, type FormEvent } from 'react';
import {
  DOCUMENT_ACCEPT,
  DOCUMENT_MAX_BYTES,
  documentDownloadUrl,
  documentKindLabel,
  documentsApi,
  type DocumentItem,
  type DocumentVisibility,
} from '../api/documents.ts';
import { exportsApi } from '../api/exports.ts';
import { ExportButtons } from '../components/DownloadButtons.tsx';
import { ConfirmItem } from '../components/ConfirmDialog.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { fieldErrors } from '../components/FieldErrors.tsx';
import { RegionPicker } from '../components/RegionPicker.tsx';
import { ErrorBox, Flash, Forbidden, Loading, useDocumentTitle } from '../components/Status.tsx';
import { formatDate, formatFileSize, formatNumber } from '../format.ts';
import { useLocale, useT, type Translate } from '../i18n/index.ts';
import { useCan } from '../lib/abilities.ts';
import { errorText } from '../lib/errors.ts';
import { useConfirmed, useData } from '../lib/useData.ts';
import { useRegionChildren } from '../lib/useRegionChildren.ts';

type District = { code: string; name: string };

/** "Kota A, Kota B dan 3 lainnya", or "Semua kabupaten/kota". */
export function visibilitySummary(doc: Pick<DocumentItem, 'visibility' | 'districts'>, t: Translate, shown = 3): string {
  if (doc.visibility === 'ALL') return t('docs.visibility.ALL');
  const names = doc.districts.map((d) => d.name);
  if (names.length <= shown) return names.join(', ');
  return t('docs.andMore', { names: names.slice(0, shown).join(', '), count: names.length - shown });
}

/** Case- and accent-insensitive match of a region name against typed text. */
export function matchesRegion(name: string, query: string): boolean {
  const fold = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLocaleLowerCase('id-ID');
  const q = fold(query.trim());
  return q === '' || fold(name).includes(q);
}

/** A searchable multi-select of kabupaten/kota: pick a province, filter, tick; chosen ones stay as chips. */
export function DistrictPicker({
  selected,
  onChange,
  invalid,
}: {
  selected: District[];
  onChange: (next: District[]) => void;
  invalid?: boolean;
}) {
  const t = useT();
  const id = useId();
  const [province, setProvince] = useState('');
  const [search, setSearch] = useState('');
  const districts = useRegionChildren(province || null);
  const shown = useMemo(() => (districts.items ?? []).filter((d) => matchesRegion(d.name, search)), [districts.items, search]);
  const chosen = new Set(selected.map((d) => d.code));

  const toggle = (d: District, on: boolean) => {
    if (on && !chosen.has(d.code)) onChange([...selected, { code: d.code, name: d.name }].sort((a, b) => a.code.localeCompare(b.code)));
    if (!on) onChange(selected.filter((s) => s.code !== d.code));
  };
  const selectAllShown = () => {
    const add = shown.filter((d) => !chosen.has(d.code)).map((d) => ({ code: d.code, name: d.name }));
    onChange([...selected, ...add].sort((a, b) => a.code.localeCompare(b.code)));
  };

  return (
    <div className={invalid ? 'district-picker invalid' : 'district-picker'}>
      <div className="district-picker-controls">
        <RegionPicker
          to="provinsi"
          idPrefix={id}
          value={{ provinsi: province }}
          onChange={(path) => setProvince(path.provinsi ?? '')}
          labels={{ provinsi: t('docs.province') }}
          emptyLabels={{ provinsi: t('docs.chooseProvince') }}
        />
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('docs.searchDistrict')}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={search}
            disabled={!province}
            autoComplete="off"
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
      </div>
      {districts.error && <ErrorBox message={districts.error} />}
      {province && !districts.items && <Loading />}
      {province && districts.items && (
        <fieldset className="check-list-wrap">
          <legend className="visually-hidden">{t('docs.searchDistrict')}</legend>
          {shown.length === 0 ? (
            <p className="muted">{t('docs.noDistrictMatch')}</p>
          ) : (
            <>
              <button type="button" className="btn btn-small" onClick={selectAllShown}>
                {t('docs.selectAllShown')}
              </button>
              <ul className="check-list">
                {shown.map((d) => (
                  <li key={d.code}>
                    <label>
                      <input type="checkbox" checked={chosen.has(d.code)} onChange={(e) => toggle(d, e.target.checked)} /> {d.name}
                    </label>
                  </li>
                ))}
              </ul>
            </>
          )}
        </fieldset>
      )}
      <p className="chips-label" id={`${id}-chosen`}>
        {t('docs.selected', { count: selected.length })}
      </p>
      {selected.length === 0 ? (
        <p className="muted">{t('docs.noneSelected')}</p>
      ) : (
        <ul className="chips" aria-labelledby={`${id}-chosen`}>
          {selected.map((d) => (
            <li key={d.code} className="chip">
              {d.name}
              <button
                type="button"
                className="chip-remove"
                aria-label={t('docs.removeDistrict', { name: d.name })}
                onClick={() => toggle(d, false)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

type FormErrors = Partial<Record<'title' | 'order' | 'file' | 'districts', string>>;

/** Checks the form before sending (the server checks again, and decides the file type by content). */
export function validateDocumentForm(
  v: {
    title: string;
    order: string;
    file: { size: number } | null;
    visibility: DocumentVisibility;
    districts: readonly District[];
  },
  needFile: boolean,
  t: Translate,
): FormErrors {
  const errors: FormErrors = {};
  if (!v.title.trim()) errors.title = t('docs.err.title');
  if (v.order.trim() !== '' && !/^[0-9]{1,7}$/.test(v.order.trim())) errors.order = t('docs.err.order');
  if (needFile && !v.file) errors.file = t('docs.err.file');
  if (v.file && v.file.size > DOCUMENT_MAX_BYTES) errors.file = t('docs.err.tooLarge');
  if (v.visibility === 'DISTRICTS' && v.districts.length === 0) errors.districts = t('docs.err.districts');
  return errors;
}

function DocumentForm({
  editing,
  onDone,
  onCancel,
}: {
  editing: DocumentItem | null;
  onDone: (doc: DocumentItem, message: string) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const id = useId();
  const [title, setTitle] = useState(editing?.title ?? '');
  const [order, setOrder] = useState(editing ? String(editing.sortOrder) : '');
  const [file, setFile] = useState<File | null>(null);
  const [visibility, setVisibility] = useState<DocumentVisibility>(editing?.visibility ?? 'ALL');
  const [districts, setDistricts] = useState<District[]>(editing?.districts ?? []);
  const [errors, setErrors] = useState<FormErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [fileKey, setFileKey] = useState(0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validateDocumentForm({ title, order, file, visibility, districts }, !editing, t);
    setErrors(found);
    setServerError(null);
    if (Object.keys(found).length > 0) {
      const first = (['title', 'order', 'file', 'districts'] as const).find((k) => found[k]);
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const sortOrder = order.trim() === '' ? undefined : Number(order);
      const codes = districts.map((d) => d.code);
      if (editing) {
        const doc = await documentsApi.update(editing.id, {
          title: title.trim(),
          ...(sortOrder === undefined ? {} : { sortOrder }),
          visibility,
          districts: visibility === 'DISTRICTS' ? codes : [],
        });
        onDone(doc, t('docs.saved', { title: doc.title }));
      } else {
        const doc = await documentsApi.upload({
          title: title.trim(),
          sortOrder,
          visibility,
          districts: codes,
          file: file!,
        });
        onDone(doc, t('docs.uploaded', { title: doc.title }));
        setTitle('');
        setOrder('');
        setFile(null);
        setFileKey((k) => k + 1); // clears the file input
        setVisibility('ALL');
        setDistricts([]);
      }
    } catch (err) {
      setServerError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const { describedBy, error: fieldError } = fieldErrors<keyof FormErrors>(id, errors);

  return (
    <form className="card doc-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{editing ? t('docs.editTitle', { title: editing.title }) : t('docs.uploadTitle')}</h2>
      {serverError && <ErrorBox message={serverError} />}
      <div className="doc-form-grid">
        <div className="field">
          <label htmlFor={`${id}-title`}>{t('docs.field.title')}</label>
          <input
            id={`${id}-title`}
            value={title}
            maxLength={200}
            required
            aria-invalid={!!errors.title}
            aria-describedby={describedBy('title')}
            onChange={(e) => setTitle(e.target.value)}
          />
          {fieldError('title')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-order`}>{t('docs.field.order')}</label>
          <input
            id={`${id}-order`}
            inputMode="numeric"
            value={order}
            maxLength={7}
            aria-invalid={!!errors.order}
            aria-describedby={describedBy('order', `${id}-order-hint`)}
            onChange={(e) => setOrder(e.target.value)}
          />
          <small id={`${id}-order-hint`} className="hint">
            {t('docs.field.orderHint')}
          </small>
          {fieldError('order')}
        </div>
        {!editing && (
          <div className="field">
            <label htmlFor={`${id}-file`}>{t('docs.field.file')}</label>
            <input
              key={fileKey}
              id={`${id}-file`}
              type="file"
              accept={DOCUMENT_ACCEPT}
              aria-invalid={!!errors.file}
              aria-describedby={describedBy('file', `${id}-file-hint`)}
              onChange={(e) => {
                const f = e.target.files?.[0] ?? null;
                setFile(f);
                // Say "too large" at once rather than after a long upload.
                setErrors((prev) => ({
                  ...prev,
                  file: f && f.size > DOCUMENT_MAX_BYTES ? t('docs.err.tooLarge') : undefined,
                }));
              }}
            />
            <small id={`${id}-file-hint`} className="hint">
              {t('docs.field.fileHint')}
            </small>
            {fieldError('file')}
          </div>
        )}
      </div>
      <fieldset className="field visibility-field">
        <legend>{t('docs.field.visibility')}</legend>
        {(['ALL', 'DISTRICTS'] as const).map((v) => (
          <label key={v} className="radio">
            <input type="radio" name={`${id}-visibility`} value={v} checked={visibility === v} onChange={() => setVisibility(v)} />{' '}
            {t(v === 'ALL' ? 'docs.visibility.ALL' : 'docs.visibility.DISTRICTS')}
          </label>
        ))}
      </fieldset>
      {visibility === 'DISTRICTS' && (
        <div id={`${id}-districts`} tabIndex={-1} aria-describedby={errors.districts ? `${id}-districts-error` : undefined}>
          <DistrictPicker selected={districts} onChange={setDistricts} invalid={!!errors.districts} />
          {fieldError('districts')}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('docs.busy') : editing ? t('docs.submitSave') : t('docs.submitUpload')}
        </button>
        {editing && (
          <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={busy}>
            {t('docs.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/** The published documents with their order, kind, size, audience and actions. */
export function DocumentsTable({
  items,
  onEdit,
  onDelete,
  busyId,
}: {
  items: DocumentItem[];
  onEdit: (d: DocumentItem) => void;
  onDelete: (d: DocumentItem) => void;
  busyId: number | null;
}) {
  const t = useT();
  const locale = useLocale();
  const columns: Column<DocumentItem>[] = [
    { key: 'order', header: t('docs.col.order'), num: true, cell: (d) => formatNumber(d.sortOrder, locale) },
    {
      key: 'title',
      header: t('docs.col.title'),
      cell: (d) => (
        <a href={documentDownloadUrl(d.id)} download>
          {d.title}
        </a>
      ),
    },
    { key: 'type', header: t('docs.col.type'), cell: (d) => documentKindLabel(d.contentType) },
    { key: 'size', header: t('docs.col.size'), num: true, className: 'nowrap', cell: (d) => formatFileSize(d.size, locale) },
    { key: 'uploaded', header: t('docs.col.uploaded'), className: 'nowrap', cell: (d) => formatDate(d.uploadedAt, locale) },
    { key: 'visibility', header: t('docs.col.visibility'), cell: (d) => visibilitySummary(d, t) },
    {
      key: 'actions',
      header: t('docs.col.actions'),
      className: 'nowrap actions',
      cell: (d) => (
        <>
          <button
            type="button"
            className="btn btn-small"
            aria-label={t('docs.editLabel', { title: d.title })}
            onClick={() => onEdit(d)}
            disabled={busyId === d.id}
          >
            {t('docs.edit')}
          </button>{' '}
          <button
            type="button"
            className="btn btn-small btn-danger"
            aria-label={t('docs.deleteLabel', { title: d.title })}
            onClick={() => onDelete(d)}
            disabled={busyId === d.id}
          >
            {t('docs.delete')}
          </button>
        </>
      ),
    },
  ];
  return <DataTable idPrefix="docs" caption={t('docs.list')} columns={columns} rows={items} rowKey={(d) => d.id} empty={t('docs.empty')} />;
}

/** The /dokumen page (users holding document:publish; the API refuses others with 403 anyway). */
export function DocumentsAdminPage() {
  const t = useT();
  const can = useCan();
  useDocumentTitle(t('docs.title'));
  const allowed = can('document:publish');
  const docs = useData((signal) => documentsApi.list(signal), [], allowed);
  const [editing, setEditing] = useState<DocumentItem | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const deleting = useConfirmed(
    (d: DocumentItem) => documentsApi.remove(d.id),
    (d, ok) => {
      if (!ok) return;
      if (editing?.id === d.id) setEditing(null);
      setFlash(t('docs.deleted', { title: d.title }));
      docs.reload();
    },
  );

  if (!allowed) return <Forbidden title={t('docs.title')} message={t('docs.forbidden')} />;

  const onDone = (_doc: DocumentItem, message: string) => {
    setEditing(null);
    setFlash(message);
    docs.reload();
  };

  return (
    <div className="documents-admin">
      <h1>{t('docs.title')}</h1>
      <p className="lead">{t('docs.intro')}</p>
      <Flash message={flash} />
      {/* The key remounts the form with the chosen document's values (or empty for a new upload). */}
      <DocumentForm key={editing ? `edit-${editing.id}` : 'upload'} editing={editing} onDone={onDone} onCancel={() => setEditing(null)} />
      {deleting.error && <ErrorBox message={deleting.error} />}
      {docs.error && <ErrorBox message={docs.error} onRetry={docs.reload} />}
      {!docs.data && !docs.error && <Loading />}
      {docs.data && docs.data.length > 0 && <ExportButtons download={(format) => exportsApi.documents(format)} />}
      {docs.data && (
        <DocumentsTable
          items={docs.data}
          busyId={deleting.busy ? (deleting.item?.id ?? null) : null}
          onEdit={(d) => {
            setFlash(null);
            setEditing(d);
            window.scrollTo({ top: 0, behavior: 'smooth' });
          }}
          onDelete={deleting.ask}
        />
      )}
      <ConfirmItem
        confirmed={deleting}
        title={t('docs.confirmDeleteTitle')}
        message={(x) => t('docs.confirmDelete', { title: x.title })}
        confirmLabel={t('docs.delete')}
      />
    </div>
  );
}
