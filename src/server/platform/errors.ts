/**
 * The one error catalogue: every error a user can meet, with its HTTP status, its CLI exit code
 * and its message in Bahasa Indonesia and English. Routes map AppError to
 * `{ code, message, details }` once (http/errors.ts); the CLI maps it to an exit code once.
 * Every entry is written out field by field, even a short one, so the table keeps one uniform layout.
 */
export const errorCatalogue = {
  NOT_FOUND: {
    status: 404,
    exit: 4,
    id: 'Data tidak ditemukan.',
    en: 'Not found.',
  },
  UNAUTHENTICATED: {
    status: 401,
    exit: 3,
    id: 'Silakan login terlebih dahulu.',
    en: 'Please log in first.',
  },
  FORBIDDEN: {
    status: 403,
    exit: 3,
    id: 'Anda tidak berwenang melakukan tindakan ini.',
    en: 'You are not allowed to do this.',
  },
  LOGIN_FAILED: {
    status: 401,
    exit: 3,
    id: 'User ID atau password salah.',
    en: 'Wrong User ID or password.',
  },
  ACCOUNT_DISABLED: {
    status: 403,
    exit: 3,
    id: 'Akun Anda dinonaktifkan. Hubungi Pusdatin Kesos.',
    en: 'Your account is disabled. Contact Pusdatin Kesos.',
  },
  LOGIN_API_ONLY: {
    status: 403,
    exit: 3,
    id: 'Akun integrasi sistem tidak dapat login ke aplikasi web; gunakan token API yang diberikan Pusdatin Kesos.',
    en: 'A system integration account cannot log in to the web app; use the API token Pusdatin Kesos issued.',
  },
  DCI_INVALID_QUERY: {
    status: 400,
    exit: 2,
    id: 'Kriteria pencarian tidak valid.',
    en: 'The search criteria are not valid.',
  },
  VALIDATION: {
    status: 400,
    exit: 2,
    id: 'Data yang dikirim tidak valid.',
    en: 'The data sent is not valid.',
  },
  USER_EXISTS: {
    status: 409,
    exit: 2,
    id: 'User ID sudah dipakai.',
    en: 'This User ID is already taken.',
  },
  UNKNOWN_REGION: {
    status: 400,
    exit: 2,
    id: 'Kode wilayah tidak dikenal.',
    en: 'Unknown region code.',
  },
  SCOPE_MISMATCH: {
    status: 400,
    exit: 2,
    id: 'Wilayah tidak sesuai dengan peran pengguna.',
    en: 'The region does not fit the user role.',
  },
  WEAK_PASSWORD: {
    status: 400,
    exit: 2,
    id: 'Password minimal 10 karakter, tidak sama dengan User ID, dan bukan password yang umum dipakai.',
    en: 'The password must have at least 10 characters, differ from the User ID and not be a common password.',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    exit: 3,
    id: 'Akun Anda dikunci sementara karena terlalu banyak percobaan login yang gagal. Coba lagi setelah kunci berakhir.',
    en: 'Your account is locked for a while after too many failed logins. Try again after the lock ends.',
  },
  TOO_MANY_ATTEMPTS: {
    status: 429,
    exit: 3,
    id: 'Terlalu banyak percobaan login yang gagal dari alamat ini. Coba lagi nanti.',
    en: 'Too many failed logins from this address. Try again later.',
  },
  CAPTCHA_REQUIRED: {
    status: 400,
    exit: 2,
    id: 'Centang "Saya bukan robot" terlebih dahulu.',
    en: 'Tick "I am not a robot" first.',
  },
  CAPTCHA_INVALID: {
    status: 400,
    exit: 2,
    id: 'Verifikasi "Saya bukan robot" tidak sah. Silakan ulangi.',
    en: 'The "I am not a robot" check is not valid. Please try again.',
  },
  CAPTCHA_EXPIRED: {
    status: 400,
    exit: 2,
    id: 'Verifikasi "Saya bukan robot" sudah kedaluwarsa. Silakan ulangi.',
    en: 'The "I am not a robot" check has expired. Please try again.',
  },
  CAPTCHA_REPLAYED: {
    status: 400,
    exit: 2,
    id: 'Verifikasi "Saya bukan robot" sudah pernah dipakai. Silakan ulangi.',
    en: 'This "I am not a robot" check was already used. Please try again.',
  },
  CSRF: {
    status: 403,
    exit: 3,
    id: 'Permintaan ditolak karena token keamanan tidak cocok. Muat ulang halaman lalu coba lagi.',
    en: 'Request refused: the security token does not match. Reload the page and try again.',
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    exit: 3,
    id: 'Anda harus mengganti password sebelum melanjutkan.',
    en: 'You must change your password before continuing.',
  },
  WRONG_CURRENT_PASSWORD: {
    status: 400,
    exit: 2,
    id: 'Password lama salah.',
    en: 'The current password is wrong.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    exit: 2,
    id: 'Berkas terlalu besar.',
    en: 'The file is too large.',
  },
  IMAGE_MISSING: {
    status: 400,
    exit: 2,
    id: 'Pilih satu berkas gambar JPEG atau PNG untuk diunggah.',
    en: 'Choose one JPEG or PNG image file to upload.',
  },
  IMAGE_NOT_JPEG_PNG: {
    status: 415,
    exit: 2,
    id: 'Berkas bukan gambar JPEG atau PNG. Jenis berkas diperiksa dari isinya, bukan dari namanya.',
    en: 'The file is not a JPEG or PNG image. The kind is checked from its content, not its name.',
  },
  IMAGE_DAMAGED: {
    status: 400,
    exit: 2,
    id: 'Gambar rusak atau tidak lengkap dan tidak dapat dibaca. Unggah ulang berkas JPEG atau PNG yang utuh.',
    en: 'The image is damaged or incomplete and cannot be read. Upload a complete JPEG or PNG file again.',
  },
  IMAGE_TOO_LARGE: {
    status: 413,
    exit: 2,
    id: 'Ukuran gambar melebihi batas 2 MB. Perkecil gambar lalu unggah lagi.',
    en: 'The image is larger than the 2 MB limit. Make it smaller and upload it again.',
  },
  IMAGE_TOO_MANY_PIXELS: {
    status: 400,
    exit: 2,
    id: 'Dimensi gambar melebihi batas 4000 × 4000 piksel. Perkecil gambar lalu unggah lagi.',
    en: 'The image is larger than 4000 × 4000 pixels. Make it smaller and upload it again.',
  },
  DOCUMENT_TYPE_NOT_ALLOWED: {
    status: 415,
    exit: 2,
    id: 'Jenis berkas tidak diizinkan. Unggah berkas PDF, XLSX, JPEG, atau PNG (jenis berkas diperiksa dari isinya, bukan dari namanya).',
    en: 'This kind of file is not allowed. Upload a PDF, XLSX, JPEG or PNG file (the kind is checked from its content, not its name).',
  },
  DOCUMENT_TOO_LARGE: {
    status: 413,
    exit: 2,
    id: 'Ukuran dokumen melebihi batas 20 MB.',
    en: 'The document is larger than the 20 MB limit.',
  },
  DOCUMENT_TITLE_REQUIRED: {
    status: 400,
    exit: 2,
    id: 'Judul dokumen wajib diisi.',
    en: 'The document title is required.',
  },
  DOCUMENT_FILE_REQUIRED: {
    status: 400,
    exit: 2,
    id: 'Pilih berkas dokumen yang akan diunggah.',
    en: 'Choose the document file to upload.',
  },
  DOCUMENT_DISTRICTS_REQUIRED: {
    status: 400,
    exit: 2,
    id: 'Pilih minimal satu kabupaten/kota, atau tampilkan dokumen untuk semua kabupaten/kota.',
    en: 'Choose at least one district, or show the document to all districts.',
  },
  PERIOD_ALREADY_OPEN: {
    status: 409,
    exit: 2,
    id: 'Masih ada periode yang terbuka. Tutup periode itu terlebih dahulu.',
    en: 'Another period is still open. Close it first.',
  },
  PERIOD_EXISTS: {
    status: 409,
    exit: 2,
    id: 'Periode ini sudah pernah dibuat.',
    en: 'This period already exists.',
  },
  PERIOD_NOT_OPEN: {
    status: 409,
    exit: 2,
    id: 'Periode ini tidak sedang terbuka.',
    en: 'This period is not open.',
  },
  NO_OPEN_PERIOD: {
    status: 409,
    exit: 2,
    id: 'Belum ada periode verval yang dibuka oleh Pusdatin.',
    en: 'No verval period has been opened by Pusdatin.',
  },
  MOU_ALREADY_WAITING: {
    status: 409,
    exit: 2,
    id: 'MOU sedang dalam pemeriksaan Ditjen PFM Kementerian Sosial',
    en: 'The MoU is being reviewed by Ditjen PFM of the Ministry of Social Affairs',
  },
  MOU_ALREADY_APPROVED: {
    status: 409,
    exit: 2,
    id: 'Anda sudah mengupload MOU dan telah disetujui',
    en: 'You have uploaded the MoU and it has been approved',
  },
  MOU_NOT_WAITING: {
    status: 409,
    exit: 2,
    id: 'MoU ini sudah diperiksa.',
    en: 'This MoU has already been reviewed.',
  },
  MOU_MESSAGE_REQUIRED: {
    status: 400,
    exit: 2,
    id: 'Tuliskan pesan untuk Dinas Sosial saat mengembalikan MoU.',
    en: 'Write a message for the district office when returning the MoU.',
  },
  MOU_FILES_REQUIRED: {
    status: 400,
    exit: 2,
    id: 'Anda Belum Upload (1) file MOU dan (2) File Surat Permohonan BDT. Silahkan upload hasil scan dua file di atas sekaligus.',
    en: 'You have not uploaded (1) the MoU file and (2) the BDT request letter. Please upload the scans of both files at once.',
  },
  MOU_NOT_APPROVED: {
    status: 409,
    exit: 2,
    id: 'Database BDT Anda bisa didownload setelah MOU di-verifikasi oleh Ditjen PFM.',
    en: 'Your BDT database can be downloaded after Ditjen PFM has verified the MoU.',
  },
  PASSPHRASE_TOO_SHORT: {
    status: 400,
    exit: 2,
    id: 'Kata sandi rilis minimal 12 karakter.',
    en: 'The release passphrase needs at least 12 characters.',
  },
  PACKAGE_UNKNOWN_RELEASE: {
    status: 400,
    exit: 2,
    id: 'Paket ini dibuat dari rilis basis data yang tidak dikenal sistem. Pastikan operator memakai rilis yang diunduh dari SIKS-NG.',
    en: 'This package was made from a release the system does not know. Make sure the operator uses a release downloaded from SIKS-NG.',
  },
  PACKAGE_RELEASE_MISMATCH: {
    status: 400,
    exit: 2,
    id: 'Kabupaten/kota atau periode pada paket tidak sesuai dengan rilis asalnya.',
    en: 'The district or period of the package differs from its release.',
  },
  PACKAGE_OTHER_DISTRICT: {
    status: 400,
    exit: 2,
    id: 'Paket ini milik kabupaten/kota lain dan tidak dapat diimpor di sini.',
    en: 'This package belongs to another district and cannot be imported here.',
  },
  PACKAGE_PERIOD_CLOSED: {
    status: 400,
    exit: 2,
    id: 'Periode paket ini tidak sedang dibuka untuk verval.',
    en: 'The period of this package is not open for verval.',
  },
  PACKAGE_MODULE_UNSUPPORTED: {
    status: 400,
    exit: 2,
    id: 'Modul paket ini belum dapat diimpor.',
    en: 'Packages of this module cannot be imported yet.',
  },
  IMPORT_FAILED: {
    status: 500,
    exit: 1,
    id: 'Impor berkas ini gagal berulang kali karena kesalahan tak terduga di server; tidak ada usulan yang disimpan. Unggah ulang berkasnya; bila gagal lagi, hubungi admin Pusdatin Kesos.',
    en: 'Importing this file failed repeatedly because of an unexpected server error; no proposal was kept. Upload the file again; if it fails again, contact the Pusdatin Kesos administrator.',
  },
  PACKAGE_FILE_REQUIRED: {
    status: 400,
    exit: 2,
    id: 'Pilih berkas paket .siks untuk diimpor.',
    en: 'Choose a .siks package file to import.',
  },
  QUOTA_SHEET_REQUIRED: {
    status: 400,
    exit: 2,
    id: 'Pilih berkas lembar kuota (.xlsx) untuk diimpor.',
    en: 'Choose a quota sheet (.xlsx) to import.',
  },
  QUOTA_SHEET_UNREADABLE: {
    status: 400,
    exit: 2,
    id: 'Berkas ini bukan lembar kerja Excel (.xlsx) yang dapat dibaca. Unduh templat kuota dan isi kembali.',
    en: 'This file is not a readable Excel (.xlsx) workbook. Download the quota template and fill it in again.',
  },
  QUOTA_SHEET_TOO_LARGE: {
    status: 413,
    exit: 2,
    id: 'Lembar kuota terlalu besar (paling banyak 2 MB dan 2.000 baris).',
    en: 'The quota sheet is too large (at most 2 MB and 2,000 rows).',
  },
  QUOTA_SHEET_INVALID: {
    status: 400,
    exit: 2,
    id: 'Lembar kuota tidak diterapkan karena ada baris yang salah; tidak ada kuota yang diubah. Perbaiki baris berikut lalu impor lagi.',
    en: 'The quota sheet was not applied because some rows are wrong; no quota was changed. Correct these rows and import again.',
  },
  PERSONAL_SEARCH_FORBIDDEN: {
    status: 403,
    exit: 3,
    id: 'Peran Anda melihat data pribadi dalam bentuk tersamar, sehingga tidak dapat mencari berdasarkan NIK, No KK, atau nama. Cari dengan IDBDT, atau saring menurut wilayah, desil, dan status.',
    en: 'Your role sees personal data masked, so it cannot search by NIK, No KK or name. Search by IDBDT, or filter by region, decile and status.',
  },
  PERSONAL_SEARCH_LIMIT: {
    status: 429,
    exit: 3,
    id: 'Terlalu banyak pencarian berdasarkan NIK, No KK, atau nama dalam satu menit. Tunggu sebentar, lalu coba lagi.',
    en: 'Too many searches by NIK, No KK or name within one minute. Wait a moment, then try again.',
  },
  FINALISATION_WAITING: {
    status: 409,
    exit: 2,
    id: 'Masih ada usulan berstatus MENUNGGU. Selesaikan Verifikasi Usulan terlebih dahulu, lalu lakukan Finalisasi.',
    en: 'Some proposals are still waiting (MENUNGGU). Finish Verifikasi Usulan first, then finalise.',
  },
  FINALISATION_NOTHING_NEW: {
    status: 409,
    exit: 2,
    id: 'Tidak ada keputusan baru pada periode ini yang belum difinalisasi.',
    en: 'There are no decisions in this period that have not been finalised yet.',
  },
  FINALISATION_PROFILE_INCOMPLETE: {
    status: 409,
    exit: 2,
    id: 'Lengkapi Profil Instansi dan Profil Pengesahan (nama instansi, alamat, nama Bupati/Wali Kota, nama dan NIP pengesah) sebelum Finalisasi: data itu dicetak pada Surat Pengesahan.',
    en: 'Complete the institution and signatory profiles (institution name, address, Bupati/Wali Kota name, signatory name and NIP) before finalising: the approval letter prints them.',
  },
  FINALISATION_STALE: {
    status: 409,
    exit: 2,
    id: 'Data usulan berubah sejak pratinjau ditampilkan. Periksa kembali pratinjau, lalu ulangi Finalisasi.',
    en: 'The proposals changed since the preview was shown. Check the preview again, then finalise again.',
  },
  PROPOSAL_FINALISED: {
    status: 409,
    exit: 2,
    id: 'Usulan ini sudah difinalisasi dan tidak dapat diubah lagi.',
    en: 'This proposal has been finalised and can no longer be changed.',
  },
  PROPOSAL_NOT_PENDING: {
    status: 409,
    exit: 2,
    id: 'Usulan ini sudah diputuskan atau sudah difinalisasi.',
    en: 'This proposal has already been decided or finalised.',
  },
  PROPOSAL_CONFLICT_UNCONFIRMED: {
    status: 409,
    exit: 2,
    id: 'Data telah berubah sejak rilis operator. Konfirmasi bahwa usulan tetap disetujui.',
    en: "The data changed since the operator's release. Confirm that the proposal is still approved.",
  },
  PROPOSAL_PARTIAL_IMPOSSIBLE: {
    status: 400,
    exit: 2,
    id: 'Persetujuan sebagian hanya untuk usulan perbaikan yang mengubah isian data. Setujui atau tolak usulan ini seluruhnya.',
    en: 'A partial approval is only for a correction that changes fields. Approve or reject this proposal as a whole.',
  },
  PROPOSAL_REASON_REQUIRED: {
    status: 400,
    exit: 2,
    id: 'Alasan wajib diisi untuk keputusan ini.',
    en: 'A reason is required for this decision.',
  },
  PROPOSAL_NOW_INVALID: {
    status: 409,
    exit: 2,
    id: 'Usulan ini akan membuat data melanggar aturan kamus data, sehingga tidak dapat disetujui (sebagian) seperti ini.',
    en: 'Approving this (part of the) proposal would break the data dictionary rules.',
  },
  PROPOSAL_NEW_WARNING: {
    status: 409,
    exit: 2,
    id: 'Sejak usulan ini diimpor, NIK yang diusulkan sudah terdaftar untuk anggota rumah tangga lain (kemungkinan orang yang sama tercatat dua kali). Peringatan ini kini tercantum pada usulan: periksa, lalu setujui lagi bila usulan tetap benar.',
    en: 'Since this proposal was imported, a NIK it proposes has been registered to a member of another household (possibly the same person recorded twice). The warning is now shown on the proposal: check it, then approve again if the proposal is still right.',
  },
  QUOTA_EXCEEDED: {
    status: 409,
    exit: 2,
    id: 'Kuota program ini sudah penuh, sehingga usulan penambahan tidak dapat disetujui. Setujui dulu usulan pengurangan atau minta penambahan kuota.',
    en: "This programme's quota is full, so the addition cannot be approved. Approve a removal first or ask for a higher quota.",
  },
  QUOTA_NOT_SET: {
    status: 409,
    exit: 2,
    id: 'Kuota program ini belum ditetapkan oleh Ditjen PFM, sehingga usulan penambahan tidak dapat disetujui.',
    en: "This programme's quota has not been set by Ditjen PFM, so the addition cannot be approved.",
  },
  PROGRAMME_PROPOSAL_INVALID: {
    status: 400,
    exit: 2,
    id: 'Usulan tidak dapat disimpan karena isinya tidak lengkap atau tidak sesuai.',
    en: 'The proposal cannot be saved because it is incomplete or wrong.',
  },
  PROGRAMME_PROPOSAL_NOT_ELIGIBLE: {
    status: 409,
    exit: 2,
    id: 'Usulan ini tidak memenuhi syarat kepesertaan program (lihat rinciannya).',
    en: 'This proposal does not meet the programme eligibility rules (see the details).',
  },
  PROGRAMME_PROPOSAL_PENDING: {
    status: 409,
    exit: 2,
    id: 'Sudah ada usulan yang menunggu verifikasi untuk rumah tangga atau anggota ini. Putuskan usulan itu terlebih dahulu.',
    en: 'A proposal for this household or member is already waiting for review. Decide it first.',
  },
  PKH_DISTRICT_REQUIRED: {
    status: 400,
    exit: 2,
    id: 'Pilih kabupaten/kota terlebih dahulu untuk melihat calon penerima PKH.',
    en: 'Choose a district first to see the PKH candidates.',
  },
  PKH_NOT_ELIGIBLE: {
    status: 409,
    exit: 2,
    id: 'Rumah tangga ini tidak dapat diusulkan untuk PKH: hanya rumah tangga AKTIF dengan sedikitnya satu komponen PKH (ibu hamil, anak usia dini, anak sekolah, lansia, disabilitas berat).',
    en: 'This household cannot be nominated for PKH: only AKTIF households with at least one PKH component (pregnant woman, young child, school child, elderly, severe disability).',
  },
  PKH_ALREADY_NOMINATED: {
    status: 409,
    exit: 2,
    id: 'Rumah tangga ini sudah diusulkan untuk PKH (berstatus DIUSULKAN atau DITERIMA); tidak ada usulan yang disimpan.',
    en: 'This household has already been nominated for PKH (DIUSULKAN or DITERIMA); no nomination was saved.',
  },
  PKH_DECISION_NOT_ALLOWED: {
    status: 409,
    exit: 2,
    id: 'Status usulan PKH ini tidak dapat diubah seperti itu.',
    en: 'The status of this PKH nomination cannot be changed that way.',
  },
  PKH_REASON_REQUIRED: {
    status: 400,
    exit: 2,
    id: 'Alasan wajib diisi saat menolak usulan PKH.',
    en: 'A reason is required when refusing a PKH nomination.',
  },
  IN_HANDOVER: {
    status: 409,
    exit: 2,
    id: 'Rumah tangga ini sedang dalam proses pemindahan ke kabupaten/kota lain: datanya tidak dapat diubah dan usulan baru untuknya tidak dapat dibuat atau disetujui sampai pemindahan diterima, ditolak atau dibatalkan.',
    en: 'This household is being handed over to another district: it cannot be changed, and no proposal for it can be made or approved until the hand-over is accepted, declined or cancelled.',
  },
  RELOCATION_NOT_ACTIVE: {
    status: 409,
    exit: 2,
    id: 'Hanya rumah tangga berstatus AKTIF yang dapat dipindahkan.',
    en: 'Only an AKTIF household can be moved.',
  },
  RELOCATION_SAME_PLACE: {
    status: 409,
    exit: 2,
    id: 'Rumah tangga ini sudah berada di desa/kelurahan tersebut.',
    en: 'The household is already in that village.',
  },
  RELOCATION_SAME_DISTRICT: {
    status: 400,
    exit: 2,
    id: 'Kabupaten/kota tujuan sama dengan kabupaten/kota asal; gunakan pemindahan dalam kabupaten/kota.',
    en: 'The destination district is the origin district; use a move within the district.',
  },
  RELOCATION_NOT_PENDING: {
    status: 409,
    exit: 2,
    id: 'Pemindahan ini sudah tidak menunggu: sudah diterima, ditolak atau dibatalkan.',
    en: 'This hand-over is no longer waiting: it has been accepted, declined or cancelled.',
  },
  BOUNDARY_FILE_REQUIRED: {
    status: 400,
    exit: 2,
    id: 'Pilih berkas batas wilayah: GeoJSON (.geojson/.json) atau Shapefile dalam ZIP (.zip).',
    en: 'Choose a boundary file: GeoJSON (.geojson/.json) or a zipped Shapefile (.zip).',
  },
  BOUNDARY_FILE_TOO_LARGE: {
    status: 413,
    exit: 2,
    id: 'Berkas batas wilayah melebihi batas 50 MB. Bagi per provinsi, lalu muat satu per satu.',
    en: 'The boundary file is larger than the 50 MB limit. Split it by province and load the parts one by one.',
  },
  BOUNDARY_FILE_UNREADABLE: {
    status: 400,
    exit: 2,
    id: 'Berkas batas wilayah tidak dapat dibaca: harus GeoJSON FeatureCollection atau ZIP berisi Shapefile (.shp, .dbf, .prj).',
    en: 'The boundary file cannot be read: it must be a GeoJSON FeatureCollection or a ZIP holding a Shapefile (.shp, .dbf, .prj).',
  },
  BOUNDARY_GEOMETRY_INVALID: {
    status: 400,
    exit: 2,
    id: 'Geometri batas wilayah tidak valid; tidak ada batas yang dimuat.',
    en: 'A boundary geometry is invalid; no boundary was loaded.',
  },
  AUDIT_TEXT_INVALID: {
    status: 400,
    exit: 2,
    id: 'Teks mengandung karakter yang tidak dapat disimpan (karakter NUL atau surrogate Unicode tunggal). Hapus karakter itu, lalu coba lagi.',
    en: 'The text contains characters that cannot be stored (a NUL character or a lone Unicode surrogate). Remove them, then try again.',
  },
  DATA_DIR_BUSY: {
    status: 503,
    exit: 5,
    id: 'Basis data sedang dipakai oleh proses lain.',
    en: 'The database is in use by another process.',
  },
  BASELINE_FILES_MISSING: {
    status: 400,
    exit: 2,
    id: 'Unggah data rumah tangga dan data anggota rumah tangga: dua berkas CSV, satu ZIP berisi keduanya, atau satu berkas xlsx.',
    en: 'Upload the households and the members: two CSV files, one ZIP holding both, or one xlsx workbook.',
  },
  BASELINE_FILE_UNKNOWN: {
    status: 400,
    exit: 2,
    id: 'Berkas tidak dikenali: harus CSV, ZIP atau xlsx dengan kolom kamus data BDT (kolom idbdt; idartbdt untuk anggota rumah tangga).',
    en: 'Unrecognised file: it must be CSV, ZIP or xlsx with the BDT dictionary columns (idbdt; idartbdt for members).',
  },
  BASELINE_COLUMNS: {
    status: 400,
    exit: 2,
    id: 'Baris judul kolom berkas tidak sesuai kamus data BDT.',
    en: 'The header row of the file does not match the BDT dictionary.',
  },
  BASELINE_PERIOD_UNKNOWN: {
    status: 400,
    exit: 2,
    id: 'Periode tidak dikenal.',
    en: 'Unknown period.',
  },
  BASELINE_BUSY: {
    status: 409,
    exit: 2,
    id: 'Data awal kabupaten/kota ini sedang dimuat. Tunggu sampai selesai.',
    en: 'A baseline of this district is being loaded. Wait until it has finished.',
  },
  BASELINE_NOT_READY: {
    status: 409,
    exit: 2,
    id: 'Data awal ini tidak dapat diterbitkan: masih diperiksa, berisi kesalahan, atau sudah diterbitkan/dibatalkan.',
    en: 'This baseline cannot be published: it is being checked, has errors, or was published or discarded.',
  },
  BASELINE_REPLACE_UNCONFIRMED: {
    status: 409,
    exit: 2,
    id: 'Kabupaten/kota ini sudah memiliki data rumah tangga. Untuk menggantinya, konfirmasi penggantian dan ketik ulang kode kabupaten/kota.',
    en: 'This district already has households. To replace them, confirm the replacement and type the district code again.',
  },
  BASELINE_DISTRICT_IN_USE: {
    status: 409,
    exit: 2,
    id: 'Data rumah tangga kabupaten/kota ini sudah dipakai (usulan, daftar program atau nominasi), sehingga tidak dapat diganti dengan data awal.',
    en: "This district's households are in use (proposals, programme lists or nominations) and cannot be replaced by a baseline.",
  },
  BACKUP_INVALID: {
    status: 400,
    exit: 2,
    id: 'Berkas cadangan tidak valid atau rusak (checksum tidak cocok).',
    en: 'The backup file is not valid or is damaged (checksum mismatch).',
  },
  BACKUP_ENGINE_MISMATCH: {
    status: 400,
    exit: 2,
    id: 'Berkas cadangan dibuat dari mesin basis data lain.',
    en: 'The backup file was made from the other database engine.',
  },
  BACKUP_NEWER_SCHEMA: {
    status: 400,
    exit: 2,
    id: 'Berkas cadangan dibuat oleh versi SIKS-NG yang lebih baru.',
    en: 'The backup file was made by a newer version of SIKS-NG.',
  },
  RESTORE_NOT_EMPTY: {
    status: 409,
    exit: 2,
    id: 'Basis data tujuan tidak kosong. Ulangi dengan --force untuk menggantinya.',
    en: 'The target database is not empty. Repeat with --force to replace it.',
  },
  BACKUP_TOOL_MISSING: {
    status: 500,
    exit: 1,
    id: 'Program PostgreSQL yang diperlukan tidak ditemukan.',
    en: 'A required PostgreSQL program was not found.',
  },
  INTERNAL: {
    status: 500,
    exit: 1,
    id: 'Terjadi kesalahan pada sistem. Silakan coba lagi.',
    en: 'Something went wrong. Please try again.',
  },
} as const satisfies Record<string, { status: number; exit: number; id: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalogue;
export type Lang = 'id' | 'en';

/** An expected failure with a stable code from the catalogue. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    /** Overrides the catalogue text, when the message needs specifics (both languages). */
    readonly text?: { id: string; en: string },
  ) {
    super(text?.en ?? errorCatalogue[code].en);
  }

  get status(): number {
    return errorCatalogue[this.code].status;
  }

  /** The message in the user's language. */
  messageIn(lang: Lang): string {
    return (this.text ?? errorCatalogue[this.code])[lang];
  }
}

/** Shorthand for the most common error: anything outside the actor's scope is "not found". */
export function notFound(details?: unknown): AppError {
  return new AppError('NOT_FOUND', details);
}
