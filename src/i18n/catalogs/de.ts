import type { Catalog } from "../catalog";

/**
 * German, as German construction and finance teams write it: VOB/B's Abschlagsrechnung and
 * Schlussrechnung (§16 VOB/B), the Sicherheitseinbehalt (§17 VOB/B), a Nachtrag for a change
 * order, and the invoice facts §14(4) UStG names (Rechnungsnummer, Leistungszeitraum). A
 * cancelling credit note is a Stornorechnung: in German VAT law a Gutschrift is an invoice the
 * buyer issues (§14(2) UStG), not a correction.
 */
export const de = {
  "title.invoice": "RECHNUNG",
  "title.creditNote": "STORNORECHNUNG",
  "title.draftInvoice": "RECHNUNGSENTWURF",
  "title.progressInvoice": "ABSCHLAGSRECHNUNG",
  "title.advanceInvoice": "ANZAHLUNGSRECHNUNG",
  "title.finalInvoice": "SCHLUSSRECHNUNG",
  "name.invoice": "Rechnung",
  "name.creditNote": "Stornorechnung",
  "name.draftInvoice": "Rechnungsentwurf",
  "name.progressInvoice": "Abschlagsrechnung",
  "name.advanceInvoice": "Anzahlungsrechnung",
  "name.finalInvoice": "Schlussrechnung",
  "draft.watermark": "ENTWURF",
  "draft.status": "Entwurf: keine gültige Rechnung",

  "party.from": "Rechnungssteller",
  "party.to": "Rechnungsempfänger",
  "party.billTo": "Rechnungsempfänger",
  "party.taxId": "USt-IdNr. {{taxId}}",

  "fact.number": "Rechnungsnummer",
  "fact.date": "Rechnungsdatum",
  "fact.dueDate": "Fällig am",
  "fact.period": "Leistungszeitraum",
  "fact.periodRange": "{{start}} bis {{end}}",
  "fact.contract": "Vertrag",
  "fact.purchaseOrder": "Bestellnummer",
  "fact.currency": "Beträge in",
  "fact.cancels": "Storniert Rechnung",
  "fact.status": "Status",

  "g703.id": "Pos.",
  "g703.description": "Leistungsbeschreibung",
  "g703.scheduledValue": "Auftragswert (C)",
  "g703.previouslyCompleted": "Bisher abgerechnet (D)",
  "g703.thisPeriod": "Dieser Zeitraum (E)",
  "g703.storedMaterials": "Angelieferte Stoffe und Bauteile (F)",
  "g703.completedAndStoredToDate": "Leistungsstand gesamt (G)",
  "g703.percentComplete": "% (G ÷ C)",
  "g703.balanceToFinish": "Restleistung (H)",
  "g703.retention": "Sicherheitseinbehalt (I)",
  "g703.changeOrder": "Nachtrag",
  "g703.taxRate": "Steuersatz",
  "g703.totals": "Summen",
  "common.yes": "ja",
  "common.no": "nein",

  "capped.heading": "Geleistet, nicht abgerechnet (gedeckelt)",
  "capped.explanation": "Leistungen über den Auftragswert einer gedeckelten Position hinaus werden weder mit dieser noch mit einer späteren Abrechnung berechnet.",
  "capped.lineNote": "Geleistet, aber nicht abgerechnet (gedeckelt): {{amount}}.",

  "summary.heading": "Zusammenstellung der Abrechnung",
  "summary.originalContractSum": "Ursprüngliche Auftragssumme",
  "summary.netChangeByChangeOrders": "Nachträge (Saldo)",
  "summary.contractSumToDate": "Aktuelle Auftragssumme (1 + 2)",
  "summary.totalCompletedAndStoredToDate": "Leistungsstand gesamt (G)",
  "summary.retentionOnCompletedWork": "Sicherheitseinbehalt auf erbrachte Leistungen",
  "summary.retentionOnStoredMaterials": "Sicherheitseinbehalt auf angelieferte Stoffe und Bauteile",
  "summary.retentionReleased": "Freigegebener Sicherheitseinbehalt",
  "summary.totalRetention": "Sicherheitseinbehalt gesamt",
  "summary.totalEarnedLessRetention": "Leistungsstand abzüglich Sicherheitseinbehalt (4 − 5)",
  "summary.previousCertificates": "Abzüglich bisheriger Abschlagsrechnungen",
  "summary.advanceRecovery": "Abzüglich verrechneter Anzahlung",
  "summary.currentPaymentDue": "Fälliger Nettobetrag",
  "summary.balanceToFinishIncludingRetention": "Restauftragswert einschließlich Sicherheitseinbehalt (3 − 6)",
  "summary.lineReference": "{{label}} (Zeile {{line}})",

  "tax.heading": "Umsatzsteuer und Zahlbetrag",
  "tax.atRateOn": "Umsatzsteuer {{rate}} auf {{base}}",
  "tax.atRateOnTaxableAmount": "Umsatzsteuer {{rate}} auf die Bemessungsgrundlage",
  "tax.taxableAmountAt": "Bemessungsgrundlage {{rate}}",
  "total.due": "Gesamtbetrag ({{currency}})",
  "total.credited": "Gesamtbetrag storniert ({{currency}})",

  "credit.workCancelled": "Mit {{invoice}} abgerechnete Leistungen, storniert",
  "credit.currentPaymentDue": "Stornierter Nettobetrag",
  "credit.taxLine": "{{label}}, storniert",
  "credit.tax": "Stornierte Umsatzsteuer",

  "advance.payment": "Anzahlung",
  "advance.shareOfContract": "{{percent}} der Auftragssumme von {{amount}}",
  "advance.lessVatInvoiced": "Abzüglich der auf die Anzahlung bereits berechneten Umsatzsteuer ({{rate}})",

  // §14(5) Satz 2 UStG: the final invoice deducts the payments received before and the tax on them.
  "final.contractPrice": "Gesamtleistung (netto)",
  "final.totalWithVat": "Gesamtleistung einschließlich Umsatzsteuer",
  "final.precedingHeading": "Bereits gestellte Abschlagsrechnungen",
  "final.precedingNumber": "Rechnungsnummer",
  "final.precedingDate": "Rechnungsdatum",
  "final.precedingNet": "Netto",
  "final.precedingVatAt": "USt {{rate}}",
  "final.lessPartialInvoices": "Abzüglich Abschlagsrechnungen",
  "final.lessVatInvoiced": "Abzüglich bereits berechneter Umsatzsteuer ({{rate}})",
  "final.balanceDue": "Restforderung",

  "payment.terms": "Zahlungsbedingungen: {{terms}}",
  "payment.withinDays_zero": "Zahlbar sofort nach Erhalt der Rechnung.",
  "payment.withinDays_one": "Zahlbar innerhalb von {{count}} Tag ab Rechnungsdatum.",
  "payment.withinDays_other": "Zahlbar innerhalb von {{count}} Tagen ab Rechnungsdatum.",
  "bank.heading": "Bankverbindung",
  "bank.iban": "IBAN",
  "bank.bic": "BIC",

  "time.heading": "Stunden in diesem Zeitraum",
  "time.personRole": "Person (Funktion)",
  "time.personRoleThisPeriod": "Stunden in diesem Zeitraum: Person (Funktion)",
  "time.hours": "Stunden",
  "time.rate": "Satz",
  "time.per": "Je",
  "time.perHour": "Stunde",
  "time.perDay": "Tag",
  "time.amount": "Betrag",
  "time.billedBefore": "Bereits abgerechnete Einträge, nicht mehr im Stundennachweis",
  "time.late": "{{person}}, nachgetragen: datiert in einem bereits abgerechneten Zeitraum",

  "page.continued": "{{title}} {{number}}, Fortsetzung",
  "page.number": "Seite {{page}} von {{pages}}",

  "csv.record": "Satzart",
  "csv.description": "Beschreibung",
  "csv.amount": "Betrag",

  // Directive 2006/112/EG Art. 226 Nr. 11a in its German version, and §14a(5) UStG, ask for these words.
  "vat.reverseCharge": "Steuerschuldnerschaft des Leistungsempfängers: der Leistungsempfänger schuldet die Umsatzsteuer (Artikel 196, Richtlinie 2006/112/EG des Rates)",
  "vat.reverseChargeNational": "Steuerschuldnerschaft des Leistungsempfängers (§13b UStG)",
  "vat.zeroRated": "Umsatzsteuer 0\u00a0% (Nullsteuersatz)",
  "vat.export": "Steuerfreie Ausfuhrlieferung (§4 Nr. 1 Buchst. a, §6 UStG; Artikel 146, Richtlinie 2006/112/EG)",
  "vat.intraCommunitySupply": "Steuerfreie innergemeinschaftliche Lieferung (§4 Nr. 1 Buchst. b, §6a UStG; Artikel 138, Richtlinie 2006/112/EG)",
} satisfies Catalog;
