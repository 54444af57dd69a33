// A form that uploads one chosen file: the file field with its hint, the size checked before
// sending (sparing a long useless upload), the server's refusal shown under it, and the field
// emptied after a success so that the same file is not sent twice by accident.
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useMutation } from '../lib/useData.ts';
import { ErrorBox } from './Status.tsx';

export interface FileUploadFormProps<R> {
  label: string;
  hint?: ReactNode;
  /** The `accept` attribute of the file field. */
  accept: string;
  submitLabel: string;
  busyLabel: string;
  /** Shown when the form is sent without a file. */
  chooseText: string;
  maxBytes: number;
  tooLargeText: string;
  upload: (file: File) => Promise<R>;
  /** Called with the server's answer after a successful upload. */
  onDone: (result: R) => void;
  /** Called when a new upload starts (to clear an earlier result). */
  onStart?: () => void;
}

export function FileUploadForm<R>(props: FileUploadFormProps<R>) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const send = useMutation(props.upload);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    props.onStart?.();
    if (!file) return setError(props.chooseText);
    if (file.size > props.maxBytes) return setError(props.tooLargeText);
    setError(null);
    const done = await send.run(file);
    if (!done.ok) return;
    setFile(null);
    setFileKey((k) => k + 1);
    props.onDone(done.value);
  };

  const shownError = error ?? send.error;
  const describedBy = [props.hint ? `${id}-hint` : '', shownError ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-file`}>{props.label}</label>
          <input
            key={fileKey}
            id={`${id}-file`}
            type="file"
            accept={props.accept}
            aria-invalid={!!shownError}
            aria-describedby={describedBy || undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setError(null);
              send.clearError();
            }}
          />
          {props.hint && (
            <p id={`${id}-hint`} className="hint">
              {props.hint}
            </p>
          )}
        </div>
        <button type="submit" className="btn btn-primary" disabled={send.busy} aria-busy={send.busy}>
          {send.busy ? props.busyLabel : props.submitLabel}
        </button>
      </form>
      {shownError && (
        <div id={`${id}-error`}>
          <ErrorBox message={shownError} />
        </div>
      )}
    </>
  );
}
