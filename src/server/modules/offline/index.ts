export {
  OFFLINE_APP_DOWNLOAD,
  OFFLINE_DIST,
  OFFLINE_ZIP_NAME,
  README_TXT,
  logOfflineAppDownload,
  offlineAppBuilt,
  offlineAppZip,
} from './offline.service.ts';
