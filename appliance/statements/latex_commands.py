"""The LaTeX vocabulary of Podium's statement reader: which commands and environments it knows
and what each becomes. Adding a command that maps to fixed HTML is adding an entry here."""

import unicodedata

_STRONG, _EM, _CODE = ("<strong>", "</strong>"), ("<em>", "</em>"), ("<code>", "</code>")
_SMALLCAPS, _PLAIN = ('<span class="smallcaps">', "</span>"), ("", "")
TEXT_STYLES = {
    "textbf": _STRONG, "textit": _EM, "emph": _EM, "textsl": _EM, "texttt": _CODE,
    "underline": ("<u>", "</u>"), "sout": ("<s>", "</s>"), "textsc": _SMALLCAPS,
    "textrm": _PLAIN, "textsf": _PLAIN, "textnormal": _PLAIN, "textup": _PLAIN,
    "textmd": _PLAIN, "mbox": _PLAIN, "hbox": _PLAIN, "text": _PLAIN,
}
_SIZES = ("tiny", "scriptsize", "footnotesize", "small", "large", "Large", "LARGE", "huge", "Huge")
# Declarations style the rest of their group or environment.
DECLARATIONS = {
    "bf": _STRONG, "bfseries": _STRONG, "it": _EM, "itshape": _EM, "em": _EM, "sl": _EM,
    "slshape": _EM, "tt": _CODE, "ttfamily": _CODE, "sc": _SMALLCAPS, "scshape": _SMALLCAPS,
    "rm": _PLAIN, "sf": _PLAIN, "rmfamily": _PLAIN, "sffamily": _PLAIN, "normalfont": _PLAIN,
    "upshape": _PLAIN, "mdseries": _PLAIN, "normalsize": _PLAIN,
    **{size: (f'<span class="size-{size}">', "</span>") for size in _SIZES},
}
SYMBOLS = {
    "ldots": "…", "dots": "…", "textellipsis": "…", "LaTeX": "LaTeX", "TeX": "TeX",
    "textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^", "textless": "<",
    "textgreater": ">", "textbar": "|", "textendash": "–", "textemdash": "—", "S": "§",
    "P": "¶", "copyright": "©", "textdegree": "°", "euro": "€", "quad": "\u2003",
    "qquad": "\u2003\u2003", "i": "ı", "o": "ø", "O": "Ø", "ss": "ß", "aa": "å", "AA": "Å",
    "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "l": "ł", "L": "Ł", "textquotedblleft": "“",
    "textquotedblright": "”", "textquoteleft": "‘", "textquoteright": "’",
}
CONTROL_SYMBOLS = {"$": "$", "%": "%", "&": "&", "#": "#", "_": "_", "{": "{", "}": "}",
                   " ": " ", "\n": " ", "\t": " ", ",": "\u2009", "@": "", "-": "", "/": "",
                   ";": " ", ":": " ", "!": "", "": "\\"}
ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "c": "\u0327", "v": "\u030c", "u": "\u0306", "H": "\u030b", "r": "\u030a",
}
# Layout-only commands, dropped silently with this many brace arguments.
IGNORED = {
    "noindent": 0, "indent": 0, "centering": 0, "raggedright": 0, "raggedleft": 0,
    "smallskip": 0, "medskip": 0, "bigskip": 0, "vfill": 0, "hfill": 0, "clearpage": 0,
    "newpage": 0, "pagebreak": 0, "nopagebreak": 0, "hline": 0, "toprule": 0, "midrule": 0,
    "bottomrule": 0, "protect": 0, "cline": 1, "label": 1, "vspace": 1, "hspace": 1,
    "usepackage": 1, "documentclass": 1, "pagestyle": 1, "thispagestyle": 1,
    "graphicspath": 1, "setlength": 2, "addtolength": 2, "setcounter": 2,
}
MACRO_DEFINITIONS = {"newcommand", "renewcommand", "providecommand", "def",
                     "DeclareMathOperator", "newenvironment", "renewenvironment"}
SECTIONS = {"section": "h2", "subsection": "h3", "subsubsection": "h4", "paragraph": "h5"}
LISTS = {"itemize": "ul", "enumerate": "ol", "description": "dl"}
VERBATIM = {"verbatim", "verbatim*", "lstlisting", "Verbatim"}
# Display-math environments, and the KaTeX environment their body goes in (None: as it is).
MATH_ENVS = {
    "equation": None, "equation*": None, "displaymath": None, "math": None,
    "align": "aligned", "align*": "aligned", "flalign": "aligned", "flalign*": "aligned",
    "gather": "gathered", "gather*": "gathered", "multline": None, "multline*": None,
    "eqnarray": "array", "eqnarray*": "array",
}
_QUOTE, _DIV = ("<blockquote>", "</blockquote>"), ("<div>", "</div>")
BLOCK_ENVS = {"quote": _QUOTE, "quotation": _QUOTE, "verse": _QUOTE,
              "center": ('<div class="center">', "</div>"),
              "flushleft": ('<div class="flushleft">', "</div>"),
              "flushright": ('<div class="flushright">', "</div>"),
              "minipage": _DIV, "abstract": _DIV, "document": ("", "")}
FIGURES = {"figure", "figure*", "wrapfigure", "table", "table*"}
TABLES = {"tabular", "tabular*", "tabularx"}
HEADED = {"Input", "Output", "Interaction"}  # the package format's section environments
TEXT_ENVS = set().union(LISTS, TABLES, FIGURES, HEADED, BLOCK_ENVS)  # read as LaTeX text


def accented(base: str, accent: str) -> str:
    """A letter with a combining accent, composed where Unicode has one character for it."""
    base = base.strip("{} ")
    base = {"\\i": "i", "\\j": "j"}.get(base, base)  # the accent takes the dot's place
    return unicodedata.normalize("NFC", base + ACCENTS[accent])
