import { describe, expect, it } from 'vitest';
import { ApiError } from './client.ts';
import { fieldErrorsOf } from './profiles.ts';

describe('fieldErrorsOf', () => {
  it('maps the details of a VALIDATION answer to messages by field, first message per field', () => {
    const e = new ApiError(400, 'VALIDATION', 'Periksa kembali isian: NIP Kepala Dinas.', [
      {
        path: '/nipKepalaDinas',
        field: 'nipKepalaDinas',
        message: 'NIP Kepala Dinas harus terdiri dari 18 digit angka.',
      },
      { path: '/nipKepalaDinas', field: 'nipKepalaDinas', message: 'second' },
      { path: '/email', message: 'Email tidak valid.' },
      'junk',
    ]);
    expect(fieldErrorsOf(e)).toEqual({
      nipKepalaDinas: 'NIP Kepala Dinas harus terdiri dari 18 digit angka.',
      email: 'Email tidak valid.',
    });
  });

  it('gives nothing for other errors', () => {
    expect(fieldErrorsOf(new ApiError(413, 'IMAGE_TOO_LARGE', 'x'))).toEqual({});
    expect(fieldErrorsOf(new Error('x'))).toEqual({});
  });
});
