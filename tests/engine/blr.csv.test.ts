import { describe, expect, it } from 'vitest';
import { CSV_MAX_CHARS, CSV_MAX_ROWS, CsvError, parseLabelledCsv } from '../../src/engine/targets/blr/csv';

/** n rows of `d` features (row i, column k holds i + k / 10) and label i % 2, as CSV lines. */
function rows(n: number, d: number, label: (i: number) => string = (i) => String(i % 2)): string[] {
  return Array.from({ length: n }, (_, i) => [...Array.from({ length: d }, (_, k) => String(i + k / 10)), label(i)].join(','));
}
const header = (d: number, last = 'label') => [...Array.from({ length: d }, (_, k) => `f${k + 1}`), last].join(',');
const csv = (...lines: string[]) => lines.join('\n') + '\n';

/** The error message of parsing text (the test fails when it parses). */
function errorOf(text: string): string {
  try {
    parseLabelledCsv(text, { source: 'data.csv' });
  } catch (e) {
    expect(e).toBeInstanceOf(CsvError);
    const msg = (e as Error).message;
    expect(msg).not.toContain('\n');
    return msg;
  }
  throw new Error('parsed without an error');
}

describe('parseLabelledCsv', () => {
  it('reads a header, the features row-major and 0/1 labels from the last column', () => {
    const t = parseLabelledCsv(csv(header(3), ...rows(12, 3)));
    expect(t.hasHeader).toBe(true);
    expect(t.features).toEqual(['f1', 'f2', 'f3']);
    expect([t.rows, t.dim]).toEqual([12, 3]);
    expect(Array.from(t.x.subarray(3, 6))).toEqual([1, 1.1, 1.2]);
    expect(Array.from(t.y.subarray(0, 4))).toEqual([0, 1, 0, 1]);
    expect(t.classes).toEqual(['0', '1']);
    expect(t.notes).toEqual([]);
  });

  it('reads a file without a header, with CRLF line ends, a byte-order mark, blank lines and quoted fields', () => {
    const text = '\ufeff' + rows(10, 2).join('\r\n') + '\r\n\r\n';
    const t = parseLabelledCsv(text);
    expect(t.hasHeader).toBe(false);
    expect(t.features).toEqual(['x1', 'x2']);
    expect(t.rows).toBe(10);
    const quoted = parseLabelledCsv(csv('"a, quoted","b",label', ...rows(10, 2).map((r) => r.replace(/^([^,]*)/, '"$1"'))));
    expect(quoted.features).toEqual(['a, quoted', 'b']);
    expect(quoted.x[2]).toBe(1);
  });

  it("takes the labels from a column named 'label' wherever it is, and reads ; or tab separated files", () => {
    const lines = ['label;a;b', ...Array.from({ length: 10 }, (_, i) => `${i % 2};${i};${2 * i}`)];
    const t = parseLabelledCsv(csv(...lines));
    expect(t.features).toEqual(['a', 'b']);
    expect(Array.from(t.x.subarray(0, 4))).toEqual([0, 0, 1, 2]);
    expect(t.labelColumn).toBe("'label' (column 1)");
    const tab = parseLabelledCsv(csv(...lines.map((l) => l.replaceAll(';', '\t'))));
    expect(Array.from(tab.y)).toEqual(Array.from(t.y));
  });

  it('maps -1/1, 1/2 and two words to 0/1 and says how', () => {
    const pm = parseLabelledCsv(csv(header(2), ...rows(10, 2, (i) => (i % 2 ? '1' : '-1'))));
    expect(Array.from(pm.y.subarray(0, 2))).toEqual([0, 1]);
    expect(pm.notes).toEqual(["labels read as '-1' -> 0 and '1' -> 1 (the smaller number is 0)"]);
    const twelve = parseLabelledCsv(csv(header(2), ...rows(10, 2, (i) => String(2 - (i % 2)))));
    expect(twelve.classes).toEqual(['1', '2']);
    expect(twelve.y[0]).toBe(1);
    const words = parseLabelledCsv(csv(header(2, 'Class'), ...rows(10, 2, (i) => (i % 2 ? 'good' : 'bad'))));
    expect(words.classes).toEqual(['bad', 'good']);
    expect(Array.from(words.y.subarray(0, 2))).toEqual([0, 1]);
    expect(words.notes[0]).toBe("labels read as 'bad' -> 0 and 'good' -> 1 (in alphabetical order)");
  });

  it('refuses labels that are not exactly two classes, and missing labels', () => {
    expect(errorOf(csv(header(2), ...rows(10, 2, (i) => String(i % 3))))).toBe(
      "data.csv: the labels (column 'label' (column 3)) must take exactly two values, found 3 ('0', '1', '2')",
    );
    expect(errorOf(csv(header(2), ...rows(10, 2, () => '1')))).toMatch(/must take exactly two values, found 1 \('1'\)$/);
    const missing = rows(10, 2);
    missing[4] = '4,4.1,';
    expect(errorOf(csv(header(2), ...missing))).toBe("data.csv: line 6 has no label (column 'label' (column 3) is empty)");
    expect(errorOf(csv('a', '1', '2'))).toMatch(/^data\.csv has one column: it needs feature columns and a label column/);
    expect(errorOf(csv(header(2), ...rows(10, 2, (i) => (i === 0 ? '1' : '0'))))).toBe("data.csv: class '1' has 1 row: each class needs at least 2");
  });

  it('names the line and the column of a cell that is not a number', () => {
    const bad = rows(10, 3);
    bad[6] = '6,abc,6.2,0';
    expect(errorOf(csv(header(3), ...bad))).toBe("data.csv: line 8, column 'f2' (column 2): 'abc' is not a number");
    bad[6] = '6,,6.2,0';
    expect(errorOf(csv(header(3), ...bad))).toBe("data.csv: line 8, column 'f2' (column 2): empty cell");
    bad[6] = '6,6.1,Infinity,0';
    expect(errorOf(csv(header(3), ...bad))).toBe("data.csv: line 8, column 'f3' (column 3): 'Infinity' is not a number");
    const noHeader = rows(10, 3);
    noHeader[2] = '2,2.1,NA,0';
    expect(errorOf(csv(...noHeader))).toBe("data.csv: line 3, column 3: 'NA' is not a number");
  });

  it('refuses ragged rows', () => {
    const r = rows(10, 3);
    r[3] = '3,3.1,1';
    expect(errorOf(csv(header(3), ...r))).toBe('data.csv: line 5 has 3 fields, the first line has 4 (every row must have the same number of fields)');
  });

  it('refuses too many or too few feature columns, too few or too many rows, an empty or too big text', () => {
    expect(errorOf(csv(header(101), ...rows(10, 101)))).toBe(
      "data.csv has 101 feature columns: at most 100 (one weight per feature, and the engine's limit is d = 100)",
    );
    expect(parseLabelledCsv(csv(header(100), ...rows(10, 100))).dim).toBe(100);
    expect(errorOf(csv('a,label', ...rows(10, 1)))).toBe('data.csv has 1 feature column: at least 2 are needed');
    expect(errorOf(csv(header(2), ...rows(9, 2)))).toBe('data.csv has 9 data rows: at least 10 are needed');
    expect(errorOf(csv(header(2), ...rows(CSV_MAX_ROWS + 1, 2)))).toBe(`data.csv has ${CSV_MAX_ROWS + 1} data rows: at most ${CSV_MAX_ROWS}`);
    expect(errorOf('\n\n')).toBe('data.csv is empty');
    expect(errorOf('1,0\n'.repeat(CSV_MAX_CHARS / 4 + 1))).toBe('data.csv is too big: 5.0 MB of text (at most 5 MB)');
    expect(errorOf('"a,b,label\n1,2,0\n')).toBe('data.csv: a quoted field opened on line 1 is never closed');
  });
});
