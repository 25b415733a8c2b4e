/** The usage module's public API: the module object, its routes, metrics and period arithmetic. */
export { createUsage, type UsageService } from './module.ts';
export { usageRoutes } from './routes.ts';
export { metricsOfProduct } from './domain/metrics.ts';
export { isPeriod, periodDates, periodEnd, periodOf, previousPeriod } from './domain/period.ts';
export { usageError } from './errors.ts';
