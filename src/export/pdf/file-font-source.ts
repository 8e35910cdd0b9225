import { readFile } from "node:fs/promises";
import path from "node:path";
import { FONT_FILES, type FontName, type FontSource } from "./fonts";

/**
 * Fonts read from disk, for the command line and tests. `directories` are searched in order
 * for the font's file name (as the add-in serves it) and for its path inside its npm package,
 * so both a folder of copied assets and a node_modules folder work.
 */
export function fileFontSource(directories: readonly string[]): FontSource {
  return {
    async load(font: FontName) {
      const spec = FONT_FILES[font];
      const candidates = directories.flatMap((dir) => [path.join(dir, spec.file), path.join(dir, spec.package, spec.path)]);
      for (const candidate of candidates) {
        try {
          return new Uint8Array(await readFile(candidate));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        }
      }
      throw new Error(`The font ${spec.file} was not found in ${directories.join(", ")}.`);
    },
  };
}
