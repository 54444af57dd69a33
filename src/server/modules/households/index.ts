export * from './households.service.ts';
