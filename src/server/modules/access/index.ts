export * from './access.service.ts';
export * from './users.service.ts';
export * from './tokens.service.ts';
export { createCaptchaChallenge, verifyCaptcha } from './captcha.ts';
export { checkPasswordPolicy, logRegionOf } from './actors.ts';
export * from '../../platform/scope.ts';
export { findUserByUsername } from './access.queries.ts';
export { forgetActors } from './actor-cache.ts';
