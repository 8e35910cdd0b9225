export type DocumentFormatErrorCode = "NOT_A_DATE" | "NOT_A_DECIMAL" | "NOT_WHOLE_IN_MINOR_UNITS";

/** A value the document formatters were given that is not what the core produces: a defect in the caller, never a person's typo. */
export class DocumentFormatError extends Error {
  override readonly name = "DocumentFormatError";
  constructor(
    readonly code: DocumentFormatErrorCode,
    message: string,
  ) {
    super(message);
  }
}
