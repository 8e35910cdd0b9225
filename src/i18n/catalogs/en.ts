/**
 * Every label Interim's documents print, in English: the reference catalog. Its keys are the
 * keys of every other language, and its `{{placeholders}}` theirs; the types of `t()` are read
 * from it, so it is written `as const`. A key ending in `_zero`, `_one`, `_other` (or `_many`
 * in the languages that have it) is one form of a plural, chosen by `count`.
 *
 * The G703/G702 names are the AIA's, as the documents print them today; the other languages
 * say what each line means in their own construction and finance practice.
 */
export const en = {
  // The document's heading, and its name inside a sentence (the footer, the PDF's title).
  "title.creditNote": "CREDIT NOTE",
  "title.draftInvoice": "DRAFT INVOICE",
  "title.progressInvoice": "INVOICE",
  "title.advanceInvoice": "ADVANCE INVOICE",
  "title.finalInvoice": "FINAL INVOICE",
  "name.creditNote": "credit note",
  "name.draftInvoice": "draft invoice",
  "name.progressInvoice": "invoice",
  "name.advanceInvoice": "advance invoice",
  "name.finalInvoice": "final invoice",
  "draft.watermark": "DRAFT",
  "draft.status": "Draft: not a valid invoice",

  // The parties.
  "party.from": "From",
  "party.to": "To",
  "party.billTo": "Bill to",
  "party.taxId": "Tax id {{taxId}}",

  // The document's facts beside the parties.
  "fact.number": "Number",
  "fact.date": "Date",
  "fact.dueDate": "Due date",
  "fact.period": "Period",
  "fact.periodRange": "{{start}} to {{end}}",
  "fact.contract": "Contract",
  "fact.purchaseOrder": "Purchase order",
  "fact.currency": "Amounts in",
  "fact.cancels": "Cancels invoice",
  "fact.status": "Status",

  // The G703 continuation sheet: the lines' columns, with the AIA's column letters the summary refers to.
  "g703.id": "Item",
  "g703.description": "Description of work",
  "g703.scheduledValue": "Scheduled value (C)",
  "g703.previouslyCompleted": "From previous application (D)",
  "g703.thisPeriod": "This period (E)",
  "g703.storedMaterials": "Materials presently stored (F)",
  "g703.completedAndStoredToDate": "Completed and stored to date (G)",
  "g703.percentComplete": "% (G ÷ C)",
  "g703.balanceToFinish": "Balance to finish (H)",
  "g703.retention": "Retention (I)",
  "g703.changeOrder": "Change order",
  "g703.taxRate": "Tax rate",
  "g703.totals": "Totals",
  "common.yes": "yes",
  "common.no": "no",

  // Capped (not-to-exceed) lines.
  "capped.heading": "Worked, not billed (capped)",
  "capped.explanation": "Work past a capped line's scheduled value is not billed on this or any later application.",
  "capped.lineNote": "Worked but not billed (capped): {{amount}}.",
  "capped.lineNoteWithHours": "Worked but not billed (capped): {{amount}} for {{hours}} hours.",
  "capped.hoursNotBilled": "Hours not billed (capped)",
  "capped.hoursColumn": "Hours not billed",

  // The G702 summary, by its line numbers.
  "summary.heading": "Application summary (G702)",
  "summary.originalContractSum": "Original contract sum",
  "summary.netChangeByChangeOrders": "Net change by change orders",
  "summary.contractSumToDate": "Contract sum to date (1 + 2)",
  "summary.totalCompletedAndStoredToDate": "Total completed and stored to date (G)",
  "summary.retentionOnCompletedWork": "Retention on completed work",
  "summary.retentionOnStoredMaterials": "Retention on stored materials",
  "summary.retentionReleased": "Retention released",
  "summary.totalRetention": "Total retention",
  "summary.totalEarnedLessRetention": "Total earned less retention (4 − 5)",
  "summary.previousCertificates": "Less previous certificates for payment",
  "summary.advanceRecovery": "Less advance recovery",
  "summary.currentPaymentDue": "Current payment due",
  "summary.balanceToFinishIncludingRetention": "Balance to finish, including retention (3 − 6)",
  "summary.lineReference": "{{label}} (line {{line}})",

  // Tax per rate and the amount due.
  "tax.heading": "Tax and amount due",
  "tax.atRateOn": "Tax at {{rate}} on {{base}}",
  "tax.atRateOnTaxableAmount": "Tax at {{rate}} on the taxable amount",
  "tax.taxableAmountAt": "Taxable amount at {{rate}}",
  "total.due": "Total due ({{currency}})",
  "total.credited": "Total credited ({{currency}})",

  // The credit note, which cancels an invoice in full.
  "credit.workCancelled": "Work billed on {{invoice}}, cancelled",
  "credit.currentPaymentDue": "Current payment due credited",
  "credit.taxLine": "{{label}}, credited",
  "credit.tax": "Tax credited",

  // The advance (down-payment) invoice, and what later invoices deduct for it.
  "advance.payment": "Advance payment",
  "advance.shareOfContract": "{{percent}} of the contract sum of {{amount}}",
  "advance.lessVatInvoiced": "Less VAT already invoiced on the advance at {{rate}}",
  "advance.lessRecovered": "Less advance recovered, net {{net}}, VAT {{tax}} at {{rate}}",
  "advance.recoveredLater": "The advance is deducted from the later invoices as it is recovered, together with the VAT invoiced on it.",

  // The final invoice: the whole contract, less every partial invoice in force (§14(5) UStG).
  "final.contractPrice": "Total contract price",
  "final.totalWithVat": "Total contract price including VAT",
  "final.precedingHeading": "Partial invoices already issued",
  "final.precedingNumber": "Invoice number",
  "final.precedingDate": "Invoice date",
  "final.precedingNet": "Net",
  "final.precedingVatAt": "VAT {{rate}}",
  "final.lessPartialInvoices": "Less partial invoices",
  "final.lessVatInvoiced": "Less VAT already invoiced at {{rate}}",
  "final.balanceDue": "Balance due",
  "final.balance": "Balance",
  "final.retentionWithheld": "Less retention withheld",

  // Payment.
  "payment.terms": "Payment terms: {{terms}}",
  "payment.withinDays_zero": "Payment on receipt of the invoice.",
  "payment.withinDays_one": "Payment within {{count}} day of the invoice date.",
  "payment.withinDays_other": "Payment within {{count}} days of the invoice date.",
  // French law's late-payment mentions (Code de commerce L441-9 I, L441-10 II, D441-5). Only French is printed today, for a French
  // supplier whatever the document's language (decision 0037); this catalog holds a faithful translation all the same.
  "payment.latePaymentPenalties": "Late payment penalties: {{rate}} (article L441-10 of the French Commercial Code).",
  "payment.latePaymentStatutoryRate": "the interest rate applied by the ECB to its most recent refinancing operation, plus 10 percentage points",
  "payment.latePaymentRatePerYear": "{{rate}} a year",
  "payment.latePaymentRecoveryIndemnity": "Fixed compensation for recovery costs: €40 (article D441-5 of the French Commercial Code).",
  "payment.latePaymentNoDiscount": "No discount for early payment.",
  "bank.heading": "Bank details",
  "bank.iban": "IBAN",
  "bank.bic": "BIC",

  // The time appendix: the hours billed this period.
  "time.heading": "Time this period",
  "time.personRole": "Person (role)",
  "time.personRoleThisPeriod": "Time this period: person (role)",
  "time.hours": "Hours",
  "time.rate": "Rate",
  "time.per": "Per",
  "time.perHour": "hour",
  "time.perDay": "day",
  "time.amount": "Amount",
  "time.billedBefore": "Entries billed before, no longer in the timesheet",
  "time.late": "{{person}}, late: dated in a period already billed",
  "time.person": "Person",
  "time.role": "Role",
  "time.lateHeading": "Late",
  "time.total": "Total",

  // Pages.
  "page.continued": "{{title}} {{number}}, continued",
  "page.number": "Page {{page}} of {{pages}}",

  // The CSV's own column headings (the others are the G703 columns above).
  "csv.record": "Record",
  "csv.description": "Description",
  "csv.amount": "Amount",

  // Why no VAT is charged (Directive 2006/112/EC article 226 points 11 and 11a).
  "vat.reverseCharge": "Reverse charge: the customer accounts for the VAT (Article 196, Council Directive 2006/112/EC)",
  // The United Kingdom's domestic reverse charge, which is no longer the directive's.
  "vat.reverseChargeNational": "Reverse charge: customer to account to HMRC for the VAT (VAT Act 1994 section 55A)",
  "vat.zeroRated": "Zero-rated supply",
  "vat.export": "Export outside the EU: VAT exempt (Article 146, Directive 2006/112/EC)",
  "vat.intraCommunitySupply": "Intra-Community supply of goods: VAT exempt (Article 138, Directive 2006/112/EC)",
  // The short reason an e-invoice states for a category without VAT (EN 16931 BT-120), beside its code.
  "vat.reasonReverseCharge": "Reverse charge",
  "vat.reasonExport": "Export outside the EU",
  // The e-invoice's notes for people (BT-22): the application's figures in words, as plain decimals.
  "note.progress": "Interim (progress) application for payment.",
  "note.creditNote": "Credit note cancelling {{invoice}}.",
  "note.finalInvoice": "Final invoice: the whole contract, less the partial invoices in force (listed in the supporting document).",
  "note.advance": "Advance (down-payment) invoice: {{amount}}, {{share}} of the contract sum of {{contractSum}}, with the VAT on it. The progress invoices deduct it as they recover it, together with that VAT.",
  "note.figures": "Contract sum to date {{contractSum}}; completed and stored to date {{completed}}; total retention held {{retention}}; previous certificates {{previous}}; current payment due {{due}}.",
  "note.finalFigures": "Contract price {{price}}, VAT {{tax}}; partial invoices in force net {{precedingNet}}, VAT {{precedingTax}}; this invoice net {{net}}, VAT {{thisTax}}.",
  "note.retentionAdvanceInLines": "Retention does not reduce the taxable amount: the paid amount ({{paid}}) is retention withheld this application net of retention released ({{retention}}). The advance recovered ({{advance}}) is deducted in the lines, with the VAT the advance invoice charged on it.",
  "note.retentionAndAdvance": "Retention and advance recovery do not reduce the taxable amount: the paid amount ({{paid}}) is retention withheld this application net of retention released ({{retention}}) plus advance payment recovered ({{advance}}).",
  "note.earlierInvoices": "Earlier invoices in force: {{invoices}}.",
  "note.line": "Scheduled value {{scheduled}}; completed and stored to date {{completed}} ({{percent}}); this period {{thisPeriod}}.",
  "note.advanceLine": "Advance payment on the contract sum of {{contractSum}}, at {{rate}} VAT; recovered from the progress invoices, which deduct the VAT charged here.",
  "note.adjustmentName": "Materials stored and other changes to the tax base this period, {{rate}}",
  "note.adjustment": "Taxable amount at {{rate}} ({{net}}) less the lines above at that rate ({{work}}).",
  "note.advanceRecoveredLine": "The advance recovered on this invoice at {{rate}}, {{recovered}}: the advance invoice charged its VAT, which is not charged again.",
} as const;
