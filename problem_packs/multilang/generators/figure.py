"""Draw problem_statement/tiling.png: one tiling of a 2 x 5 strip with dominoes.

Run from anywhere: python3 generators/figure.py
A minimal PNG writer on the standard library (zlib, struct): 8-bit RGB, no filtering.
"""

import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "problem_statement" / "tiling.png"
CELL = 48      # pixels per unit square
MARGIN = 12
GAP = 3        # light gap drawn between neighbouring dominoes
COLUMNS = 5
# Dominoes as (column, row, width, height) in unit squares: |, =, |, =  on a 2 x 5 strip.
DOMINOES = [(0, 0, 1, 2), (1, 0, 2, 1), (1, 1, 2, 1), (3, 0, 1, 2), (4, 0, 1, 2)]
COLOURS = [(230, 97, 76), (244, 180, 60), (95, 170, 110), (80, 140, 210), (160, 110, 190)]
BACKGROUND = (255, 255, 255)
OUTLINE = (40, 40, 40)


def chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png(width: int, height: int, pixels: list[list[tuple[int, int, int]]]) -> bytes:
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in pixels)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main() -> None:
    width, height = 2 * MARGIN + COLUMNS * CELL, 2 * MARGIN + 2 * CELL
    pixels = [[BACKGROUND] * width for _ in range(height)]
    for (col, row, w, h), colour in zip(DOMINOES, COLOURS):
        x0, y0 = MARGIN + col * CELL + GAP, MARGIN + row * CELL + GAP
        x1, y1 = MARGIN + (col + w) * CELL - GAP, MARGIN + (row + h) * CELL - GAP
        for y in range(y0, y1):
            for x in range(x0, x1):
                edge = x < x0 + 2 or x >= x1 - 2 or y < y0 + 2 or y >= y1 - 2
                pixels[y][x] = OUTLINE if edge else colour
    OUT.write_bytes(png(width, height, pixels))


if __name__ == "__main__":
    main()
