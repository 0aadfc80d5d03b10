/** An expected refusal, mapped by each transport to its response (form error, 4xx). */
export class DomainError extends Error {
  constructor(
    public readonly code: "invalid" | "not_found" | "conflict" | "forbidden",
    message: string,
    public readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

