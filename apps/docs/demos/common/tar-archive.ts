/**
 * A POSIX ustar archive of text or binary files, so the hardware demo can offer its Verilog,
 * hex and XDC files as one download. About 40 lines written out here instead of a zip library
 * in the page: a tar header is a fixed 512-byte record (name, octal size, checksum), and every
 * `tar` reads it.
 *
 * @param files - File name (≤ 100 bytes of UTF-8, no leading `/`) → contents.
 * @param folder - Optional folder every file is put in (e.g. `iris_vae`).
 * @returns The archive bytes (a multiple of 512, ending with two zero records).
 * @throws {RangeError} for a name longer than 100 bytes or an absolute path.
 */
export function tarArchive(
  files: Record<string, string | Uint8Array>,
  folder?: string,
): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const octal = (v: number, len: number) => `${v.toString(8).padStart(len - 1, '0')}\0`;
  for (const [name, content] of Object.entries(files)) {
    const path = folder ? `${folder}/${name}` : name;
    const nameBytes = enc.encode(path);
    if (nameBytes.length > 100 || path.startsWith('/')) {
      throw new RangeError(`tar: '${path}' must be a relative name of at most 100 bytes`);
    }
    const data = typeof content === 'string' ? enc.encode(content) : content;
    const header = new Uint8Array(512);
    header.set(nameBytes, 0);
    header.set(enc.encode(octal(0o644, 8)), 100); // mode
    header.set(enc.encode(octal(0, 8)), 108); // uid
    header.set(enc.encode(octal(0, 8)), 116); // gid
    header.set(enc.encode(octal(data.length, 12)), 124); // size
    header.set(enc.encode(octal(0, 12)), 136); // mtime: fixed, so the archive is reproducible
    header.fill(0x20, 148, 156); // checksum field counts as spaces
    header[156] = 0x30; // typeflag '0': regular file
    header.set(enc.encode('ustar\0'), 257);
    header.set(enc.encode('00'), 263);
    let sum = 0;
    for (const b of header) sum += b;
    header.set(enc.encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
    parts.push(header, data);
    const pad = (512 - (data.length % 512)) % 512;
    if (pad > 0) parts.push(new Uint8Array(pad));
  }
  parts.push(new Uint8Array(1024));
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
