export {
  getOwnMouStatus,
  isMouApproved,
  uploadMou,
  reviewMou,
  listMouQueue,
  approveMouDirectly,
  type MouStatus,
  type MouState,
} from './mou.service.ts';
