// One operation per file in milestones/, what they share in milestones/shared.ts.
export { addMilestone } from "./milestones/add-milestone";
export { setMilestoneDone } from "./milestones/set-milestone-done";
