import { AFRelationship, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import type { IssuedInvoice } from "../../core";
import { toCii } from "../cii/cii-writer";
import type { Exporter } from "../exporter";
import { pdfExporter } from "../pdf/pdf-exporter";
import { escapeText } from "../ubl/xml-writer";
import { srgbIccProfile } from "./srgb-icc";

/** The name Factur-X 1.0 gives the embedded invoice, and the XMP names again. */
export const FACTURX_FILE_NAME = "factur-x.xml";
/** The Factur-X profile of an EN 16931 invoice without a CIUS (ZUGFeRD's COMFORT). */
export const FACTURX_CONFORMANCE_LEVEL = "EN 16931";
const FX_NAMESPACE = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#";

/**
 * The invoice PDF with its EN 16931 e-invoice inside: Factur-X 1.0 (ZUGFeRD 2.x), profile
 * EN 16931. The pages are the ordinary invoice PDF's; the CII XML is attached as factur-x.xml
 * (AFRelationship Alternative: the XML and the pages are the same invoice), and the document
 * declares itself PDF/A-3B with the Factur-X XMP properties and an sRGB output intent.
 * Why, and what is and is not checked: docs/decisions/0030-factur-x.md.
 */
export const facturxExporter: Exporter = {
  format: "facturx",
  mimeType: "application/pdf",
  // Beside the plain PDF of the same invoice: INV-0001.facturx.pdf.
  extension: "facturx.pdf",
  async generate(invoice, options) {
    // The XML first: a draft or a contract the e-invoice cannot state is refused before any PDF is made.
    const xml = new TextEncoder().encode(toCii(invoice));
    return toFacturX(await pdfExporter.generate(invoice, options), xml, invoice);
  },
};

async function toFacturX(pdf: Uint8Array, xml: Uint8Array<ArrayBuffer>, invoice: IssuedInvoice): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  // The invoice date, not the clock: the same invoice always makes the same file.
  const date = new Date(`${invoice.invoiceDate}T00:00:00Z`);
  await doc.attach(xml, FACTURX_FILE_NAME, {
    mimeType: "text/xml",
    description: `Factur-X ${FACTURX_CONFORMANCE_LEVEL} invoice ${invoice.number}`,
    creationDate: date,
    modificationDate: date,
    afRelationship: AFRelationship.Alternative,
  });
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  const { context, catalog } = doc;
  const metadata = context.stream(new TextEncoder().encode(xmpOf(doc, date)), { Type: "Metadata", Subtype: "XML" });
  catalog.set(PDFName.of("Metadata"), context.register(metadata));
  const profile = context.flateStream(srgbIccProfile(), { N: 3 });
  catalog.set(PDFName.of("OutputIntents"), context.obj([
    context.obj({
      Type: "OutputIntent",
      S: "GTS_PDFA1",
      OutputConditionIdentifier: PDFString.of("sRGB IEC61966-2.1"),
      Info: PDFString.of("sRGB IEC61966-2.1"),
      DestOutputProfile: context.register(profile),
    }),
  ]));
  // PDF/A wants a file identifier; one made from the embedded invoice is the same on every export of it.
  const id = PDFHexString.of(await fingerprint(xml));
  context.trailerInfo.ID = context.obj([id, id]);
  return doc.save();
}

async function fingerprint(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest.slice(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The XMP metadata: PDF/A-3B identification, the document information as the Info dictionary
 * holds it (PDF/A wants the two to agree), the Factur-X properties, and the PDF/A extension
 * schema that declares them.
 */
function xmpOf(doc: PDFDocument, date: Date): string {
  const x = (value: string | undefined): string => escapeText(value ?? "");
  const when = date.toISOString().replace(/\.\d{3}Z$/, "Z");
  const property = (name: string, description: string): string => `
            <rdf:li rdf:parseType="Resource">
              <pdfaProperty:name>${name}</pdfaProperty:name>
              <pdfaProperty:valueType>Text</pdfaProperty:valueType>
              <pdfaProperty:category>external</pdfaProperty:category>
              <pdfaProperty:description>${description}</pdfaProperty:description>
            </rdf:li>`;
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
      <pdfaid:part>3</pdfaid:part>
      <pdfaid:conformance>B</pdfaid:conformance>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <dc:format>application/pdf</dc:format>
      <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${x(doc.getTitle())}</rdf:li></rdf:Alt></dc:title>
      <dc:creator><rdf:Seq><rdf:li>${x(doc.getAuthor())}</rdf:li></rdf:Seq></dc:creator>
      <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${x(doc.getSubject())}</rdf:li></rdf:Alt></dc:description>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
      <pdf:Producer>${x(doc.getProducer())}</pdf:Producer>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
      <xmp:CreatorTool>${x(doc.getCreator())}</xmp:CreatorTool>
      <xmp:CreateDate>${when}</xmp:CreateDate>
      <xmp:ModifyDate>${when}</xmp:ModifyDate>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:fx="${FX_NAMESPACE}">
      <fx:DocumentType>INVOICE</fx:DocumentType>
      <fx:DocumentFileName>${FACTURX_FILE_NAME}</fx:DocumentFileName>
      <fx:Version>1.0</fx:Version>
      <fx:ConformanceLevel>${FACTURX_CONFORMANCE_LEVEL}</fx:ConformanceLevel>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
      <pdfaExtension:schemas>
        <rdf:Bag>
          <rdf:li rdf:parseType="Resource">
            <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
            <pdfaSchema:namespaceURI>${FX_NAMESPACE}</pdfaSchema:namespaceURI>
            <pdfaSchema:prefix>fx</pdfaSchema:prefix>
            <pdfaSchema:property>
              <rdf:Seq>${property("DocumentFileName", "The name of the embedded XML document")}${property("DocumentType", "The type of the hybrid document in capital letters, e.g. INVOICE or ORDER")}${property("Version", "The actual version of the standard applying to the embedded XML document")}${property("ConformanceLevel", "The conformance level of the embedded XML document")}
              </rdf:Seq>
            </pdfaSchema:property>
          </rdf:li>
        </rdf:Bag>
      </pdfaExtension:schemas>
    </rdf:Description>
  </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}
