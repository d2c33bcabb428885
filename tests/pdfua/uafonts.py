"""uafonts: every font the content shows text in (rules group 5): its
program is embedded, it has a /ToUnicode CMap, and every character code
shown maps there to real text.

The strings the content walk collected are cut into codes by the font's
encoding (a simple font: one byte; a Type0 font with Identity-H or -V:
two; any other CMap: by the codespace ranges of its ToUnicode map).  The
ToUnicode CMap is parsed here (codespacerange, bfchar, bfrange in both
forms): pikepdf has no CMap parser.
"""
import re

import pikepdf

TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|\[|\]|/[^\s/<>\[\]()]+|[^\s/<>\[\]()]+")
PRIVATE = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))


class CMap:
    """A ToUnicode CMap: code bytes -> UTF-16BE bytes (None for a target
    that is not a hex string)."""

    def __init__(self, data):
        self.chars = {}
        self.ranges = []          # (lo, hi, length, base bytes or list)
        self.spaces = []          # (lo bytes, hi bytes)
        toks = [t for t in tokens(data)]
        i = 0
        while i < len(toks):
            t = toks[i]
            if t == b"begincodespacerange":
                i = self.pairs(toks, i + 1, b"endcodespacerange", self.space)
            elif t == b"beginbfchar":
                i = self.pairs(toks, i + 1, b"endbfchar", self.bfchar)
            elif t == b"beginbfrange":
                i = self.triples(toks, i + 1)
            else:
                i += 1

    def pairs(self, toks, i, end, take):
        while i + 1 < len(toks) and toks[i] != end:
            take(toks[i], toks[i + 1])
            i += 2
        return i + 1

    def space(self, lo, hi):
        if isinstance(lo, bytes) and isinstance(hi, bytes) and len(lo) == len(hi):
            self.spaces.append((lo, hi))

    def bfchar(self, src, dst):
        if isinstance(src, bytes):
            self.chars[src] = dst if isinstance(dst, bytes) else None

    def triples(self, toks, i):
        while i < len(toks) and toks[i] != b"endbfrange":
            lo, hi = toks[i], toks[i + 1] if i + 1 < len(toks) else None
            if toks[i + 2:i + 3] == [b"["]:
                j = i + 3
                dst = []
                while j < len(toks) and toks[j] != b"]":
                    dst.append(toks[j] if isinstance(toks[j], bytes) else None)
                    j += 1
                i = j + 1
            else:
                dst = toks[i + 2] if i + 2 < len(toks) else None
                i += 3
            if isinstance(lo, bytes) and isinstance(hi, bytes) and len(lo) == len(hi):
                self.ranges.append((int.from_bytes(lo, "big"), int.from_bytes(hi, "big"), len(lo), dst))
        return i + 1

    def lookup(self, code):
        """(found, UTF-16BE bytes or None)."""
        if code in self.chars:
            return True, self.chars[code]
        n = int.from_bytes(code, "big")
        for lo, hi, length, dst in self.ranges:
            if length == len(code) and lo <= n <= hi:
                if isinstance(dst, list):
                    return True, dst[n - lo] if n - lo < len(dst) else None
                if not isinstance(dst, bytes) or not dst:
                    return True, None
                last = int.from_bytes(dst[-2:], "big") + n - lo
                return True, dst[:-2] + (last & 0xFFFF).to_bytes(2, "big")
        return False, None

    def split(self, data):
        """Cuts a string into codes by the codespace ranges (two bytes when
        the map has none)."""
        out, i = [], 0
        while i < len(data):
            size = 2
            for length in (1, 2, 3, 4):
                c = data[i:i + length]
                if any(len(lo) == length and lo <= c <= hi for lo, hi in self.spaces):
                    size = length
                    break
            out.append(data[i:i + size])
            i += size
        return out


def tokens(data):
    data = re.sub(rb"%[^\r\n]*", b"", data)
    for m in TOKEN.finditer(data):
        if m.group(1) is not None:
            hexs = re.sub(rb"\s", b"", m.group(1))
            yield bytes.fromhex((hexs + b"0" * (len(hexs) % 2)).decode())
        else:
            yield m.group(0) if not m.group(0).startswith(b"/") else ("name", m.group(0))


def bad_value(dst):
    """Why a ToUnicode target is not real text, with its Matterhorn
    condition; None when it is."""
    if dst is None or len(dst) == 0 or len(dst) % 2:
        return "maps to no text", "Matterhorn 10-001"
    try:
        text = dst.decode("utf-16-be")
    except UnicodeDecodeError:
        return "maps to broken UTF-16", "Matterhorn 10-001"
    for ch in text:
        c = ord(ch)
        if c == 0:
            return "maps to U+0000", "Matterhorn 31-028"
        if c in (0xFEFF, 0xFFFE):
            return "maps to U+%04X" % c, "Matterhorn 31-029"
        if c == 0xFFFD:
            return "maps to U+FFFD", "Matterhorn 10-001"
        if any(lo <= c <= hi for lo, hi in PRIVATE):
            return "maps to the private use U+%04X" % c, "Matterhorn 10-001"
    return None


def check_fonts(walk, rep):
    fonts = {}                    # key -> (font, first page, {page: [codes]})
    for page, font, data in walk.shown:
        if not isinstance(font, pikepdf.Dictionary):
            rep.fail(page, "font-embedded", "text is shown with no font set (Tf)")
            continue
        k = font.objgen if font.is_indirect else id(font)
        entry = fonts.setdefault(k, (font, page, {}))
        entry[2].setdefault(page, []).append(data)
    for font, first, shown in fonts.values():
        name = str(font.get("/BaseFont", "(no /BaseFont)"))
        if not embedded(font):
            rep.fail(first, "font-embedded", "the font %s is not embedded" % name)
        tu = font.get("/ToUnicode")
        if not isinstance(tu, pikepdf.Stream):
            rep.fail(first, "font-tounicode", "the font %s has no /ToUnicode CMap" % name)
            continue
        cmap = CMap(tu.read_bytes())
        for page, strings in sorted(shown.items()):
            check_codes(font, name, cmap, page, strings, rep)


def check_codes(font, name, cmap, page, strings, rep):
    missing, bad = [], {}
    for data in strings:
        for code in codes(font, cmap, data):
            found, dst = cmap.lookup(code)
            if not found:
                if code not in missing:
                    missing.append(code)
                continue
            why = bad_value(dst)
            if why:
                bad.setdefault(why, [])
                if code not in bad[why]:
                    bad[why].append(code)
    if missing:
        rep.fail(page, "tounicode-code", "%s: %d code%s not in its ToUnicode CMap (%s)"
                 % (name, len(missing), "" if len(missing) == 1 else "s", listing(missing)))
    for (why, ref), cs in bad.items():
        rep.fail(page, "tounicode-value", "%s: %s %s" % (name, listing(cs), why), ref)


def listing(codes):
    shown = " ".join("<%s>" % c.hex().upper() for c in codes[:6])
    return shown + (" ..." if len(codes) > 6 else "")


def codes(font, cmap, data):
    if font.get("/Subtype") != pikepdf.Name.Type0:
        return [data[i:i + 1] for i in range(len(data))]
    if font.get("/Encoding") in (pikepdf.Name("/Identity-H"), pikepdf.Name("/Identity-V")):
        return [data[i:i + 2] for i in range(0, len(data), 2)]
    return cmap.split(data)


def embedded(font):
    sub = font.get("/Subtype")
    if sub == pikepdf.Name.Type3:
        return True               # its glyphs are content streams of the file
    if sub == pikepdf.Name.Type0:
        desc = font.get("/DescendantFonts")
        font = desc[0] if isinstance(desc, pikepdf.Array) and len(desc) else None
        if not isinstance(font, pikepdf.Dictionary):
            return False
    fd = font.get("/FontDescriptor")
    return isinstance(fd, pikepdf.Dictionary) and any(
        isinstance(fd.get(k), pikepdf.Stream) for k in ("/FontFile", "/FontFile2", "/FontFile3"))
