// Public surface of Profil (F4). The Surat Pengesahan (F8) reads districtLetterProfile; other
// upload routes may reuse the image checks (processImage, readImageUpload).
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
export { IMAGE_MAX_BYTES, IMAGE_MAX_SIDE, processImage, readImageUpload, sniffImageFormat, type ProcessedImage } from './images.ts';
