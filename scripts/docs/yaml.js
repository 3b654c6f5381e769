'use strict';
// A deterministic YAML writer for the plain data the rule generators build (objects, arrays,
// strings, numbers, booleans). Strings that are not obviously plain are written as JSON strings,
// which YAML reads as double-quoted scalars.

const PLAIN = /^[A-Za-z_][A-Za-z0-9_.:/ -]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

function scalar(v) {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`yaml: cannot write ${v}`);
    return String(v);
  }
  if (typeof v === 'boolean') return String(v);
  if (typeof v !== 'string') throw new Error(`yaml: unsupported value ${typeof v}`);
  return PLAIN.test(v) && !RESERVED.test(v) && !/ $/.test(v) && !/: /.test(v) ? v : JSON.stringify(v);
}

function isEmpty(v) {
  return (
    (Array.isArray(v) && v.length === 0) ||
    (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0)
  );
}

function emptyOf(v) {
  return Array.isArray(v) ? '[]' : '{}';
}

function write(v, indent, lines) {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    for (const item of v) {
      if (item !== null && typeof item === 'object' && !isEmpty(item)) {
        const sub = [];
        write(item, indent + 2, sub);
        sub[0] = `${pad}- ${sub[0].slice(indent + 2)}`;
        lines.push(...sub);
      } else {
        lines.push(`${pad}- ${isEmpty(item) ? emptyOf(item) : scalar(item)}`);
      }
    }
    return;
  }
  for (const [k, val] of Object.entries(v)) {
    if (val === undefined) continue;
    if (val !== null && typeof val === 'object' && !isEmpty(val)) {
      lines.push(`${pad}${scalar(k)}:`);
      write(val, Array.isArray(val) ? indent + 2 : indent + 2, lines);
    } else {
      lines.push(`${pad}${scalar(k)}: ${isEmpty(val) ? emptyOf(val) : scalar(val)}`);
    }
  }
}

/** @param {object} doc @param {string} [header] comment lines @returns {string} */
function toYaml(doc, header = '') {
  const lines = header ? header.split('\n').map((l) => `# ${l}`.trimEnd()) : [];
  write(doc, 0, lines);
  return `${lines.join('\n')}\n`;
}

module.exports = { toYaml };
