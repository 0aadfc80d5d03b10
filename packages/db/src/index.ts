export { prisma, getPrisma, disconnectPrisma, sqlStatementCount } from "./client";
export type { PrismaClientType } from "./client";
export { Prisma } from "./generated/prisma/client";
export type { Role, Health, PlanStatus } from "./generated/prisma/enums";
export type {
  Department,
  User,
  WorkPlan,
  Theme,
  Initiative,
  ProgressUpdate,
  AuditEvent,
} from "./generated/prisma/client";
