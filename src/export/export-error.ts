export type ExportErrorCode = "DRAFT_NOT_EXPORTABLE" | "MISSING_FONTS" | "E_INVOICE_SETTINGS";

/** An export that cannot be made from this invoice; the message says why in plain words. */
export class ExportError extends Error {
  override readonly name = "ExportError";
  constructor(
    readonly code: ExportErrorCode,
    message: string,
  ) {
    super(message);
  }
}
