/** One sample line: `name{labels} value`. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface ParsedFamily {
  readonly name: string;
  type: string;
  help: string;
  readonly samples: Sample[];
}

/**
 * Parses the Prometheus text format (0.0.4) into families keyed by name. Samples are attached to
 * the family whose name they extend (`x_bucket`, `x_sum`, `x_count`, `x_total`... only when a
 * `# TYPE x` line declared it). Throws on a malformed line, naming it: the checker and the tests
 * need to know the exposition is broken, not get a partial answer.
 */
export function parseExposition(text: string): Map<string, ParsedFamily> {
  const families = new Map<string, ParsedFamily>();
  const family = (name: string): ParsedFamily => {
    let f = families.get(name);
    if (!f) families.set(name, (f = { name, type: 'untyped', help: '', samples: [] }));
    return f;
  };
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line === '') return;
    if (line.startsWith('#')) {
      // Blanks and tabs around the keyword and the name are skipped, as Prometheus's own parser
      // (expfmt.TextParser) skips them. One difference, on purpose: the HELP text is kept from the
      // first character after the one separating blank, where expfmt drops every leading blank.
      // One of Teleport's own HELP texts (a kube metric) begins with a space, and the checks of our
      // byte-exact exposition compare HELP with the catalog.
      const m = /^#[ \t]*(HELP|TYPE)[ \t]+([a-zA-Z_:][a-zA-Z0-9_:]*)(?:[ \t](.*))?$/.exec(line);
      if (!m) return; // other comments are allowed
      const f = family(m[2]!);
      if (m[1] === 'TYPE') f.type = (m[3] ?? '').trim();
      else f.help = unescapeHelp(m[3] ?? '');
      return;
    }
    const s = parseSample(line, i + 1);
    family(owner(families, s.name)).samples.push(s);
  });
  return families;
}

const SUFFIXES: Record<string, readonly string[]> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['_sum', '_count'],
};

/** The family a sample belongs to: its own name's, or the histogram's or summary's it is a suffix of. */
function owner(families: Map<string, ParsedFamily>, sample: string): string {
  if (families.has(sample)) return sample;
  // Each suffix is `_` and a word, so the only family it can extend is the name before the last
  // `_`: one lookup, where trying every family made a whole catalog's exposition (~300 families,
  // as `check` parses) quadratic. Without a `_` the cut keeps a last letter, which no suffix is.
  const cut = sample.lastIndexOf('_');
  const f = families.get(sample.slice(0, cut));
  return f !== undefined && SUFFIXES[f.type]?.includes(sample.slice(cut)) ? f.name : sample;
}

function parseSample(line: string, lineNo: number): Sample {
  // `s`: a label value may hold \r, U+2028 and U+2029, which `.` would not match otherwise.
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)(?:\s+(-?\d+))?$/s.exec(line);
  if (!m) throw new Error(`line ${lineNo}: not a sample: ${JSON.stringify(line.slice(0, 120))}`);
  return { name: m[1]!, labels: m[2] ? parseLabels(m[2], lineNo) : {}, value: parseValue(m[3]!, lineNo) };
}

function parseLabels(block: string, lineNo: number): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 1;
  while (i < block.length - 1) {
    const nm = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(block.slice(i));
    if (!nm) throw new Error(`line ${lineNo}: bad label at ${JSON.stringify(block.slice(i, i + 40))}`);
    i += nm[0].length;
    // Runs between escapes are taken as substrings: appending char by char would build a rope
    // of one node per character (~128 KiB for a 4 KiB label value).
    let v = '';
    let run = i;
    for (;;) {
      const c = block.charCodeAt(i);
      if (Number.isNaN(c)) throw new Error(`line ${lineNo}: unterminated label value`);
      if (c === 0x22 /* " */) {
        v += block.slice(run, i++);
        break;
      }
      if (c === 0x5c /* \\ */) {
        v += block.slice(run, i);
        const e = block[i + 1];
        v += e === 'n' ? '\n' : e === '\\' ? '\\' : e === '"' ? '"' : `\\${e ?? ''}`;
        i += 2;
        run = i;
      } else i++;
    }
    // Own properties only: a label may be named `__proto__` or `constructor` (Prometheus allows
    // both), and neither `in` nor plain assignment would treat such a name as an ordinary key.
    if (Object.hasOwn(out, nm[1]!)) throw new Error(`line ${lineNo}: duplicate label ${nm[1]}`);
    Object.defineProperty(out, nm[1]!, { value: v, enumerable: true, writable: true, configurable: true });
    // A pair ends at a comma or at the block's closing brace, as in expfmt (`a="1"b="2"` is an error there).
    if (block[i] === ',') i++;
    else if (i < block.length - 1) throw new Error(`line ${lineNo}: no comma after label ${nm[1]}`);
  }
  return out;
}

function parseValue(s: string, lineNo: number): number {
  if (s === '+Inf' || s === 'Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  if (s === 'NaN') return NaN;
  const v = Number(s);
  if (Number.isNaN(v)) throw new Error(`line ${lineNo}: bad value ${JSON.stringify(s)}`);
  return v;
}

function unescapeHelp(s: string): string {
  return s.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}
