#!/bin/sh
# Makes the pictures of the image tests (committed; run again only to
# change them), with nothing but what tools/setup.sh installs: Debian's
# python3 (zlib, struct) writes the PNGs byte by byte, and pdftoppm
# (poppler-utils) turns a one-page PDF written the same way into a JPEG.
#
#   fixture/templates/images/logo.png   320 x 120, RGB, 8-bit: a navy bar
#                                       and a red square on white
#   fixture/templates/photo.jpg         baseline JPEG, RGB, 240 x 160
#   bad/deep.png                        16 bits per channel (refused)
#   bad/interlaced.png                  Adam7 interlaced (refused)
#   bad/cut.png                         logo.png cut short (corrupt)
set -eu
cd "$(dirname "$0")"
mkdir -p fixture/templates/images bad
/usr/bin/python3 - <<'PY'
import struct, zlib

def chunk(kind, data):
    c = struct.pack('>I', len(data)) + kind + data
    return c + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)

def png(w, h, depth, raw, interlace=0):
    ihdr = struct.pack('>IIBBBBB', w, h, depth, 2, 0, 0, interlace)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) +
            chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))

W, H = 320, 120
def colour(x, y):
    if y < 24:
        return (0x1f, 0x3a, 0x68)          # the navy bar
    if 40 <= y < 104 and 128 <= x < 192:
        return (0xd0, 0x30, 0x30)          # the red square
    return (0xff, 0xff, 0xff)

def rows(pixel, w, h, ys=None, xs=None):
    out = b''
    for y in (ys if ys is not None else range(h)):
        out += b'\x00' + b''.join(pixel(x, y) for x in (xs if xs is not None else range(w)))
    return out

rgb8 = lambda x, y: bytes(colour(x, y))
logo = png(W, H, 8, rows(rgb8, W, H))
open('fixture/templates/images/logo.png', 'wb').write(logo)
open('bad/cut.png', 'wb').write(logo[:len(logo) // 2])
rgb16 = lambda x, y: struct.pack('>HHH', *[v * 257 for v in colour(x, y)])
open('bad/deep.png', 'wb').write(png(32, 12, 16, rows(rgb16, 32, 12)))
passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4),
          (1, 0, 2, 2), (0, 1, 1, 2)]
raw = b''
for x0, y0, dx, dy in passes:
    xs, ys = range(x0, 32, dx), range(y0, 12, dy)
    if len(xs) and len(ys):
        raw += rows(rgb8, 32, 12, ys, xs)
open('bad/interlaced.png', 'wb').write(png(32, 12, 8, raw, 1))

# a 240 x 160 pt page: green sky over a brown field, drawn as two
# rectangles, for pdftoppm to rasterise at 72 dpi into the JPEG
content = b'0.3 0.6 0.9 rg 0 60 240 100 re f 0.55 0.4 0.2 rg 0 0 240 60 re f'
objs = [b'<< /Type /Catalog /Pages 2 0 R >>',
        b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 240 160] /Contents 4 0 R >>',
        b'<< /Length %d >>\nstream\n' % len(content) + content + b'\nendstream']
pdf, offs = b'%PDF-1.4\n', []
for i, o in enumerate(objs):
    offs.append(len(pdf))
    pdf += b'%d 0 obj\n' % (i + 1) + o + b'\nendobj\n'
xref = len(pdf)
pdf += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
pdf += b''.join(b'%010d 00000 n \n' % o for o in offs)
pdf += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, xref)
open('bad/photo.pdf', 'wb').write(pdf)
PY
pdftoppm -r 72 -jpeg -jpegopt quality=85 -singlefile bad/photo.pdf fixture/templates/photo
rm bad/photo.pdf
