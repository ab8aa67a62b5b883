import { describe, expect, it } from 'vitest';
import { extensionOf, sanitiseFileName } from './file-name.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('file name sanitising', () => {
  it('keeps only the last path segment, whichever separator the client used', () => {
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFileName('..\\..\\Windows\\win.ini')).toBe('win.ini');
    expect(sanitiseFileName('C:\\Users\\张三\\Desktop\\报告.docx')).toBe('报告.docx');
    expect(sanitiseFileName('/')).toBe('attachment');
  });

  it('removes control, bidi and zero-width characters that disguise a name', () => {
    expect(sanitiseFileName('invoice\u202Egpj.exe')).toBe('invoicegpj.exe');
    expect(sanitiseFileName('a\u0000b\u0007c\r\n.txt')).toBe('abc.txt');
    expect(sanitiseFileName('re\u200Bport\u2066.pdf\uFEFF')).toBe('report.pdf');
    expect(sanitiseFileName('x\u0085y.txt')).toBe('xy.txt');
  });

  it('replaces characters Windows refuses and collapses white space', () => {
    expect(sanitiseFileName('a<b>c:d"e|f?g*h.txt')).toBe('a_b_c_d_e_f_g_h.txt');
    expect(sanitiseFileName('two   words\t.txt')).toBe('two words.txt');
  });

  it('drops leading dots and trailing dots and spaces', () => {
    expect(sanitiseFileName('.htaccess')).toBe('htaccess');
    expect(sanitiseFileName('report.pdf. . ')).toBe('report.pdf');
    expect(sanitiseFileName('notes .txt')).toBe('notes.txt');
  });

  it('defuses reserved Windows device names, with or without an extension', () => {
    expect(sanitiseFileName('CON')).toBe('_CON');
    expect(sanitiseFileName('nul.txt')).toBe('_nul.txt');
    expect(sanitiseFileName('com1.tar.gz')).toBe('_com1.tar.gz');
    expect(sanitiseFileName('console.txt')).toBe('console.txt');
  });

  it('keeps Chinese and normalises to NFC', () => {
    expect(sanitiseFileName('故障截图.png')).toBe('故障截图.png');
    expect(sanitiseFileName('Cafe\u0301.txt')).toBe('Café.txt');
  });

  it('is never empty', () => {
    for (const raw of ['', '   ', '...', '\u202E', '..\\..\\', '.png']) expect(sanitiseFileName(raw)).not.toBe('');
    expect(sanitiseFileName('')).toBe('attachment');
    expect(sanitiseFileName('\u202E.png')).toBe('png');
  });

  it('cuts long names to the byte limit keeping the extension and whole characters', () => {
    const long = `${'故'.repeat(200)}.xlsx`;
    const cut = sanitiseFileName(long);
    expect(bytes(cut)).toBeLessThanOrEqual(240);
    expect(cut.endsWith('.xlsx')).toBe(true);
    expect(cut).toBe(`${'故'.repeat(78)}.xlsx`);
    expect(sanitiseFileName(`${'a'.repeat(300)}.pdf`, 20)).toBe(`${'a'.repeat(16)}.pdf`);
  });

  it('reads the extension as a dot and up to 16 letters or digits', () => {
    expect(extensionOf('a.tar.GZ')).toBe('.gz');
    expect(extensionOf('noext')).toBe('');
    expect(extensionOf('weird.ext-with-dash')).toBe('');
    expect(extensionOf('报告.文档')).toBe('.文档');
  });
});
