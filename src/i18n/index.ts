export { DOCUMENT_LANGUAGE_NAMES, DOCUMENT_LANGUAGES, DOCUMENT_LOCALES, parseDocumentLanguage, type DocumentLanguage, type DocumentLanguageOutcome, type DocumentLanguageProblemCode } from "./document-language";
export { documentText, type DocumentText } from "./document-text";
export { formatDocumentAmount, formatDocumentDate, formatDocumentPercent } from "./document-format";
export { DocumentFormatError, type DocumentFormatErrorCode } from "./document-format-error";
export { PLURAL_CATEGORIES, type CatalogOf, type MessageArgumentsOf, type MessageKey, type MessageKeyOf, type MessageValues, type PluralCategory } from "./catalog";
export { G703_FIELDS, type G703Field, documentName, documentTitle, g703Heading, perLabel, periodLabel, summaryLabel, taxLabel, timeRowLabel, type SummaryLine } from "./document-labels";
export { type LatePaymentNote, type LatePaymentTerms, latePaymentMentions, latePaymentNotes, supplierCountryOf } from "./late-payment";
