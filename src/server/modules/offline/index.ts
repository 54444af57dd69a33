export { OFFLINE_DIST, OFFLINE_ZIP_NAME, README_TXT, offlineAppBuilt, offlineAppZip } from './offline.service.ts';
