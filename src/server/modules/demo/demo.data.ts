// Word lists for the demo generator: Indonesian names by ethnic group and generation, places of
// birth, street and hamlet names. Plain data, kept apart so the generator stays readable.
// Older generations mostly carry one-word (Javanese, Sundanese, Minang) names; children born
// since the late 1990s carry the two-word "modern" names common across the country.

/** The naming traditions the generator mixes. */
export type Ethnicity = 'jawa' | 'sunda' | 'betawi' | 'batak' | 'minang' | 'umum' | 'timur';

/** Names of one tradition: given names by sex and generation, and second/family names. */
export interface NamePool {
  /** Given names of people born before about 1966. */
  maleOld: readonly string[];
  femaleOld: readonly string[];
  /** Given names of people born about 1966-1997. */
  maleMid: readonly string[];
  femaleMid: readonly string[];
  /** Second words: a surname-like name (Javanese, Sundanese…), a marga (Batak) or a family name (east). */
  maleSecond: readonly string[];
  femaleSecond: readonly string[];
  /** Whether the second word is a family name passed from father to children (Batak marga, eastern family names). */
  inherited: boolean;
}

const JAWA: NamePool = {
  maleOld: ['Sukardi', 'Sumarno', 'Paijo', 'Tukiman', 'Darmadi', 'Parjo', 'Sarno', 'Mulyono', 'Widodo', 'Hartono', 'Haryanto', 'Purnomo', 'Suparman', 'Sutrisno', 'Slamet', 'Sugeng', 'Bambang', 'Karyono', 'Ngatimin', 'Sutarman', 'Kasiman', 'Wagimin', 'Sukirman', 'Paimin', 'Kartono', 'Suwarno', 'Sudarsono', 'Subagyo', 'Suyanto', 'Triyono', 'Margono', 'Sunarto', 'Jumadi', 'Tarmuji', 'Ngadiman', 'Mujiono', 'Giyono', 'Sarjono', 'Kasdi', 'Wiryo'],
  femaleOld: ['Sukinah', 'Painem', 'Tukinem', 'Sugiyem', 'Ngatiyem', 'Partini', 'Rukmini', 'Darsih', 'Warsini', 'Sumiati', 'Suparmi', 'Sulastri', 'Wartini', 'Tumini', 'Sumarni', 'Kasmini', 'Suminah', 'Parmi', 'Sarinem', 'Juminten', 'Legiyem', 'Poniyem', 'Sutini', 'Karsinah', 'Wagiyem', 'Katmi', 'Lasmi', 'Marsini', 'Ngadinah', 'Sriyati'],
  maleMid: ['Agus', 'Budi', 'Eko', 'Dwi', 'Tri', 'Bayu', 'Heru', 'Teguh', 'Wawan', 'Yanto', 'Supriyadi', 'Joko', 'Wahyu', 'Andi', 'Hendro', 'Rudi', 'Arif', 'Bagus', 'Anton', 'Didik', 'Edi', 'Gunawan', 'Hadi', 'Imam', 'Joni', 'Lukman', 'Puji', 'Setyo', 'Sigit', 'Taufik', 'Yudi', 'Ari', 'Dedi', 'Iwan', 'Toni', 'Catur', 'Sri'],
  femaleMid: ['Sri', 'Siti', 'Endang', 'Lestari', 'Rahayu', 'Wulandari', 'Ningsih', 'Yuliani', 'Puji', 'Dewi', 'Ratna', 'Retno', 'Indah', 'Tri', 'Dwi', 'Eni', 'Erna', 'Yuni', 'Anik', 'Umi', 'Suryani', 'Rini', 'Tutik', 'Nanik', 'Heni', 'Ika', 'Susi', 'Tuti', 'Winarsih', 'Yayuk'],
  maleSecond: ['Santoso', 'Susanto', 'Prasetyo', 'Nugroho', 'Setiawan', 'Wibowo', 'Purnomo', 'Riyadi', 'Suprapto', 'Hartono', 'Wahyudi', 'Kuncoro', 'Utomo', 'Saputro', 'Hidayat', 'Rahardjo', 'Sulistyo', 'Widodo', 'Cahyono', 'Pranoto', 'Wicaksono', 'Kusuma', 'Handoko', 'Sugiarto', 'Setiadi'],
  femaleSecond: ['Wahyuni', 'Lestari', 'Rahayu', 'Handayani', 'Astuti', 'Rahmawati', 'Susanti', 'Purwanti', 'Wulandari', 'Kurniasih', 'Setyowati', 'Hartati', 'Mulyani', 'Suryani', 'Ningsih', 'Utami', 'Pratiwi', 'Yuliana', 'Kusumawati', 'Sulistyowati'],
  inherited: false,
};

const SUNDA: NamePool = {
  maleOld: ['Ujang', 'Dadang', 'Endang', 'Maman', 'Engkos', 'Oman', 'Atang', 'Odang', 'Komar', 'Eman', 'Uus', 'Ajat', 'Mumuh', 'Nandang', 'Entis', 'Ruhiyat', 'Nana', 'Usep', 'Udin', 'Enjang', 'Karta', 'Sarip', 'Oyo', 'Ade', 'Aang'],
  femaleOld: ['Euis', 'Imas', 'Enung', 'Cucu', 'Yati', 'Eti', 'Tati', 'Entin', 'Dedeh', 'Iyah', 'Popon', 'Enok', 'Onah', 'Ijah', 'Cicih', 'Enah', 'Aas', 'Mimin', 'Oom', 'Ecin', 'Kokom', 'Iyom', 'Icih', 'Eem', 'Ocih'],
  maleMid: ['Asep', 'Cecep', 'Deden', 'Acep', 'Dede', 'Yayan', 'Jajang', 'Encep', 'Dudi', 'Ayi', 'Didin', 'Dodi', 'Hendi', 'Iyan', 'Kiki', 'Opik', 'Rahmat', 'Ucup', 'Wawan', 'Yadi', 'Agus', 'Iwan', 'Rudi', 'Ujang', 'Dadan'],
  femaleMid: ['Neng', 'Iis', 'Nining', 'Ai', 'Elis', 'Titin', 'Lilis', 'Yuyun', 'Nenden', 'Neneng', 'Ela', 'Lina', 'Nani', 'Tita', 'Yuli', 'Eulis', 'Heni', 'Iin', 'Rina', 'Wiwin', 'Yeni', 'Dewi', 'Siti', 'Eneng', 'Rika'],
  maleSecond: ['Saepudin', 'Sopandi', 'Suryana', 'Hidayat', 'Permana', 'Kurniawan', 'Rohmat', 'Sukmana', 'Supriatna', 'Mulyana', 'Setiadi', 'Gunawan', 'Nugraha', 'Sumpena', 'Suherman', 'Sutisna', 'Kusnadi', 'Ruhimat', 'Somantri', 'Sukarya', 'Firmansyah', 'Ramdani', 'Hermawan', 'Suganda'],
  femaleSecond: ['Nurhasanah', 'Komalasari', 'Rohaeti', 'Maryati', 'Ratnasari', 'Kartika', 'Sumiati', 'Nurjanah', 'Rosita', 'Rohimah', 'Juariah', 'Rostika', 'Yuningsih', 'Kurniasih', 'Mulyani', 'Hayati', 'Susilawati', 'Rahmawati', 'Solihah', 'Aisah'],
  inherited: false,
};

const BETAWI: NamePool = {
  maleOld: ['Mamat', 'Rojali', 'Mukhtar', 'Salim', 'Sabeni', 'Mansur', 'Rohim', 'Jaenudin', 'Sanusi', 'Muhidin', 'Somad', 'Sarmili', 'Nasir', 'Basri', 'Saman', 'Marzuki', 'Sueb', 'Bakri', 'Nawawi', 'Jaelani', 'Sarip', 'Naim', 'Kosim', 'Mahmud', 'Usman'],
  femaleOld: ['Minah', 'Juleha', 'Romlah', 'Mariam', 'Zaenab', 'Aminah', 'Saodah', 'Fatimah', 'Rohaya', 'Munah', 'Sarinah', 'Maimunah', 'Jenab', 'Halimah', 'Rohani', 'Salmah', 'Rukiah', 'Sanah', 'Komariah', 'Maisaroh', 'Nafisah', 'Muniroh', 'Khadijah', 'Mursidah', 'Zubaedah'],
  maleMid: ['Fahrudin', 'Jamal', 'Udin', 'Zakaria', 'Bahrudin', 'Amir', 'Rahmat', 'Hasan', 'Ali', 'Syamsudin', 'Abdullah', 'Junaedi', 'Fadli', 'Rosyid', 'Muhammad', 'Ahmad', 'Abdul', 'Haris', 'Syarif', 'Ridwan', 'Sofyan', 'Hendra', 'Irwan', 'Ucup', 'Jafar'],
  femaleMid: ['Siti', 'Nurhayati', 'Hasanah', 'Kholifah', 'Latifah', 'Aisyah', 'Nuraini', 'Fitriani', 'Rohmah', 'Nurlela', 'Maryam', 'Sholihah', 'Hamidah', 'Ernawati', 'Yulianti', 'Zahra', 'Nur', 'Umi', 'Eva', 'Rosmiati', 'Lela', 'Neni', 'Ida', 'Yanti', 'Wati'],
  maleSecond: ['Abdullah', 'Syahroni', 'Rahman', 'Hasan', 'Fauzi', 'Mahmud', 'Husin', 'Rosyid', 'Bahri', 'Jaelani', 'Ramli', 'Saleh', 'Said', 'Hamzah', 'Ismail', 'Yusuf', 'Zaenal', 'Sobari', 'Muslim', 'Idris'],
  femaleSecond: ['Rohmah', 'Hasanah', 'Fitriani', 'Zahra', 'Amelia', 'Maryam', 'Nurlela', 'Sholihah', 'Rahmawati', 'Hayati', 'Aminah', 'Komariah', 'Jubaedah', 'Fauziah', 'Munawaroh', 'Rohani', 'Salamah', 'Hafsah', 'Nurjanah', 'Safitri'],
  inherited: false,
};

const BATAK: NamePool = {
  maleOld: ['Tigor', 'Poltak', 'Binsar', 'Togar', 'Parlindungan', 'Hotman', 'Sahat', 'Martua', 'Jonggi', 'Bonar', 'Marihot', 'Mangara', 'Lamhot', 'Maruli', 'Halomoan', 'Lambok', 'Parulian', 'Sabar', 'Posman', 'Manahan'],
  femaleOld: ['Rosmawati', 'Tiurma', 'Nurmala', 'Lasma', 'Rotua', 'Sondang', 'Dame', 'Hotma', 'Rugun', 'Masniari', 'Tiurlan', 'Romauli', 'Sarma', 'Lamria', 'Riama', 'Nurcahaya', 'Tiominar', 'Rosliana', 'Duma', 'Tumiar'],
  maleMid: ['Robert', 'Daniel', 'Samuel', 'Hendra', 'Jannes', 'Rudolf', 'Anton', 'Benny', 'Darwin', 'Edison', 'Freddy', 'Gomgom', 'Januarius', 'Ronald', 'Tua', 'Jhonson', 'Hotmartua', 'Agustinus', 'Rikardo', 'Sahala'],
  femaleMid: ['Maria', 'Elisabeth', 'Rina', 'Debora', 'Ruth', 'Lenny', 'Rosdiana', 'Tetty', 'Melva', 'Herlina', 'Hotnida', 'Juliana', 'Sinta', 'Rosa', 'Yanti', 'Lisbet', 'Friska', 'Ester', 'Nova', 'Mega'],
  maleSecond: ['Siregar', 'Simanjuntak', 'Nainggolan', 'Hutapea', 'Sitompul', 'Simatupang', 'Panjaitan', 'Sinaga', 'Situmorang', 'Lubis', 'Nasution', 'Harahap', 'Pane', 'Tampubolon', 'Manurung', 'Sihombing', 'Silalahi', 'Hutagalung', 'Pardede', 'Sirait', 'Pasaribu', 'Hasibuan', 'Damanik', 'Saragih', 'Purba', 'Ginting', 'Tarigan', 'Sembiring', 'Simbolon', 'Sianturi', 'Marpaung', 'Napitupulu', 'Gultom', 'Hutabarat', 'Sitorus', 'Aritonang', 'Samosir', 'Simorangkir', 'Lumbantobing', 'Butarbutar'],
  femaleSecond: [],
  inherited: true,
};

const MINANG: NamePool = {
  maleOld: ['Jasman', 'Nasrul', 'Syamsul', 'Darwis', 'Rusli', 'Anwar', 'Dasril', 'Jufri', 'Mardius', 'Amril', 'Buyung', 'Bahar', 'Zainal', 'Asril', 'Kamaruddin', 'Nurdin', 'Sutan', 'Ilyas', 'Yunus', 'Rajab'],
  femaleOld: ['Yusnidar', 'Asnimar', 'Rosmaini', 'Rosnida', 'Zuraida', 'Yusmaniar', 'Asmawati', 'Darmiati', 'Hasnah', 'Rosmiati', 'Wirdawati', 'Yusna', 'Nurlaili', 'Samsinar', 'Jusnimar', 'Syamsiar', 'Nurbaiti', 'Rosnah', 'Darnis', 'Rukiah'],
  maleMid: ['Afrizal', 'Zulkifli', 'Syafrizal', 'Yusril', 'Erizal', 'Edwar', 'Firdaus', 'Yulizar', 'Hendri', 'Efendi', 'Nofrizal', 'Irwan', 'Zulhendri', 'Ardi', 'Basrizal', 'Elfian', 'Fauzan', 'Gusril', 'Hamdani', 'Indra', 'Khairul', 'Novri', 'Rizal', 'Syahrul', 'Wendi', 'Yofrizal', 'Zulfikar'],
  femaleMid: ['Nurhayati', 'Syafrida', 'Yenni', 'Elfi', 'Rahmawati', 'Desmawati', 'Yulia', 'Nurjanah', 'Fitri', 'Marlina', 'Erni', 'Efrida', 'Gusniati', 'Irma', 'Lismawati', 'Mardiana', 'Nelly', 'Suryani', 'Yusnita', 'Febriyanti'],
  maleSecond: ['Anwar', 'Syahputra', 'Rahman', 'Putra', 'Hamid', 'Kamal', 'Yusuf', 'Ilyas', 'Malik', 'Idris', 'Bahar', 'Djamal', 'Chaniago', 'Piliang', 'Tanjung', 'Koto', 'Jambak', 'Sikumbang', 'Caniago', 'Guci'],
  femaleSecond: ['Yanti', 'Wati', 'Sari', 'Putri', 'Rahmi', 'Yuliani', 'Syafitri', 'Hayati', 'Ningsih', 'Dewi'],
  inherited: false,
};

const UMUM: NamePool = {
  maleOld: ['Hasan', 'Rahmat', 'Yusuf', 'Hamid', 'Ismail', 'Junaidi', 'Herman', 'Mustafa', 'Amiruddin', 'Baharuddin', 'Jamaluddin', 'Nasrullah', 'Syamsuddin', 'Abdul Kadir', 'Abdul Rahman', 'Muhammad', 'Ahmad', 'Arsyad', 'Hamzah', 'Idrus'],
  femaleOld: ['Fatimah', 'Hasnah', 'Hartini', 'Jumiati', 'Ramlah', 'Salmiah', 'Sitti', 'Hasniati', 'Masita', 'Nurhaeda', 'Rosdiana', 'Wahida', 'Mardiana', 'Siti', 'Nur', 'Halimah', 'Maryam', 'Saniah', 'Juhariah', 'Rabiah'],
  maleMid: ['Muhammad', 'Ahmad', 'Abdul', 'Hendra', 'Irfan', 'Ridwan', 'Syaiful', 'Arifin', 'Ilham', 'Fauzi', 'Sofyan', 'Zulkarnain', 'Andi', 'Rizal', 'Darmawan', 'Firman', 'Hasanuddin', 'Irwansyah', 'Jefri', 'Rusdi'],
  femaleMid: ['Nurul', 'Fitri', 'Indah', 'Sartika', 'Rahmawati', 'Nur', 'Siti', 'Hasnawati', 'Irawati', 'Jumriah', 'Kartini', 'Mawar', 'Nirwana', 'Rosmini', 'Suriani', 'Wahyuni', 'Yuliana', 'Eka', 'Nurmala', 'Sumarni'],
  maleSecond: ['Hidayat', 'Rahman', 'Saputra', 'Kurniawan', 'Abdullah', 'Hamzah', 'Syahrir', 'Ramli', 'Hasanuddin', 'Rahim', 'Salim', 'Malik', 'Amin', 'Yusuf', 'Effendi', 'Harun', 'Ibrahim', 'Ismail', 'Latif', 'Nasution'],
  femaleSecond: ['Sari', 'Wati', 'Ningsih', 'Rahayu', 'Lestari', 'Handayani', 'Hasanah', 'Aminah', 'Yanti', 'Safitri', 'Anggraini', 'Damayanti', 'Purnamasari', 'Puspita', 'Rahmah', 'Hartati', 'Susanti', 'Fitriani', 'Kurniati', 'Mulyani'],
  inherited: false,
};

const TIMUR: NamePool = {
  maleOld: ['Yohanes', 'Markus', 'Yakobus', 'Agustinus', 'Fransiskus', 'Petrus', 'Paulus', 'Stefanus', 'Yosef', 'Kornelis', 'Aleksander', 'Benediktus', 'Mikael', 'Gabriel', 'Simon'],
  femaleOld: ['Maria', 'Yuliana', 'Fransiska', 'Theresia', 'Margaretha', 'Agustina', 'Elisabeth', 'Veronika', 'Yosefina', 'Katarina', 'Magdalena', 'Susana', 'Anastasia', 'Yohana', 'Lusia'],
  maleMid: ['Yohanis', 'Marthen', 'Yulius', 'Frans', 'Robert', 'Daniel', 'Yermias', 'Melkianus', 'Obed', 'Sem', 'Yonas', 'Demianus', 'Hendrik', 'Piter', 'Arnold'],
  femaleMid: ['Maria', 'Yuliana', 'Oktovina', 'Agnes', 'Delfiana', 'Ester', 'Yunita', 'Martha', 'Sarlota', 'Naomi', 'Rosalina', 'Imelda', 'Selfina', 'Debora', 'Regina'],
  // Family names are chosen by province (TIMUR_FAMILIES); this list is the fallback.
  maleSecond: ['Ndun', 'Manafe', 'Bria', 'Lake', 'Nahak', 'Seran', 'Tefa', 'Kase', 'Benu', 'Nubatonis', 'Lay', 'Pello', 'Ratu', 'Koten', 'Da Costa'],
  femaleSecond: [],
  inherited: true,
};

/** Eastern family names by province (2-digit code), so that a district's names look local. */
export const TIMUR_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  '53': TIMUR.maleSecond,
  '71': ['Lumowa', 'Rumengan', 'Sumampouw', 'Pangemanan', 'Tumbelaka', 'Lengkong', 'Mamahit', 'Wenas', 'Lumintang', 'Rondonuwu', 'Kaunang', 'Tambuwun', 'Mandagi', 'Runtuwene', 'Sondakh'],
  '81': ['Pattiasina', 'Latuheru', 'Tuhumury', 'Sahetapy', 'Pattinama', 'Manuputty', 'Tupamahu', 'Lewerissa', 'Matulessy', 'Siahaya', 'Latumahina', 'Wattimena', 'Nanlohy', 'Pelupessy', 'Soplanit'],
  '91': ['Wenda', 'Kogoya', 'Wonda', 'Tabuni', 'Rumbiak', 'Kambu', 'Mandowen', 'Rumbewas', 'Wanimbo', 'Yikwa', 'Murib', 'Enembe', 'Kossay', 'Mirino', 'Sawaki'],
};

/** Name pools by ethnicity. */
export const NAME_POOLS: Readonly<Record<Ethnicity, NamePool>> = {
  jawa: JAWA,
  sunda: SUNDA,
  betawi: BETAWI,
  batak: BATAK,
  minang: MINANG,
  umum: UMUM,
  timur: TIMUR,
};

/** Given names of children born since about 1998, shared across groups (names have converged). */
export const MODERN_MALE = ['Muhammad', 'Rizky', 'Aditya', 'Fajar', 'Dimas', 'Rafi', 'Alif', 'Farhan', 'Naufal', 'Raka', 'Bintang', 'Arya', 'Bagas', 'Galih', 'Ilham', 'Reza', 'Yoga', 'Andika', 'Rizal', 'Fikri', 'Daffa', 'Hafiz', 'Zaki', 'Arkan', 'Rangga', 'Satria', 'Gilang', 'Akbar', 'Dandi', 'Rendy', 'Kevin', 'Iqbal', 'Fadli', 'Azka', 'Raffa', 'Ahmad', 'Dzaki', 'Abimanyu', 'Haikal', 'Fathan'] as const;
/** Female given names of children born since about 1998. */
export const MODERN_FEMALE = ['Putri', 'Aulia', 'Nabila', 'Salsabila', 'Zahra', 'Aisyah', 'Dinda', 'Ayu', 'Intan', 'Keisya', 'Nayla', 'Azzahra', 'Kayla', 'Annisa', 'Amelia', 'Citra', 'Dewi', 'Fitri', 'Indah', 'Khairunnisa', 'Laras', 'Maharani', 'Nadia', 'Nurul', 'Rahma', 'Safira', 'Syifa', 'Tiara', 'Wulan', 'Yasmin', 'Zaskia', 'Anisa', 'Bunga', 'Cahaya', 'Elsa', 'Gita', 'Hana', 'Jihan', 'Kirana', 'Alya'] as const;
/** Second words of modern male names. */
export const MODERN_MALE_SECOND = ['Pratama', 'Saputra', 'Ramadhan', 'Firmansyah', 'Hidayat', 'Nugraha', 'Wijaya', 'Kurniawan', 'Putra', 'Maulana', 'Syahputra', 'Setiawan', 'Prasetyo', 'Hakim', 'Akbar', 'Fauzan', 'Alfarizi', 'Aditya', 'Permana', 'Hermawan'] as const;
/** Second words of modern female names. */
export const MODERN_FEMALE_SECOND = ['Putri', 'Lestari', 'Sari', 'Rahmawati', 'Anggraini', 'Ramadhani', 'Safitri', 'Wulandari', 'Maharani', 'Azzahra', 'Nuraini', 'Aprilia', 'Oktaviani', 'Febriani', 'Permata', 'Kusuma', 'Pertiwi', 'Ayu', 'Amalia', 'Khoirunnisa'] as const;

/** Places of birth of people who came from elsewhere, by ethnicity. */
export const BIRTH_PLACES: Readonly<Record<Ethnicity, readonly string[]>> = {
  jawa: ['Tegal', 'Brebes', 'Pemalang', 'Pekalongan', 'Banyumas', 'Purwokerto', 'Kebumen', 'Cilacap', 'Surakarta', 'Klaten', 'Wonogiri', 'Sragen', 'Boyolali', 'Yogyakarta', 'Semarang', 'Demak', 'Kudus', 'Pati', 'Jepara', 'Surabaya', 'Madiun', 'Kediri', 'Ngawi', 'Tulungagung', 'Malang', 'Lamongan'],
  sunda: ['Bogor', 'Sukabumi', 'Cianjur', 'Bandung', 'Garut', 'Tasikmalaya', 'Ciamis', 'Kuningan', 'Cirebon', 'Majalengka', 'Sumedang', 'Indramayu', 'Subang', 'Purwakarta', 'Karawang', 'Serang', 'Pandeglang', 'Lebak'],
  betawi: ['Jakarta', 'Jakarta', 'Jakarta', 'Bekasi', 'Tangerang', 'Depok'],
  batak: ['Medan', 'Pematangsiantar', 'Tarutung', 'Balige', 'Sibolga', 'Padangsidimpuan', 'Samosir', 'Kabanjahe', 'Tebing Tinggi'],
  minang: ['Padang', 'Bukittinggi', 'Payakumbuh', 'Solok', 'Pariaman', 'Batusangkar', 'Padang Panjang', 'Sawahlunto', 'Painan'],
  umum: ['Palembang', 'Bandar Lampung', 'Makassar', 'Banjarmasin', 'Pontianak', 'Jambi', 'Pekanbaru', 'Bengkulu', 'Mataram', 'Manado', 'Kendari', 'Palu'],
  timur: ['Kupang', 'Ende', 'Maumere', 'Atambua', 'Ambon', 'Manado', 'Jayapura', 'Sorong', 'Merauke', 'Ternate'],
};

/** Street names for urban addresses (prefixed with Jl. or Gg.). */
export const STREETS = ['Melati', 'Mawar', 'Kenanga', 'Anggrek', 'Flamboyan', 'Cempaka', 'Dahlia', 'Kamboja', 'Swadaya', 'Masjid', 'Musholla', 'Haji Naim', 'Haji Saili', 'Damai', 'Sederhana', 'Rukun', 'Gotong Royong', 'Karya', 'Bakti', 'Pendidikan', 'Kramat', 'Kebon Baru', 'Kebon Sirih', 'Kampung Melayu', 'Manggis', 'Rambutan', 'Durian', 'Nangka', 'Belimbing', 'Jambu', 'Sawo', 'Kelapa', 'Pisang', 'Bambu', 'Pinang', 'Waru', 'Asem', 'Bungur', 'Jati', 'Mahoni', 'Cendana', 'Kutilang', 'Merpati', 'Cendrawasih', 'Rajawali', 'Perkutut', 'Kenari', 'Nuri', 'Pelita', 'Harapan', 'Langgar', 'Setia', 'Bina Warga', 'Raya Pasar', 'Kali', 'Sungai', 'Pulo', 'Tanah Tinggi', 'Rawa', 'Bendungan'];

/** Hamlet (dusun/kampung) names for rural addresses. */
export const HAMLETS = ['Krajan', 'Sukamaju', 'Sukamulya', 'Sukasari', 'Mekarsari', 'Margamulya', 'Cibeureum', 'Ciherang', 'Tegalsari', 'Kedungrejo', 'Sidomulyo', 'Sumberejo', 'Karanganyar', 'Ngaglik', 'Wonosari', 'Gunungsari', 'Banjarsari', 'Purwosari', 'Sukorejo', 'Mulyorejo', 'Kebonagung', 'Tanjungsari', 'Rejosari', 'Jatimulyo', 'Pasirjaya', 'Babakan', 'Cikadu', 'Sindangsari', 'Lebaksari', 'Bojong', 'Kampung Baru', 'Kampung Tengah', 'Simpang Tiga', 'Pematang', 'Lubuk', 'Tanjung', 'Padang', 'Talang', 'Sei Rampah', 'Bukit Indah'];
