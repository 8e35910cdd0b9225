/** Graphemes as a reader sees them: an emoji with its modifiers or ZWJ partners, a letter with its marks. */
const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: "grapheme" });
/** Chinese and Japanese put no spaces between words: a line may end between any two of these. */
const IDEOGRAPHIC = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const ENDS_WITH_SPACE = /\s$/u;
const TRAILING_SPACE = /\s+$/u;

/** A piece of text no line may end inside (unless it is wider than the line by itself), with its trailing spaces. */
interface Segment {
  graphemes: string[];
  /** The width of the text without its trailing spaces, then of the spaces. */
  inkWidth: number;
  spaceWidth: number;
}

/**
 * One paragraph in lines no wider than `width`, greedily, each line ending at the last place
 * it may: after a space, or between two ideographs. A piece wider than a whole line is broken
 * between graphemes, never inside a surrogate pair or a cluster. `measure` is called once per
 * piece and, for a piece that must be broken, once per grapheme: the work grows linearly with
 * the text, however long and unbroken (widths of consecutive pieces are added, not re-measured).
 * Spaces that end a line are dropped.
 */
export function breakLines(paragraph: string, width: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let line = "";
  let lineWidth = 0;
  for (const segment of segmentsOf(paragraph, measure)) {
    if (line !== "" && segment.inkWidth > 0 && lineWidth + segment.inkWidth > width) {
      lines.push(line.replace(TRAILING_SPACE, ""));
      line = "";
      lineWidth = 0;
    }
    if (line === "" && segment.inkWidth > width) {
      const rest = splitWide(segment, width, measure, lines);
      line = rest.text;
      lineWidth = rest.width;
    } else {
      line += segment.graphemes.join("");
      lineWidth += segment.inkWidth + segment.spaceWidth;
    }
  }
  lines.push(line.replace(TRAILING_SPACE, ""));
  return lines;
}

function segmentsOf(paragraph: string, measure: (text: string) => number): Segment[] {
  const pieces: string[][] = [];
  let current: string[] = [];
  let previous = "";
  for (const { segment: grapheme } of GRAPHEMES.segment(paragraph)) {
    if (current.length > 0 && IDEOGRAPHIC.test(previous) && IDEOGRAPHIC.test(grapheme)) {
      pieces.push(current);
      current = [];
    }
    current.push(grapheme);
    previous = grapheme;
    if (ENDS_WITH_SPACE.test(grapheme)) {
      pieces.push(current);
      current = [];
    }
  }
  if (current.length > 0) pieces.push(current);
  return pieces.map((graphemes) => {
    const text = graphemes.join("");
    const ink = text.replace(TRAILING_SPACE, "");
    const spaces = text.slice(ink.length);
    return { graphemes, inkWidth: ink === "" ? 0 : measure(ink), spaceWidth: spaces === "" ? 0 : measure(spaces) };
  });
}

/**
 * Lines of a piece wider than a line, broken between graphemes (at least one a line), pushed
 * onto `lines`; returns what is left, to start the next line with.
 */
function splitWide(segment: Segment, width: number, measure: (text: string) => number, lines: string[]): { text: string; width: number } {
  let line = "";
  let lineWidth = 0;
  for (const grapheme of segment.graphemes) {
    if (ENDS_WITH_SPACE.test(grapheme)) {
      line += grapheme;
      continue;
    }
    const graphemeWidth = measure(grapheme);
    if (line !== "" && lineWidth + graphemeWidth > width) {
      lines.push(line);
      line = "";
      lineWidth = 0;
    }
    line += grapheme;
    lineWidth += graphemeWidth;
  }
  return { text: line, width: lineWidth + segment.spaceWidth };
}
