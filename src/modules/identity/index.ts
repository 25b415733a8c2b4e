export { IdentityService, hashPassword, type PublicUser, type Authenticated } from './service.ts';
export { ROLES, ROLE_LABELS, PERMISSIONS, hasPermission, withinScope, type Role, type Permission } from './domain/roles.ts';
export { seedOrgUnits, seedDemoUsers, DEMO_USERS } from './seed.ts';
export { identityRoutes } from './routes.ts';
export { CustomerService, type CustomerInput } from './customers.ts';
export { customerRoutes } from './customer-routes.ts';
