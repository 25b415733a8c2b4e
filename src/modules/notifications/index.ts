export { NotificationService, DELIVER_QUEUE, type SmsCommand } from './service.ts';
export type { TemplateKey } from './domain/templates.ts';
