// F4 Profil: three forms saved with "Submit" — Profil Instansi (with the district logo) and Profil
// Pengesahan for a district supervisor, Profil Pengguna (with the photo) for everyone. The server
// validates; its messages (already in the user's language) show next to the fields.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, isAbort } from '../api/client.ts';
import {
  fieldErrorsOf,
  IMAGE_ACCEPT,
  IMAGE_MAX_BYTES,
  profilesApi,
  type DistrictProfile,
  type ImageMeta,
  type InstansiFields,
  type UserProfile,
} from '../api/profiles.ts';
import { ErrorBox, Loading, useDocumentTitle } from '../components/Status.tsx';
import { translate, useT, type MessageKey } from '../i18n/index.ts';
import { useSession } from '../session.ts';

type Notice = { kind: 'ok' | 'error'; text: string } | null;

const errorText = (e: unknown) => (e instanceof ApiError ? e.message : translate('error.generic'));

function NoticeBox({ notice }: { notice: Notice }) {
  if (!notice) return null;
  return (
    <div className={notice.kind === 'ok' ? 'alert alert-ok' : 'alert alert-error'} role={notice.kind === 'ok' ? 'status' : 'alert'}>
      {notice.text}
    </div>
  );
}

interface TextFieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: string;
  maxLength?: number;
  type?: 'text' | 'tel' | 'email';
  inputMode?: 'text' | 'tel' | 'email' | 'numeric';
  autoComplete?: string;
  disabled?: boolean;
}

/** A labelled input with its hint and the server's message for it. */
function TextField({
  name,
  label,
  value,
  onChange,
  error,
  hint,
  maxLength,
  type = 'text',
  inputMode,
  autoComplete = 'off',
  disabled,
}: TextFieldProps) {
  const id = `${useId()}-${name}`;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        inputMode={inputMode}
        autoComplete={autoComplete}
        maxLength={maxLength}
        value={value}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** The stored image (as the server serves it) and a picker to replace it. */
function ImageUpload({
  label,
  image,
  upload,
  doneKey,
  disabled,
}: {
  label: string;
  image: ImageMeta | null;
  upload: (file: File) => Promise<ImageMeta>;
  doneKey: MessageKey;
  disabled?: boolean;
}) {
  const t = useT();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [current, setCurrent] = useState(image);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  useEffect(() => setCurrent(image), [image]);

  const submit = async () => {
    const file = input.current?.files?.[0];
    if (!file) {
      setNotice({ kind: 'error', text: t('profile.chooseFile') });
      return;
    }
    // The server refuses it anyway; saying so now spares a long upload.
    if (file.size > IMAGE_MAX_BYTES) {
      setNotice({ kind: 'error', text: t('profile.imageTooLarge') });
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      setCurrent(await upload(file));
      setNotice({ kind: 'ok', text: t(doneKey) });
      if (input.current) input.current.value = '';
    } catch (e) {
      setNotice({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="field">
      <span id={`${id}-label`}>
        <strong>{label}</strong>
      </span>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '1rem', alignItems: 'center' }}>
        {current ? (
          <img
            src={current.url}
            alt={label}
            width={current.width}
            height={current.height}
            style={{
              width: 'auto',
              height: 'auto',
              maxWidth: '8rem',
              maxHeight: '8rem',
              objectFit: 'contain',
              border: '1px solid var(--c-border)',
              background: '#fff',
            }}
          />
        ) : (
          <span className="hint">{t('profile.noImage')}</span>
        )}
        <div style={{ display: 'flex', flexDirection: 'column', gap: '0.5rem', minWidth: '14rem', flex: '1 1 14rem' }}>
          <input
            ref={input}
            id={`${id}-file`}
            type="file"
            accept={IMAGE_ACCEPT}
            aria-labelledby={`${id}-label`}
            aria-describedby={`${id}-hint`}
            disabled={disabled || busy}
          />
          <span id={`${id}-hint`} className="hint">
            {t('profile.imageHint')}
          </span>
          <div>
            <button type="button" className="btn btn-secondary" onClick={() => void submit()} disabled={disabled || busy}>
              {t('profile.upload')}
            </button>
          </div>
        </div>
      </div>
      <NoticeBox notice={notice} />
    </div>
  );
}

/** A form card: heading, fields, its notice, and the Submit button. */
function FormCard({
  title,
  busy,
  notice,
  onSubmit,
  children,
}: {
  title: string;
  busy: boolean;
  notice: Notice;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const t = useT();
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <form
        noValidate
        aria-busy={busy}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          if (!busy) onSubmit();
        }}
      >
        {children}
        <NoticeBox notice={notice} />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('profile.submit')}
        </button>
      </form>
    </section>
  );
}

const text = (v: string | null | undefined) => v ?? '';
const orNull = (v: string) => (v.trim() === '' ? null : v);

const INSTANSI_FIELDS: {
  name: keyof InstansiFields;
  label: MessageKey;
  hint?: MessageKey;
  max: number;
  type?: 'tel';
  inputMode?: 'tel' | 'numeric';
}[] = [
  { name: 'namaInstansi', label: 'profile.field.namaInstansi', max: 150 },
  { name: 'alamat', label: 'profile.field.alamat', max: 300 },
  {
    name: 'nomorTelepon',
    label: 'profile.field.nomorTelepon',
    hint: 'profile.hint.phone',
    max: 24,
    type: 'tel',
    inputMode: 'tel',
  },
  { name: 'namaKepalaDinas', label: 'profile.field.namaKepalaDinas', max: 100 },
  {
    name: 'nipKepalaDinas',
    label: 'profile.field.nipKepalaDinas',
    hint: 'profile.hint.nip',
    max: 24,
    inputMode: 'numeric',
  },
  { name: 'namaBupati', label: 'profile.field.namaBupati', max: 100 },
];

function InstansiForm({ profile, onSaved }: { profile: DistrictProfile; onSaved: (p: DistrictProfile) => void }) {
  const t = useT();
  const [values, setValues] = useState<Record<keyof InstansiFields, string>>(() => ({
    namaInstansi: text(profile.instansi.namaInstansi),
    alamat: text(profile.instansi.alamat),
    nomorTelepon: text(profile.instansi.nomorTelepon),
    namaKepalaDinas: text(profile.instansi.namaKepalaDinas),
    nipKepalaDinas: text(profile.instansi.nipKepalaDinas),
    namaBupati: text(profile.instansi.namaBupati),
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setNotice(null);
    setErrors({});
    try {
      const fields = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, orNull(v)])) as unknown as InstansiFields;
      const saved = await profilesApi.saveInstansi(profile.kab.code, fields);
      // Show what the server stored (the phone normalised to +62…, the NIP without spaces).
      setValues({
        namaInstansi: text(saved.instansi.namaInstansi),
        alamat: text(saved.instansi.alamat),
        nomorTelepon: text(saved.instansi.nomorTelepon),
        namaKepalaDinas: text(saved.instansi.namaKepalaDinas),
        nipKepalaDinas: text(saved.instansi.nipKepalaDinas),
        namaBupati: text(saved.instansi.namaBupati),
      });
      setNotice({ kind: 'ok', text: t('profile.saved.instansi') });
      onSaved(saved);
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      setNotice({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormCard title={t('profile.instansi.title')} busy={busy} notice={notice} onSubmit={() => void submit()}>
      <p className="hint">{t('profile.instansi.region', { name: profile.kab.name, code: profile.kab.code })}</p>
      {INSTANSI_FIELDS.slice(0, 1).map((f) => (
        <TextField
          key={f.name}
          name={f.name}
          label={t(f.label)}
          value={values[f.name]}
          maxLength={f.max}
          error={errors[f.name]}
          onChange={(v) => setValues((s) => ({ ...s, [f.name]: v }))}
        />
      ))}
      <ImageUpload
        label={t('profile.field.logo')}
        image={profile.logo}
        upload={(file) => profilesApi.uploadLogo(profile.kab.code, file)}
        doneKey="profile.uploaded.logo"
      />
      {INSTANSI_FIELDS.slice(1).map((f) => (
        <TextField
          key={f.name}
          name={f.name}
          label={t(f.label)}
          hint={f.hint ? t(f.hint) : undefined}
          type={f.type}
          inputMode={f.inputMode}
          value={values[f.name]}
          maxLength={f.max}
          error={errors[f.name]}
          onChange={(v) => setValues((s) => ({ ...s, [f.name]: v }))}
        />
      ))}
    </FormCard>
  );
}

function PengesahanForm({ profile, onSaved }: { profile: DistrictProfile; onSaved: (p: DistrictProfile) => void }) {
  const t = useT();
  const checkboxId = useId();
  const [sama, setSama] = useState(profile.pengesahan.samaDenganKepalaDinas);
  const [nama, setNama] = useState(text(profile.pengesahan.nama));
  const [nip, setNip] = useState(text(profile.pengesahan.nip));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setNotice(null);
    setErrors({});
    try {
      const saved = await profilesApi.savePengesahan(profile.kab.code, {
        samaDenganKepalaDinas: sama,
        nama: sama ? null : orNull(nama),
        nip: sama ? null : orNull(nip),
      });
      setNama(text(saved.pengesahan.nama));
      setNip(text(saved.pengesahan.nip));
      setNotice({ kind: 'ok', text: t('profile.saved.pengesahan') });
      onSaved(saved);
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      setNotice({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const signer = profile.pengesah.nama
    ? t('profile.pengesah.current', { nama: profile.pengesah.nama, nip: profile.pengesah.nip ?? '–' })
    : t('profile.pengesah.none');
  return (
    <FormCard title={t('profile.pengesahan.title')} busy={busy} notice={notice} onSubmit={() => void submit()}>
      <p className="hint">{signer}</p>
      <div className="field">
        <label htmlFor={checkboxId} style={{ display: 'flex', alignItems: 'center', gap: '0.5rem' }}>
          <input
            id={checkboxId}
            type="checkbox"
            checked={sama}
            onChange={(e) => setSama(e.target.checked)}
            style={{ width: 'auto', minHeight: 0 }}
          />
          {t('profile.field.sama')}
        </label>
      </div>
      {!sama && (
        <>
          <TextField
            name="nama"
            label={t('profile.field.namaPengesah')}
            value={nama}
            maxLength={100}
            error={errors.nama}
            onChange={setNama}
          />
          <TextField
            name="nip"
            label={t('profile.field.nipPengesah')}
            hint={t('profile.hint.nip')}
            inputMode="numeric"
            value={nip}
            maxLength={24}
            error={errors.nip}
            onChange={setNip}
          />
        </>
      )}
    </FormCard>
  );
}

function DistrictForms({ kab }: { kab: string }) {
  const t = useT();
  const [profile, setProfile] = useState<DistrictProfile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    setError(null);
    profilesApi.district(kab, ctrl.signal).then(setProfile, (e: unknown) => {
      if (!isAbort(e)) setError(errorText(e));
    });
    return () => ctrl.abort();
  }, [kab, attempt]);

  if (error) return <ErrorBox message={error} onRetry={() => setAttempt((a) => a + 1)} />;
  if (!profile) return <Loading />;
  if (!profile.canEdit) return <p className="card">{t('profile.readOnly')}</p>;
  // The forms keep their own input; a save elsewhere only refreshes the resolved signer.
  return (
    <>
      <InstansiForm profile={profile} onSaved={setProfile} />
      <PengesahanForm profile={profile} onSaved={setProfile} />
    </>
  );
}

function PenggunaForm() {
  const t = useT();
  const [profile, setProfile] = useState<UserProfile | null>(null);
  const [values, setValues] = useState({ nama: '', nomorHp: '', email: '' });
  const [loadError, setLoadError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);

  const show = (p: UserProfile) => {
    setProfile(p);
    setValues({ nama: p.nama, nomorHp: text(p.nomorHp), email: text(p.email) });
  };

  useEffect(() => {
    const ctrl = new AbortController();
    setLoadError(null);
    profilesApi.me(ctrl.signal).then(show, (e: unknown) => {
      if (!isAbort(e)) setLoadError(errorText(e));
    });
    return () => ctrl.abort();
  }, [attempt]);

  const submit = async () => {
    setBusy(true);
    setNotice(null);
    setErrors({});
    try {
      show(await profilesApi.saveMe({ nama: values.nama, nomorHp: orNull(values.nomorHp), email: orNull(values.email) }));
      setNotice({ kind: 'ok', text: t('profile.saved.pengguna') });
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      setNotice({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  if (loadError) return <ErrorBox message={loadError} onRetry={() => setAttempt((a) => a + 1)} />;
  if (!profile) return <Loading />;
  return (
    <FormCard title={t('profile.pengguna.title')} busy={busy} notice={notice} onSubmit={() => void submit()}>
      <p className="hint">{t('profile.pengguna.userId', { username: profile.username })}</p>
      <TextField
        name="nama"
        label={t('profile.field.nama')}
        autoComplete="name"
        value={values.nama}
        maxLength={100}
        error={errors.nama}
        onChange={(v) => setValues((s) => ({ ...s, nama: v }))}
      />
      <TextField
        name="nomorHp"
        label={t('profile.field.nomorHp')}
        hint={t('profile.hint.phone')}
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        value={values.nomorHp}
        maxLength={24}
        error={errors.nomorHp}
        onChange={(v) => setValues((s) => ({ ...s, nomorHp: v }))}
      />
      <TextField
        name="email"
        label={t('profile.field.email')}
        type="email"
        inputMode="email"
        autoComplete="email"
        value={values.email}
        maxLength={254}
        error={errors.email}
        onChange={(v) => setValues((s) => ({ ...s, email: v }))}
      />
      <ImageUpload
        label={t('profile.field.foto')}
        image={profile.photo}
        upload={profilesApi.uploadPhoto}
        doneKey="profile.uploaded.photo"
      />
    </FormCard>
  );
}

/** The Profil page (`/profil`), reached from the header's user menu. */
export function ProfilePage() {
  const t = useT();
  const { me } = useSession();
  useDocumentTitle(t('profile.title'));
  const kab = me.role === 'SUPERVISOR' ? me.regions.find((r) => r.level === 'kabkota')?.code : undefined;
  return (
    <>
      <h1>{t('profile.title')}</h1>
      {kab && <DistrictForms kab={kab} />}
      {me.role === 'PUSDATIN' && <p className="card">{t('profile.pusdatinNote')}</p>}
      <PenggunaForm />
    </>
  );
}
