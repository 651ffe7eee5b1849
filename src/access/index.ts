export * from './access-tables.js';
export * from './access-migrations.js';
export { createAuditAppender, verifyAuditLog, listAudit, type AuditAppender, type AuditEntry, type AuditVerification, type AuditQuery } from './audit-log.js';
export { createAccessService, generatePassword, type AccessService, type PublicUser } from './access-service.js';
export { registerAccessRoutes } from './access-routes.js';
