// One operation per file in notifications/, what they share in notifications/shared.ts.
export { unreadNotificationCount } from "./notifications/unread-notification-count";
export { listNotifications } from "./notifications/list-notifications";
export { markNotificationsRead } from "./notifications/mark-notifications-read";
