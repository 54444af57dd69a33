// Bahasa Indonesia, the part the public pages need (the login page, the boot and error states):
// always in the bundle. The rest (id-app.ts) is fetched when a page behind the login, the help page
// or the letter check first renders (issue 17, lean pages). index.ts merges both into one table.
export const idPublic = {
  'app.name': 'SIKS-NG',
  'app.fullName': 'Sistem Informasi Kesejahteraan Sosial – Next Generation',
  'app.ministry': 'Kementerian Sosial Republik Indonesia',
  'app.loading': 'Memuat…',
  'app.skipToContent': 'Langsung ke konten utama',
  'app.regionDataCredit': 'Data wilayah: idn-area-data (lisensi ODbL).',

  'lang.label': 'Bahasa',
  'lang.id': 'Bahasa Indonesia',
  'lang.en': 'English',

  'login.title': 'Login',
  'login.intro': 'Masuk untuk mengelola Basis Data Terpadu (BDT) wilayah Anda.',
  'login.userManual': 'User Manual',
  'login.faq': 'FAQ',
  'login.userId': 'User ID',
  'login.password': 'Password',
  'login.submit': 'Login',
  'login.required': 'User ID dan Password wajib diisi.',
  'login.forgot': 'Lupa password? Kirim surat resmi ke Pusdatin Kesos untuk reset password.',

  'captcha.label': 'Saya bukan robot',
  'captcha.verifying': 'Memverifikasi…',
  'captcha.verified': 'Terverifikasi',
  'captcha.failed': 'Verifikasi "Saya bukan robot" gagal. Centang lagi untuk mencoba ulang.',
  'captcha.expired': 'Verifikasi "Saya bukan robot" sudah kedaluwarsa. Centang lagi.',
  'login.captchaRequired': 'Centang "Saya bukan robot" terlebih dahulu.',
  'login.captchaWaiting': 'Tunggu sampai verifikasi "Saya bukan robot" selesai, lalu tekan Login lagi.',

  'error.title': 'Terjadi kesalahan',
  'error.network': 'Tidak dapat menghubungi server. Periksa koneksi Anda lalu coba lagi.',
  'error.generic': 'Terjadi kesalahan pada server. Silakan coba lagi.',
  'error.retry': 'Coba lagi',
} as const satisfies Record<string, string>;
