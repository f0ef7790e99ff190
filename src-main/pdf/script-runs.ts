// Splits text into runs of one script so each run is set in a font that has its glyphs (pdfkit has no font fallback).

export type Script = 'latin' | 'devanagari';

export interface ScriptRun {
  text: string;
  script: Script;
}

/** Devanagari, Devanagari Extended and Vedic Extensions. */
function isDevanagari(cp: number): boolean {
  return (cp >= 0x0900 && cp <= 0x097f) || (cp >= 0xa8e0 && cp <= 0xa8ff) || (cp >= 0x1cd0 && cp <= 0x1cff);
}

/** Characters that belong to whatever run they stand in: spaces, joiners, and combining marks after a letter. */
function isNeutral(cp: number): boolean {
  return cp === 0x20 || cp === 0xa0 || cp === 0x200c || cp === 0x200d || (cp >= 0x0300 && cp <= 0x036f);
}

/**
 * Text ready to set: NFC (so "Wójcik" typed with a combining accent prints the precomposed letter), tabs as spaces,
 * other control characters dropped.
 */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\t/g, ' ').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '');
}

/** Runs of one script, in order; neutral characters join the run they stand in (leading ones the first run). */
export function scriptRuns(text: string): ScriptRun[] {
  const runs: ScriptRun[] = [];
  let pending = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (isNeutral(cp)) {
      if (runs.length > 0) runs[runs.length - 1].text += ch;
      else pending += ch;
      continue;
    }
    const script: Script = isDevanagari(cp) ? 'devanagari' : 'latin';
    const last = runs[runs.length - 1];
    if (last && last.script === script) {
      last.text += ch;
    } else {
      runs.push({ text: pending + ch, script });
      pending = '';
    }
  }
  if (pending) runs.push({ text: pending, script: 'latin' });
  // A space between two runs of different scripts is set in the Latin font, so a Devanagari run never ends in one.
  for (let i = 0; i < runs.length - 1; i++) {
    const m = /[ \u00a0]+$/.exec(runs[i].text);
    if (m && runs[i].script === 'devanagari' && runs[i + 1].script === 'latin') {
      runs[i].text = runs[i].text.slice(0, m.index);
      runs[i + 1].text = m[0] + runs[i + 1].text;
    }
  }
  return runs.filter((r) => r.text.length > 0);
}
