// A multi-line text field (a reason, a message to a district): TextField with 3 rows and room for
// 1000 characters by default.
import { TextField, type TextFieldProps } from './TextField.tsx';

export type TextAreaFieldProps = Omit<TextFieldProps, 'type' | 'inputMode' | 'autoComplete' | 'verbatim'>;

export function TextAreaField({ rows = 3, maxLength = 1000, ...props }: TextAreaFieldProps) {
  return <TextField {...props} rows={rows} maxLength={maxLength} />;
}
