// One operation per file in reporting-calendar/, what they share in reporting-calendar/shared.ts.
export { getReportingCalendar } from "./reporting-calendar/get-reporting-calendar";
export { getInitiativeLight } from "./reporting-calendar/get-initiative-light";
export { getCalendarSummary } from "./reporting-calendar/get-calendar-summary";
export { type CalendarInitiative, CALENDAR_PAGE_SIZE, type ReportingCalendar, lightsOf, lightOf, type CalendarSummaryCell, type CalendarSummaryDepartment , calendarSelect } from "./reporting-calendar/shared";
