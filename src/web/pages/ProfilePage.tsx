// F4 Profil: three forms saved with "Submit" — Profil Instansi (with the district logo) and Profil
// Pengesahan for a district supervisor, Profil Pengguna (with the photo) for everyone. The server
// validates; its messages (already in the user's language) show next to the fields.
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
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
import { TextField } from '../components/TextField.tsx';
import { useT, type MessageKey } from '../i18n/index.ts';
import { useSession } from '../session.ts';
import { can, hasNationalScope, ownDistrict } from '../lib/abilities.ts';
import { useData, useMutation } from '../lib/useData.ts';

type Notice = { kind: 'ok' | 'error'; text: string } | null;

function NoticeBox({ notice }: { notice: Notice }) {
  if (!notice) return null;
  return (
    <div className={notice.kind === 'ok' ? 'alert alert-ok' : 'alert alert-error'} role={notice.kind === 'ok' ? 'status' : 'alert'}>
      {notice.text}
    </div>
  );
}

/**
 * Saving one form through `call`: busy flag, the notice (the server's message on failure, `okKey`
 * on success) and the server's message for each refused field.
 */
function useSave<A extends unknown[], R>(call: (...args: A) => Promise<R>, okKey: MessageKey) {
  const t = useT();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [ok, setOk] = useState<string | null>(null);
  const mutation = useMutation(async (...args: A) => {
    setErrors({});
    setOk(null);
    try {
      const saved = await call(...args);
      setOk(t(okKey));
      return saved;
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      throw e;
    }
  });
  const notice: Notice = mutation.error ? { kind: 'error', text: mutation.error } : ok ? { kind: 'ok', text: ok } : null;
  return { run: mutation.run, busy: mutation.busy, errors, notice };
}

/**
 * A profile form over `profile`: its values (`toValues`), saving them, and after a save the values
 * the server stored (the phone normalised to +62…, the NIP without spaces) handed to `onSaved`.
 */
function useProfileForm<P, V extends object>(
  profile: P,
  toValues: (p: P) => V,
  save: (values: V) => Promise<P>,
  okKey: MessageKey,
  onSaved: (p: P) => void,
) {
  const [values, setValues] = useState(() => toValues(profile));
  const saving = useSave(save, okKey);
  const set = <K extends keyof V>(name: K, value: V[K]) => setValues((old) => ({ ...old, [name]: value }));
  const submit = async () => {
    const r = await saving.run(values);
    if (!r.ok) return;
    setValues(toValues(r.value));
    onSaved(r.value);
  };
  return { ...saving, values, set, submit };
}

/** One text field of a profile form, its id made unique on the page. */
interface FieldSpec<K extends string> {
  name: K;
  label: MessageKey;
  hint?: MessageKey;
  max: number;
  type?: 'tel' | 'email';
  inputMode?: 'tel' | 'numeric' | 'email';
  autoComplete?: string;
}

/** The text fields of a form, in order, over one values object. */
function Fields<K extends string>({
  specs,
  values,
  errors,
  onChange,
}: {
  specs: readonly FieldSpec<K>[];
  values: Record<K, string>;
  errors: Record<string, string>;
  onChange: (name: K, value: string) => void;
}) {
  const t = useT();
  const ids = useId();
  return (
    <>
      {specs.map((f) => (
        <TextField
          key={f.name}
          id={`${ids}-${f.name}`}
          name={f.name}
          label={t(f.label)}
          hint={f.hint ? t(f.hint) : undefined}
          type={f.type}
          inputMode={f.inputMode}
          autoComplete={f.autoComplete}
          value={values[f.name]}
          maxLength={f.max}
          error={errors[f.name]}
          onChange={(v) => onChange(f.name, v)}
        />
      ))}
    </>
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
  // The last upload of this page, else the stored image.
  const [uploaded, setUploaded] = useState<ImageMeta | null>(null);
  const current = uploaded ?? image;
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const send = useMutation(upload);

  const submit = async () => {
    setDone(false);
    const file = input.current?.files?.[0];
    // The server refuses a too large file anyway; saying so now spares a long upload.
    setProblem(!file ? t('profile.chooseFile') : file.size > IMAGE_MAX_BYTES ? t('profile.imageTooLarge') : null);
    if (!file || file.size > IMAGE_MAX_BYTES) return;
    const r = await send.run(file);
    if (!r.ok) return;
    setUploaded(r.value);
    setDone(true);
    if (input.current) input.current.value = '';
  };
  const error = problem ?? send.error;
  const notice: Notice = error ? { kind: 'error', text: error } : done ? { kind: 'ok', text: t(doneKey) } : null;
  const busy = send.busy;

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
  form,
  children,
}: {
  title: string;
  /** The form's state from useProfileForm. */
  form: { busy: boolean; notice: Notice; submit: () => Promise<void> };
  children: ReactNode;
}) {
  const t = useT();
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <form
        noValidate
        aria-busy={form.busy}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void form.submit();
        }}
      >
        {children}
        <NoticeBox notice={form.notice} />
        <button type="submit" className="btn btn-primary" disabled={form.busy}>
          {t('profile.submit')}
        </button>
      </form>
    </section>
  );
}

const text = (v: string | null | undefined) => v ?? '';
const orNull = (v: string) => (v.trim() === '' ? null : v);

const INSTANSI_FIELDS: readonly FieldSpec<keyof InstansiFields>[] = [
  { name: 'namaInstansi', label: 'profile.field.namaInstansi', max: 150 },
  { name: 'alamat', label: 'profile.field.alamat', max: 300 },
  { name: 'nomorTelepon', label: 'profile.field.nomorTelepon', hint: 'profile.hint.phone', max: 24, type: 'tel', inputMode: 'tel' },
  { name: 'namaKepalaDinas', label: 'profile.field.namaKepalaDinas', max: 100 },
  { name: 'nipKepalaDinas', label: 'profile.field.nipKepalaDinas', hint: 'profile.hint.nip', max: 24, inputMode: 'numeric' },
  { name: 'namaBupati', label: 'profile.field.namaBupati', max: 100 },
];

/** The form's text of each Instansi field (null shown empty). */
const instansiValues = (p: DistrictProfile) =>
  Object.fromEntries(INSTANSI_FIELDS.map((f) => [f.name, text(p.instansi[f.name])])) as Record<keyof InstansiFields, string>;

function InstansiForm({ profile, onSaved }: { profile: DistrictProfile; onSaved: (p: DistrictProfile) => void }) {
  const t = useT();
  const form = useProfileForm(
    profile,
    instansiValues,
    (values) =>
      profilesApi.saveInstansi(
        profile.kab.code,
        Object.fromEntries(Object.entries(values).map(([k, v]) => [k, orNull(v)])) as unknown as InstansiFields,
      ),
    'profile.saved.instansi',
    onSaved,
  );
  return (
    <FormCard title={t('profile.instansi.title')} form={form}>
      <p className="hint">{t('profile.instansi.region', { name: profile.kab.name, code: profile.kab.code })}</p>
      <Fields specs={INSTANSI_FIELDS.slice(0, 1)} values={form.values} errors={form.errors} onChange={form.set} />
      <ImageUpload
        label={t('profile.field.logo')}
        image={profile.logo}
        upload={(file) => profilesApi.uploadLogo(profile.kab.code, file)}
        doneKey="profile.uploaded.logo"
      />
      <Fields specs={INSTANSI_FIELDS.slice(1)} values={form.values} errors={form.errors} onChange={form.set} />
    </FormCard>
  );
}

const PENGESAH_FIELDS: readonly FieldSpec<'nama' | 'nip'>[] = [
  { name: 'nama', label: 'profile.field.namaPengesah', max: 100 },
  { name: 'nip', label: 'profile.field.nipPengesah', hint: 'profile.hint.nip', max: 24, inputMode: 'numeric' },
];

/** The form's values of Profil Pengesahan. */
const pengesahanValues = (p: DistrictProfile) => ({
  sama: p.pengesahan.samaDenganKepalaDinas,
  nama: text(p.pengesahan.nama),
  nip: text(p.pengesahan.nip),
});

function PengesahanForm({ profile, onSaved }: { profile: DistrictProfile; onSaved: (p: DistrictProfile) => void }) {
  const t = useT();
  const checkboxId = useId();
  const form = useProfileForm(
    profile,
    pengesahanValues,
    ({ sama, nama, nip }) =>
      profilesApi.savePengesahan(profile.kab.code, {
        samaDenganKepalaDinas: sama,
        nama: sama ? null : orNull(nama),
        nip: sama ? null : orNull(nip),
      }),
    'profile.saved.pengesahan',
    onSaved,
  );
  const signer = profile.pengesah.nama
    ? t('profile.pengesah.current', { nama: profile.pengesah.nama, nip: profile.pengesah.nip ?? '–' })
    : t('profile.pengesah.none');
  return (
    <FormCard title={t('profile.pengesahan.title')} form={form}>
      <p className="hint">{signer}</p>
      <div className="field">
        <label htmlFor={checkboxId} style={{ display: 'flex', alignItems: 'center', gap: '0.5rem' }}>
          <input
            id={checkboxId}
            type="checkbox"
            checked={form.values.sama}
            onChange={(e) => form.set('sama', e.target.checked)}
            style={{ width: 'auto', minHeight: 0 }}
          />
          {t('profile.field.sama')}
        </label>
      </div>
      {!form.values.sama && <Fields specs={PENGESAH_FIELDS} values={form.values} errors={form.errors} onChange={form.set} />}
    </FormCard>
  );
}

function DistrictForms({ kab }: { kab: string }) {
  const t = useT();
  const district = useData((signal) => profilesApi.district(kab, signal), [kab]);
  const profile = district.data;

  if (district.error) return <ErrorBox message={district.error} onRetry={district.reload} />;
  if (!profile) return <Loading />;
  if (!profile.canEdit) return <p className="card">{t('profile.readOnly')}</p>;
  // The forms keep their own input; a save elsewhere only refreshes the resolved signer.
  return (
    <>
      <InstansiForm profile={profile} onSaved={district.setData} />
      <PengesahanForm profile={profile} onSaved={district.setData} />
    </>
  );
}

const PENGGUNA_FIELDS: readonly FieldSpec<'nama' | 'nomorHp' | 'email'>[] = [
  { name: 'nama', label: 'profile.field.nama', max: 100, autoComplete: 'name' },
  {
    name: 'nomorHp',
    label: 'profile.field.nomorHp',
    hint: 'profile.hint.phone',
    max: 24,
    type: 'tel',
    inputMode: 'tel',
    autoComplete: 'tel',
  },
  { name: 'email', label: 'profile.field.email', max: 254, type: 'email', inputMode: 'email', autoComplete: 'email' },
];

/** The form's text of each Profil Pengguna field. */
const penggunaValues = (p: UserProfile) => ({ nama: p.nama, nomorHp: text(p.nomorHp), email: text(p.email) });

function PenggunaForm({ profile, onSaved }: { profile: UserProfile; onSaved: (p: UserProfile) => void }) {
  const t = useT();
  const form = useProfileForm(
    profile,
    penggunaValues,
    (v) => profilesApi.saveMe({ nama: v.nama, nomorHp: orNull(v.nomorHp), email: orNull(v.email) }),
    'profile.saved.pengguna',
    onSaved,
  );
  return (
    <FormCard title={t('profile.pengguna.title')} form={form}>
      <p className="hint">{t('profile.pengguna.userId', { username: profile.username })}</p>
      <Fields specs={PENGGUNA_FIELDS} values={form.values} errors={form.errors} onChange={form.set} />
      <ImageUpload
        label={t('profile.field.foto')}
        image={profile.photo}
        upload={profilesApi.uploadPhoto}
        doneKey="profile.uploaded.photo"
      />
    </FormCard>
  );
}

function UserForms() {
  const mine = useData((signal) => profilesApi.me(signal), []);
  if (mine.error) return <ErrorBox message={mine.error} onRetry={mine.reload} />;
  if (!mine.data) return <Loading />;
  return <PenggunaForm profile={mine.data} onSaved={mine.setData} />;
}

/** The Profil page (`/profil`), reached from the header's user menu. */
export function ProfilePage() {
  const t = useT();
  const { me } = useSession();
  useDocumentTitle(t('profile.title'));
  const kab = can(me, 'profile:district') ? (ownDistrict(me) ?? undefined) : undefined;
  return (
    <>
      <h1>{t('profile.title')}</h1>
      {kab && <DistrictForms kab={kab} />}
      {can(me, 'profile:district') && hasNationalScope(me) && <p className="card">{t('profile.pusdatinNote')}</p>}
      <UserForms />
    </>
  );
}
