// Whether a report followed a chase (催辦), as the initiative's chase history says it. Pure.
import { BEIJING_OFFSET_MS, DAY_MS } from "./dates";

/**
 * "onTime": a report came in after the chase and by the end of its reply-by day (Beijing time);
 * "late": one came in, but after that day; "reported": one came in, and no day was asked for;
 * "pending": none has come in since the chase.
 */
export type ChaseFollowUp = "onTime" | "late" | "reported" | "pending";

/**
 * `followedAt`: the first report on the initiative after the chase (null: none yet); `replyBy`: the
 * day asked for, as a DATE column holds it (UTC midnight of that day), or null.
 */
export function chaseFollowUp(followedAt: Date | null, replyBy: Date | null): ChaseFollowUp {
  if (!followedAt) return "pending";
  if (!replyBy) return "reported";
  // The reply-by day ends at midnight Beijing time, 16:00 UTC of that day.
  const deadline = replyBy.getTime() + DAY_MS - BEIJING_OFFSET_MS;
  return followedAt.getTime() < deadline ? "onTime" : "late";
}
