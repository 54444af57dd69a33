export { databaseMediaStore, type MediaStore, mediaStore, setMediaStore, type StoredMedia } from './media.store.ts';
export * from './media.service.ts';
