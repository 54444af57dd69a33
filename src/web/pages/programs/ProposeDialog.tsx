// The online proposals of a supervisor (program:decide) in one dialog: "Ganti" (reason 1–6, the
// replacement defaulting to the top of the waiting list), "Hapus" (reason), "Ubah" (pengurus among
// the household's present members, No KKS, No rekening), "Nonaktifkan" a PBI participant (reason),
// "Usulkan" a member of the PBI waiting list. The proposal then waits in the "Usulan" tab.
import { useId, useState } from 'react';
import { api, type MemberRecord } from '../../api/client.ts';
import { programsApi, REMOVAL_REASONS, type KpmProgram, type KpmWaitingItem, type RemovalReason } from '../../api/programs.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { FormField } from '../../components/TextField.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { formatIdbdt, formatNumber } from '../../format.ts';
import { useLanguage, useLocale, useT } from '../../i18n/index.ts';
import { useData, useMutation } from '../../lib/useData.ts';
import { isPresentMember } from '../../../shared/dictionary/index.ts';
import type { RowAction } from './MembershipTables.tsx';
import { chosenReplacement, EMPTY_VALUES, needsReason, OTHER, proposeInput, type ProposeErrors, type ProposeValues } from './propose.ts';

const REASON_CODES = Object.keys(REMOVAL_REASONS).map(Number) as RemovalReason[];

/** The numbers "Ubah" may change besides the pengurus (lengths of format §3.2). */
const ACCOUNT_FIELDS = [
  { key: 'noKks', label: 'prog.form.noKks', maxLength: 20 },
  { key: 'noRekening', label: 'prog.form.noRekening', maxLength: 30 },
] as const;

/** How many waiting households "Ganti" offers to choose from. */
const WAITING_CHOICES = 25;

function subjectName(a: RowAction): string {
  if (a.kind === 'NONAKTIF') return `${a.pbi.nama} (${formatIdbdt(a.pbi.idartbdt)})`;
  if (a.kind === 'USUL') return `${a.member.nama} (${formatIdbdt(a.member.idartbdt)})`;
  return `${a.kpm.nama_krt ?? ''} (${formatIdbdt(a.kpm.idbdt)})`;
}

export interface ProposeFormProps {
  action: RowAction;
  values: ProposeValues;
  onChange: (patch: Partial<ProposeValues>) => void;
  errors: ProposeErrors;
  /** Ganti: the first page of the waiting list (null while loading). */
  waiting?: readonly KpmWaitingItem[] | null;
  /** Ubah: the household's present members (null while loading). */
  members?: readonly MemberRecord[] | null;
}

/** The fields of one proposal form. */
export function ProposeForm({ action, values, onChange, errors, waiting = null, members = null }: ProposeFormProps) {
  const t = useT();
  const lang = useLanguage();
  const locale = useLocale();
  const fid = useId();
  const err = (k: keyof ProposeErrors) => (errors[k] ? t(errors[k]) : null);
  const top = waiting?.[0]?.idbdt;
  const replacement = values.replacement ?? top ?? '';
  return (
    <div className="prog-form">
      {needsReason(action) && (
        <FormField id={`${fid}-reason`} label={t('prog.form.reason')} error={err('reason')}>
          {(control) => (
            <select {...control} value={values.reason} onChange={(e) => onChange({ reason: e.target.value })}>
              <option value="">{t('prog.form.chooseReason')}</option>
              {REASON_CODES.map((c) => (
                <option key={c} value={String(c)}>{`${c}. ${REMOVAL_REASONS[c][lang]}`}</option>
              ))}
            </select>
          )}
        </FormField>
      )}
      {action.kind === 'GANTI' && (
        <>
          <FormField
            id={`${fid}-replacement`}
            label={t('prog.form.replacement')}
            hint={t('prog.form.replacementHint')}
            error={err('replacement')}
          >
            {(control) => (
              <select
                {...control}
                value={replacement}
                disabled={waiting === null}
                onChange={(e) => onChange({ replacement: e.target.value })}
              >
                {waiting === null && <option value="">{t('app.loading')}</option>}
                {waiting?.length === 0 && <option value="">{t('prog.empty.waiting')}</option>}
                {waiting?.map((w, i) => (
                  <option key={w.idbdt} value={w.idbdt}>
                    {t('prog.form.waitingOption', {
                      rank: formatNumber(i + 1, locale),
                      name: w.namaKrt ?? '',
                      idbdt: formatIdbdt(w.idbdt),
                      persentil: w.persentil === null ? '–' : formatNumber(w.persentil, locale),
                    })}
                  </option>
                ))}
                <option value={OTHER}>{t('prog.form.otherHousehold')}</option>
              </select>
            )}
          </FormField>
          {values.replacement === OTHER && (
            <TextField
              id={`${fid}-other`}
              label={t('prog.form.otherIdbdt')}
              value={values.otherIdbdt}
              onChange={(otherIdbdt) => onChange({ otherIdbdt })}
              inputMode="numeric"
              maxLength={16}
              error={err('otherIdbdt')}
            />
          )}
        </>
      )}
      {action.kind === 'UBAH' && (
        <>
          <FormField id={`${fid}-pengurus`} label={t('prog.form.pengurus')} error={err('pengurus')} hint={t('prog.form.ubahHint')}>
            {(control) => (
              <select
                {...control}
                value={values.pengurus ?? action.kpm.id_pengurus ?? ''}
                disabled={members === null}
                onChange={(e) => onChange({ pengurus: e.target.value })}
              >
                {members === null && <option value="">{t('app.loading')}</option>}
                {!action.kpm.id_pengurus && <option value="">{t('prog.form.noPengurus')}</option>}
                {members?.map((m) => (
                  <option key={m.idartbdt} value={m.idartbdt}>
                    {`${m.nama ?? ''} (${formatIdbdt(m.idartbdt)})`}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          {ACCOUNT_FIELDS.map((f) => (
            <TextField
              key={f.key}
              id={`${fid}-${f.key}`}
              label={t(f.label)}
              value={values[f.key]}
              onChange={(v) => onChange({ [f.key]: v })}
              inputMode="numeric"
              maxLength={f.maxLength}
              hint={t('prog.form.keepEmpty')}
              error={err(f.key)}
            />
          ))}
        </>
      )}
      <TextAreaField id={`${fid}-note`} label={t('prog.form.note')} value={values.note} onChange={(note) => onChange({ note })} />
    </div>
  );
}

const TITLES = {
  GANTI: 'prog.form.title.ganti',
  HAPUS: 'prog.form.title.hapus',
  UBAH: 'prog.form.title.ubah',
  NONAKTIF: 'prog.form.title.nonaktif',
  USUL: 'prog.form.title.usul',
} as const;

/** The dialog of one online proposal: loads what its form offers, checks, sends; `onDone` after a success. */
export function ProposeDialog({
  action,
  program,
  kab,
  onCancel,
  onDone,
}: {
  action: RowAction;
  program: KpmProgram;
  /** The district of a user who chose one (the waiting list's); undefined: the user's own. */
  kab: string | undefined;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const [values, setValues] = useState<ProposeValues>(EMPTY_VALUES);
  const [errors, setErrors] = useState<ProposeErrors>({});
  const waiting = useData(
    (signal) => programsApi.kpmWaiting({ program, kab, page: 1, pageSize: WAITING_CHOICES }, signal).then((p) => p.items),
    [program, kab],
    action.kind === 'GANTI',
  );
  const idbdt = action.kind === 'UBAH' ? action.kpm.idbdt : '';
  const members = useData((signal) => api.household(idbdt, signal).then((h) => h.members.filter(isPresentMember)), [idbdt], idbdt !== '');
  const send = useMutation((input: ReturnType<typeof proposeInput> & { ok: true }) =>
    input.input.module === 'BSP' ? programsApi.proposeKpm(input.input.body) : programsApi.proposePbi(input.input.body),
  );

  const submit = async () => {
    const checked = proposeInput(action, program, values, waiting.data?.[0]?.idbdt);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    const r = await send.run(checked);
    if (r.ok) onDone(t('prog.form.done', { name: subjectName(action) }));
  };

  const loadError = waiting.error ?? members.error;
  return (
    <ConfirmDialog
      open
      title={t(TITLES[action.kind])}
      message={subjectName(action)}
      confirmLabel={t('prog.form.submit')}
      danger={action.kind === 'HAPUS' || action.kind === 'NONAKTIF'}
      busy={send.busy}
      confirmDisabled={
        action.kind === 'GANTI' && chosenReplacement(values, waiting.data?.[0]?.idbdt) === '' && values.replacement !== OTHER
      }
      onConfirm={() => void submit()}
      onCancel={onCancel}
    >
      <ProposeForm
        action={action}
        values={values}
        onChange={(patch) => {
          setValues((v) => ({ ...v, ...patch }));
          send.clearError();
        }}
        errors={errors}
        waiting={waiting.data}
        members={members.data}
      />
      {(send.error ?? loadError) && (
        <p className="field-error" role="alert">
          {send.error ?? loadError}
        </p>
      )}
    </ConfirmDialog>
  );
}
