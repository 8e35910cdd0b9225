import { DOCUMENT_LANGUAGES, parseDocumentLanguage } from "../../src/i18n";

const languageOf = (text: string): string => {
  const outcome = parseDocumentLanguage(text);
  return outcome.ok ? outcome.language : outcome.code;
};

describe("parseDocumentLanguage", () => {
  test.each([
    ["German", "de"], ["Deutsch", "de"], ["de", "de"], ["de-DE", "de"], ["DE_de", "de"], ["  deutsch ", "de"],
    ["English", "en"], ["en", "en"], ["en-GB", "en"], ["en-US", "en"],
    ["French", "fr"], ["Français", "fr"], ["francais", "fr"], ["fr-FR", "fr"],
    ["Spanish", "es"], ["Español", "es"], ["Castellano", "es"], ["es-ES", "es"],
    ["Dutch", "nl"], ["Nederlands", "nl"], ["nl-NL", "nl"],
    ["Italian", "it"], ["Italiano", "it"], ["it-IT", "it"],
  ])("%s is %s", (text, language) => {
    expect(languageOf(text)).toBe(language);
  });

  test("every language by its code", () => {
    expect(DOCUMENT_LANGUAGES.map(languageOf)).toEqual([...DOCUMENT_LANGUAGES]);
  });

  test("another region of a language is refused, with what to type instead", () => {
    expect(parseDocumentLanguage("de-CH")).toEqual({
      ok: false,
      code: "UNSUPPORTED_REGION",
      message: `The document language "de-CH" asks for that region's formats, which Interim does not write: enter "de" for German documents, which follow de-DE.`,
    });
    expect(["fr-BE", "nl-BE", "es-MX", "en-AU", "it-CH"].map(languageOf)).toEqual(Array(5).fill("UNSUPPORTED_REGION"));
  });

  test("anything else is refused, with the languages to choose from", () => {
    expect(parseDocumentLanguage("Klingon")).toEqual({
      ok: false,
      code: "UNKNOWN_DOCUMENT_LANGUAGE",
      message: `"Klingon" is not a language Interim writes documents in: enter English, German, French, Spanish, Dutch, or Italian (or its code: en, de, fr, es, nl, it).`,
    });
    expect(parseDocumentLanguage(" ")).toMatchObject({ ok: false, code: "UNKNOWN_DOCUMENT_LANGUAGE", message: expect.stringMatching(/^The document language is blank: enter English/) });
    expect(["pt", "pt-PT", "German (Germany)", "deu", "d"].map(languageOf)).toEqual(Array(5).fill("UNKNOWN_DOCUMENT_LANGUAGE"));
  });
});
