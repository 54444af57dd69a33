export {
  getOwnMouStatus,
  isMouApproved,
  uploadMou,
  reviewMou,
  listMouQueue,
  uploadMouFor,
  type MouStatus,
  type MouState,
} from './mou.service.ts';
