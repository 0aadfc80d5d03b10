// The review queue (待审核): reports awaiting the viewer's review, a page at a time, newest or oldest
// first, narrowed by reporting department, initiative, month or author. The count is the true one:
// without a month or author filter it is read from the stored backlog (review_backlog, kept by a
// trigger), so it costs the same at 100 or 150,000 reports awaiting review.
// One operation per file in review-queue/, what they share in review-queue/shared.ts.
export { getReviewQueuePage } from "./review-queue/get-review-queue-page";
export { listReviewQueue } from "./review-queue/list-review-queue";
export { REVIEW_PAGE_SIZE, reviewQueueQuerySchema, type ReviewQueueQuery, type ReviewQueueItem, type ReviewQueuePage } from "./review-queue/shared";
