import { unknownResource } from "@/lib/api";

// Any path under /api/v1 that is no resource (the resources' own routes are more specific and win):
// 404 with the JSON error shape for every method, never the HTML page.

export const GET = unknownResource;
export const HEAD = unknownResource;
export const POST = unknownResource;
export const PUT = unknownResource;
export const PATCH = unknownResource;
export const DELETE = unknownResource;
export const OPTIONS = unknownResource;
