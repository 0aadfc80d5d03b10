// The newest migration this code expects, for the readiness check (/api/health/ready): a server whose
// database lacks it is running ahead of its schema. migrations.int.test.ts fails when a migration is
// added without moving this.
export const MIGRATION_HEAD = "20261203194000_reminders_digest";
