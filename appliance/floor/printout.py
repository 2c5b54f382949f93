"""A team's file as a printout: a PDF (fpdf2) whose every page carries the header runners
and teams read (team, location, time, file name, page of pages) over the code with line
numbers, highlighted by Pygments as the similarity report lexes it (by file name, else
plain text). Pure: text in, PDF bytes out."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from pygments.lexers import get_lexer_for_filename
from pygments.lexers.special import TextLexer
from pygments.styles import get_style_by_name
from pygments.token import _TokenType
from pygments.util import ClassNotFound

FONTS = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core (install.sh)
FONT_SIZE = 9.0  # points
LINE_MM = 4.0
TAB = 4
STYLE = "default"  # Pygments' style: dark colours that print on white paper


@dataclass(frozen=True)
class Header:
    """What every page says at its top."""

    team: str
    location: str | None
    time: str
    file_name: str

    def line(self) -> str:
        where = f" · {self.location}" if self.location else ""
        return f"{self.team}{where} · {self.time} · {self.file_name}"


class _Document(FPDF):
    def __init__(self, header: Header) -> None:
        super().__init__(format="A4")
        self.page_header = header
        self.add_font("mono", "", str(FONTS / "DejaVuSansMono.ttf"))
        self.add_font("mono", "B", str(FONTS / "DejaVuSansMono-Bold.ttf"))
        self.set_margins(12, 12, 12)
        self.set_auto_page_break(True, margin=12)

    def header(self) -> None:
        self.set_font("mono", "B", FONT_SIZE + 1)
        self.set_text_color(0, 0, 0)
        self.cell(0, 6, self.page_header.line(), new_x="LMARGIN", new_y="NEXT")
        self.set_font("mono", "", FONT_SIZE - 1)
        self.cell(0, 4, f"page {self.page_no()} of {{nb}}", new_x="LMARGIN", new_y="NEXT")
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(3)


@functools.cache
def _colour(ttype: _TokenType) -> tuple[tuple[int, int, int], bool]:
    """A token type's colour and boldness in the printing style."""
    style = get_style_by_name(STYLE).style_for_token(ttype)
    rgb = style["color"] or "000000"
    return (int(rgb[0:2], 16), int(rgb[2:4], 16), int(rgb[4:6], 16)), bool(style["bold"])


def printable(text: str) -> str:
    """The text as it prints: tabs expanded, control characters (bar newlines) shown as the
    replacement character rather than sent to the printer."""
    text = text.replace("\r\n", "\n").expandtabs(TAB)
    return "".join(c if c == "\n" or unicodedata.category(c) != "Cc" else "\ufffd"
                   for c in text)


def render(text: str, header: Header) -> tuple[bytes, int]:
    """The printout of `text`: the PDF's bytes and its number of pages. Lines longer than
    the page wraps onto the next, marked with the line number's place left blank."""
    pdf = _Document(header)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("mono", "", FONT_SIZE)
    number_w = pdf.get_string_width("99999 ")
    columns = int((pdf.epw - number_w) // pdf.get_string_width("m"))
    try:
        lexer = get_lexer_for_filename(header.file_name, stripnl=False, ensurenl=False)
    except ClassNotFound:
        lexer = TextLexer(stripnl=False, ensurenl=False)
    lines: list[list[tuple[_TokenType, str]]] = [[]]
    for ttype, value in lexer.get_tokens(printable(text)):
        for i, part in enumerate(value.split("\n")):
            if i:
                lines.append([])
            if part:
                lines[-1].append((ttype, part))
    if lines and not lines[-1]:
        lines.pop()
    for number, tokens in enumerate(lines, start=1):
        _line(pdf, number, tokens, number_w, columns)
    return bytes(pdf.output()), pdf.pages_count


def _line(pdf: FPDF, number: int, tokens: list[tuple[_TokenType, str]], number_w: float,
          columns: int) -> None:
    """One source line, its number in grey, wrapped at `columns` characters."""
    pdf.set_text_color(150, 150, 150)
    pdf.set_font("mono", "", FONT_SIZE)
    pdf.cell(number_w, LINE_MM, f"{number:>5} ")
    used = 0
    for ttype, value in tokens:
        colour, bold = _colour(ttype)
        while value:
            if used == columns:
                pdf.ln(LINE_MM)
                pdf.set_x(pdf.l_margin + number_w)
                used = 0
            piece, value = value[:columns - used], value[columns - used:]
            pdf.set_text_color(*colour)
            pdf.set_font("mono", "B" if bold else "", FONT_SIZE)
            pdf.cell(pdf.get_string_width(piece), LINE_MM, piece)
            used += len(piece)
    pdf.ln(LINE_MM)
