export { prepareRelease, findReleaseKey, listOwnReleases, APP_INFO } from './releases.service.ts';
