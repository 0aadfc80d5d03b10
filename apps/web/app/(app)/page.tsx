import { requireUser } from "@workplan/auth";
import { can } from "@workplan/core/rules/policy";
import { redirect } from "next/navigation";

/** Home: supervisors start on the overview, staff on their plan. */
export default async function Home() {
  const viewer = await requireUser();
  redirect(can(viewer, "dashboard.read") ? "/dashboard" : "/plan");
}
