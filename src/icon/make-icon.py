#!/usr/bin/env python3
"""Draws the NuGet package icon (src/icon/icon.png, 128 x 128 RGBA) with the standard library only.

The picture: a rounded navy square with the three NPS groups as bars in the Okabe-Ito colours the charts use
(detractors vermillion, passives grey, promoters bluish green) on a white baseline. Edges are anti-aliased by
drawing at four times the size and averaging. Run: python3 src/icon/make-icon.py (writes icon.png beside itself).
"""
import os
import struct
import zlib

SIZE = 128
SCALE = 4
BIG = SIZE * SCALE

NAVY = (31, 58, 95)
WHITE = (255, 255, 255)
VERMILLION = (213, 94, 0)
GREY = (170, 170, 170)
GREEN = (0, 158, 115)


def inside_rounded(x, y, x0, y0, x1, y1, r):
    """Whether (x, y) lies in the rectangle [x0, x1) x [y0, y1) with corners rounded by radius r."""
    if x < x0 or x >= x1 or y < y0 or y >= y1:
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def colour_at(x, y):
    """The colour of one big-canvas pixel, or None for transparent."""
    s = SCALE
    if not inside_rounded(x, y, 0, 0, BIG, BIG, 22 * s):
        return None
    # Bars (left, top, right) on a baseline at y = 100; heights tell the usual NPS story: few detractors, many promoters.
    bars = [(24, 70, VERMILLION), (54, 52, GREY), (84, 26, GREEN)]
    for left, top, colour in bars:
        if inside_rounded(x, y, left * s, top * s, (left + 22) * s, 104 * s, 4 * s):
            return colour
    if 18 * s <= x < 110 * s and 100 * s <= y < 106 * s:
        return WHITE
    return NAVY


def render():
    rows = []
    for y in range(SIZE):
        row = bytearray([0])  # PNG filter type 0 for the row
        for x in range(SIZE):
            r = g = b = a = 0
            for dy in range(SCALE):
                for dx in range(SCALE):
                    c = colour_at(x * SCALE + dx, y * SCALE + dy)
                    if c is not None:
                        r += c[0]
                        g += c[1]
                        b += c[2]
                        a += 1
            n = SCALE * SCALE
            if a:
                row += bytes([r // a, g // a, b // a, 255 * a // n])
            else:
                row += bytes([0, 0, 0, 0])
        rows.append(bytes(row))
    return b"".join(rows)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def main():
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA, no interlace
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(render(), 9)) + chunk(b"IEND", b"")
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "icon.png")
    with open(path, "wb") as f:
        f.write(png)
    print(f"wrote {path} ({len(png)} bytes)")


if __name__ == "__main__":
    main()
