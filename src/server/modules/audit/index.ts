export { listAuditLog } from './audit.service.ts';
