// F5, the MoU part of /mou: the district's MoU state with the guide's messages, and the upload
// of both scans at once while none is waiting or approved.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { mouApi, type MouStatus } from '../api/mou.ts';
import { fieldErrors } from '../components/FieldErrors.tsx';
import { ErrorBox } from '../components/Status.tsx';
import { formatDateTime, formatFileSize } from '../format.ts';
import { useLocale, useT, type MessageKey } from '../i18n/index.ts';
import { useMutation } from '../lib/useData.ts';
import { checkMouFile, checkMouFiles, MOU_ACCEPT, type MouFileErrors } from '../release.ts';
import '../account.css';
import '../mou.css';

/** An object URL of a chosen file for its preview, revoked when the file changes or the view goes. */
function useObjectUrl(file: File | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file) {
      setUrl(null);
      return;
    }
    const u = URL.createObjectURL(file);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [file]);
  return url;
}

type Scan = keyof MouFileErrors;

function ScanInput({
  idPrefix,
  scan,
  label,
  file,
  errors,
  disabled,
  inputKey,
  onChange,
}: {
  idPrefix: string;
  scan: Scan;
  label: string;
  file: File | null;
  errors: MouFileErrors;
  disabled: boolean;
  inputKey: number;
  onChange: (f: File | null) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const id = `${idPrefix}-${scan}`;
  const fe = fieldErrors(idPrefix, errors);
  const preview = useObjectUrl(file && !errors[scan] ? file : null);
  // A file the browser cannot show is most likely not a JPEG/PNG: say so (the server decides).
  const [broken, setBroken] = useState<string | null>(null);
  return (
    <div className="field scan-field">
      <label htmlFor={id}>{label}</label>
      <input
        key={inputKey}
        id={id}
        name={id}
        type="file"
        accept={MOU_ACCEPT}
        disabled={disabled}
        aria-invalid={!!errors[scan]}
        aria-describedby={fe.describedBy(scan, `${id}-hint`)}
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
      />
      <small id={`${id}-hint`} className="hint">
        {t('mou.fileHint')}
        {file ? ` ${file.name} (${formatFileSize(file.size, locale)})` : ''}
      </small>
      {fe.error(scan)}
      {preview && broken === preview && <small className="field-warning">{t('mou.previewFailed')}</small>}
      {preview && broken !== preview && (
        <img className="scan-preview" src={preview} alt={t('mou.previewAlt', { label })} onError={() => setBroken(preview)} />
      )}
    </div>
  );
}

/** The upload of both scans at once ("Upload"); the server answers with the new state. */
export function MouUploadForm({ onUploaded }: { onUploaded: (status: MouStatus) => void }) {
  const t = useT();
  const id = useId();
  const [files, setFiles] = useState<Record<Scan, File | null>>({ mou: null, permohonan: null });
  const [errors, setErrors] = useState<MouFileErrors>({});
  const [inputKey, setInputKey] = useState(0);
  const upload = useMutation((mou: File, permohonan: File) => mouApi.upload(mou, permohonan));

  const pick = (scan: Scan, f: File | null) => {
    setFiles((prev) => ({ ...prev, [scan]: f }));
    // Say what is wrong with a chosen file at once; a missing one only when sending.
    setErrors((prev) => ({ ...prev, [scan]: f ? checkMouFile(f, t) : undefined }));
    upload.clearError();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = checkMouFiles(files, t);
    setErrors(found);
    upload.clearError();
    if (found.mou || found.permohonan) {
      document.getElementById(`${id}-${found.mou ? 'mou' : 'permohonan'}`)?.focus();
      return;
    }
    const done = await upload.run(files.mou!, files.permohonan!);
    if (!done.ok) return;
    setFiles({ mou: null, permohonan: null });
    setInputKey((k) => k + 1);
    onUploaded(done.value);
  };

  const scans: { scan: Scan; label: string }[] = [
    { scan: 'mou', label: t('mou.fileMou') },
    { scan: 'permohonan', label: t('mou.filePermohonan') },
  ];
  return (
    <form className="card mou-upload" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('mou.uploadTitle')}</h2>
      {upload.error && <ErrorBox message={upload.error} />}
      <div className="scan-grid">
        {scans.map(({ scan, label }) => (
          <ScanInput
            key={scan}
            idPrefix={id}
            scan={scan}
            label={label}
            file={files[scan]}
            errors={errors}
            disabled={upload.busy}
            inputKey={inputKey}
            onChange={(f) => pick(scan, f)}
          />
        ))}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={upload.busy}>
          {upload.busy ? t('mou.uploading') : t('mou.upload')}
        </button>
      </div>
    </form>
  );
}

/** How the page speaks of each MoU state (the guide's messages, word for word). */
const NOTICES: Record<MouStatus['state'], { tone: string; title: MessageKey; text?: MessageKey; dateKey?: MessageKey }> = {
  NOT_UPLOADED: { tone: 'info', title: 'mou.notUploaded' },
  WAITING: { tone: 'warning', title: 'mou.waitingTitle', text: 'mou.waitingText', dateKey: 'mou.submittedOn' },
  RETURNED: { tone: 'error', title: 'mou.returnedTitle', text: 'mou.returnedMessage' },
  APPROVED: { tone: 'success', title: 'mou.approved', text: 'mou.ready', dateKey: 'mou.approvedOn' },
};

/** The guide's message of a MoU state: a returned MoU quotes the reviewer; waiting and approved say since when. */
function StatusNotice({ status }: { status: MouStatus }) {
  const t = useT();
  const locale = useLocale();
  const n = NOTICES[status.state];
  const date = status.state === 'APPROVED' ? status.reviewedAt : status.submittedAt;
  return (
    <div className={`alert alert-${n.tone} mou-state`}>
      <p className="mou-state-title">{t(n.title)}</p>
      {n.text && <p>{t(n.text)}</p>}
      {status.state === 'RETURNED' && (
        <>
          <blockquote className="mou-message">{status.message ?? ''}</blockquote>
          <p>{t('mou.returnedText')}</p>
        </>
      )}
      {n.dateKey && date && <p className="mou-state-meta">{t(n.dateKey, { date: formatDateTime(date, locale) })}</p>}
    </div>
  );
}

/** The guide's message of each MoU state, with the upload form where one is due (none yet, or returned). */
export function MouStatusView({ status, onUploaded }: { status: MouStatus; onUploaded: (s: MouStatus) => void }) {
  return (
    <>
      <StatusNotice status={status} />
      {(status.state === 'NOT_UPLOADED' || status.state === 'RETURNED') && <MouUploadForm onUploaded={onUploaded} />}
    </>
  );
}
