// Public surface of Profil (F4). The Surat Pengesahan (F8) reads districtLetterProfile. The image
// checks every upload route uses live in platform/images.ts.
export {
  districtLetterProfile,
  getDistrictProfile,
  getMyProfile,
  resolvePengesah,
  type DistrictProfile,
  type ImageMeta,
  type Pengesah,
  type UserProfile,
} from './profiles.service.ts';
// The images table is Profil's; the MoU (F5) stores its scans in it too.
export { insertImage } from './profiles.queries.ts';
