// One operation per file in chase/, what they share in chase/shared.ts.
export { chaseInitiative } from "./chase/chase-initiative";
export { chaseDepartment } from "./chase/chase-department";
export { type ChaseContext } from "./chase/shared";
