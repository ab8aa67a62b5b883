import { describe, expect, it } from 'vitest';
import { OCTET_STREAM, refusal, servedMediaType, sniffText } from './media-type.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('text sniffing', () => {
  it('recognises SVG, also behind an XML declaration, a doctype or a comment', () => {
    expect(sniffText(bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBe('image/svg+xml');
    expect(sniffText(bytes('\uFEFF  <?xml version="1.0"?>\n<svg onload="alert(1)"/>'))).toBe('image/svg+xml');
    expect(sniffText(bytes('<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg>'))).toBe('image/svg+xml');
    expect(sniffText(bytes('<!-- made by hand --><svg></svg>'))).toBe('image/svg+xml');
  });

  it('recognises HTML by its opening tag, case-insensitively, and by script anywhere in the sample', () => {
    expect(sniffText(bytes('<!doctype html><title>x</title>'))).toBe('text/html');
    expect(sniffText(bytes('\n\n  <HTML><body>hi'))).toBe('text/html');
    expect(sniffText(bytes('<img src=x onerror=alert(1)>'))).toBe('text/html');
    expect(sniffText(bytes('Dear team,\nsee <script>alert(1)</script>'))).toBe('text/html');
  });

  it('calls other XML XML, and UTF-8 text plain text', () => {
    expect(sniffText(bytes('<?xml version="1.0"?><config/>'))).toBe('application/xml');
    expect(sniffText(bytes('服务器 10.0.0.1 在 09:00 宕机。\nuptime < 5 min'))).toBe('text/plain');
    expect(sniffText(bytes('a,b,c\n1,2,3\n'))).toBe('text/plain');
  });

  it('accepts a sample that ends in the middle of a character', () => {
    const sample = bytes('故障'.repeat(10)).subarray(0, 29);
    expect(sniffText(sample)).toBe('text/plain');
  });

  it('says nothing for binary: NUL bytes, invalid UTF-8 or many control characters', () => {
    expect(sniffText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toBeNull();
    expect(sniffText(new Uint8Array([0xff, 0xfe, 0x41, 0x42]))).toBeNull();
    expect(sniffText(bytes('\u0001\u0002\u0003\u0004 text'))).toBeNull();
  });
});

describe('the type a download is served as', () => {
  it('keeps inert types and adds the charset to text', () => {
    expect(servedMediaType('image/png')).toBe('image/png');
    expect(servedMediaType('application/pdf')).toBe('application/pdf');
    expect(servedMediaType('text/plain')).toBe('text/plain; charset=utf-8');
  });

  it('serves anything that could run in a page, or is unknown, as octet-stream', () => {
    for (const type of ['text/html', 'image/svg+xml', 'application/xml', 'text/javascript', 'application/x-unknown', OCTET_STREAM]) {
      expect(servedMediaType(type)).toBe(OCTET_STREAM);
    }
  });
});

describe('refused uploads', () => {
  it('refuses programs by content, whatever the name', () => {
    expect(refusal('holiday.jpg', 'application/x-msdownload')).toMatch(/program/);
    expect(refusal('tool', 'application/x-elf')).toMatch(/program/);
    expect(refusal('app', 'application/x-mach-binary')).toMatch(/program/);
  });

  it('refuses programs and scripts by their last extension, in any case', () => {
    for (const name of ['setup.EXE', 'report.pdf.exe', 'fix.bat', 'run.cmd', 'x.ps1', 'a.vbs', 'lib.js', 'install.sh', 'setup.msi']) {
      expect(refusal(name, 'text/plain'), name).not.toBeNull();
    }
  });

  it('accepts documents, images and text, including a name that merely contains a program extension', () => {
    expect(refusal('故障截图.png', 'image/png')).toBeNull();
    expect(refusal('notes.exe.txt', 'text/plain')).toBeNull();
    expect(refusal('page.html', 'text/html')).toBeNull();
  });
});
