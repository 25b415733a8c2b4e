export { CalendarService } from './service.ts';
