/** An expected refusal, mapped by each transport to its response (form error, 4xx). */
export class DomainError extends Error {
  constructor(
    public readonly code: "invalid" | "not_found" | "conflict" | "forbidden",
    message: string,
    public readonly fields?: Record<string, string>,
    /**
     * The English wording of this operation's field keys, for the API: a key is only meaningful
     * within its operation ("limit.range" is 1–500 for initiatives, 1–200 for reports and users).
     */
    public readonly messages?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

