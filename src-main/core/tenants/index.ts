/** Tenant profiles, their keychain tokens, expiry warnings and the connection test. */
export { defaultDataDir, APP_DIR_NAME } from './data-dir';
export * from './errors';
export {
  expiryWarning,
  unauthorizedAdvice,
  httpStatusOf,
  replaceTokenCommand,
  EXPIRY_WARNING_DAYS,
} from './expiry';
export type { ExpiryWarning } from './expiry';
export { KeychainUnavailableError, OsKeychain, keychainService } from './keychain';
export type { TokenKeychain } from './keychain';
export * from './profile';
export { TenantStore, TenantStoreError, tenantStoreOptions, TENANT_STORE_VERSION } from './store';
export type { TenantStoreData } from './store';
export { TenantService, tokenSchema } from './service';
export type { TenantConnection, TenantServiceOptions } from './service';
export { createTenantService, testTenantConnection } from './connection';
export type { TenantConnectionTest } from './connection';
