"""Read Kattis-style LaTeX problem statements into HTML, without a TeX installation.

The common subset of problemtools' statements (sections, lists, verbatim, tables, figures,
`\\illustration`, fonts, links, quotes and dashes) is converted by a small recursive reader;
math is passed through as escaped TeX for KaTeX in the browser. A command or environment it
does not know keeps its text and adds a warning: a statement never fails to render.
"""

from __future__ import annotations

import html
import re

from appliance.statements import latex_commands as vocab
from appliance.statements.latex_html import (
    MAX_SPAN,
    Node,
    bad_width,
    blocks,
    environment_html,
    illustration_html,
    image_html,
    inline,
    math,
    plain_text,
    safe_href,
    safe_src,
    span,
    wrap,
)

_CONTROL = re.compile(r"\\([a-zA-Z]+|.?)", re.DOTALL)
_PLAIN_RUN = re.compile(r"[^\\{}\]$%\n&~\-`'<>]+")
_LIGATURES = {"---": "—", "--": "–", "``": "“", "''": "”", "<<": "«", ">>": "»", "`": "‘",
              "'": "’", "-": "-"}
_LIGATURE = re.compile(r"---|--|``|''|<<|>>|[`'-]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def latex_to_html(text: str) -> tuple[str, str, tuple[str, ...]]:
    """The title (plain text from `\\problemname`), HTML body and warnings of a statement."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = _Reader(text)
    try:
        body = blocks(reader.nodes(None))
    except RecursionError:
        reader.warnings.append("nested too deeply to convert: shown as source")
        body = f"<pre>{html.escape(text)}</pre>"
    return reader.title, body, tuple(reader.warnings)


def _closer(stop: str) -> str:
    return f"\\end{{{stop[4:]}}}" if stop.startswith("env:") else stop


class _Reader:
    """One pass over a statement; `nodes` reads until a closing brace, bracket or \\end."""

    def __init__(self, text: str) -> None:
        self.s, self.i = text, 0
        self.title = ""
        self.warnings: list[str] = []
        self.envs: list[str] = []
        self.unknown: set[str] = set()

    def warn(self, message: str, at: int | None = None) -> None:
        line = self.s.count("\n", 0, self.i if at is None else at) + 1
        self.warnings.append(f"line {line}: {message}")

    def peek(self) -> str:
        return self.s[self.i] if self.i < len(self.s) else ""

    def skip_spaces(self) -> None:
        """Skip spaces and one line end, as TeX does after a command word; not a blank line."""
        s, i = self.s, self.i
        while i < len(s) and s[i] in " \t":
            i += 1
        if i < len(s) and s[i] == "\n" and not _BLANK_LINE.match(s, i):
            i += 1
            while i < len(s) and s[i] in " \t":
                i += 1
        self.i = i

    def star(self) -> None:
        if self.peek() == "*":
            self.i += 1

    def raw_group(self) -> str:
        """The next argument as source text: a balanced {...} group or one token."""
        self.skip_spaces()
        s, start = self.s, self.i
        if self.peek() == "{":
            depth, j = 0, start
            while j < len(s):
                if s[j] == "\\":
                    j += 2
                    continue
                depth += {"{": 1, "}": -1}.get(s[j], 0)
                if depth == 0:
                    self.i = j + 1
                    return s[start + 1 : j]
                j += 1
            self.warn("missing }", start)
            self.i = len(s)
            return s[start + 1 :]
        match = _CONTROL.match(s, start)
        self.i = match.end() if match else min(start + 1, len(s))
        return s[start : self.i]

    def raw_optional(self) -> str | None:
        """A [...] argument as source text, or None when there is none."""
        self.skip_spaces()
        if self.peek() != "[":
            return None
        depth, j = 0, self.i + 1
        while j < len(self.s) and not (self.s[j] == "]" and depth == 0):
            depth += {"{": 1, "}": -1}.get(self.s[j], 0)
            j += 2 if self.s[j] == "\\" else 1
        if j >= len(self.s):
            self.warn("missing ]")
        text, self.i = self.s[self.i + 1 : j], min(j + 1, len(self.s))
        return text

    def arg_nodes(self) -> list[Node]:
        """The next argument, read as LaTeX."""
        self.skip_spaces()
        if self.peek() == "{":
            self.i += 1
            return self.nodes("}")
        token = self.raw_group()
        if token.startswith("\\"):
            self.i -= len(token)
            out: list[Node] = []
            self.command(out, None)
            return out
        return [("text", html.escape(token))]

    def find(self, closer: str, inline_math: bool) -> int | None:
        """Where math ends (escaped characters skipped); None if it does not, or at a blank line
        for inline math."""
        j = self.i
        while j < len(self.s):
            if self.s.startswith(closer, j):
                return j
            if inline_math and _BLANK_LINE.match(self.s, j):
                return None
            j += 2 if self.s[j] == "\\" else 1
        return None

    def math(self, out: list[Node], opener: str, closer: str, display: bool) -> None:
        end = self.find(closer, not display)
        if end is None:
            self.warn(f"{opener} without {closer}: kept as text")
            out.append(("text", html.escape(opener)))
            return
        out.append(math(self.s[self.i : end], display))
        self.i = end + len(closer)

    def nodes(self, stop: str | None) -> list[Node]:
        """Read until `stop` ("}", "]", "env:NAME" or None for the end of the text)."""
        out: list[Node] = []
        s = self.s
        while self.i < len(s):
            c = s[self.i]
            if c == "\\":
                if s.startswith("\\end", self.i) and not s[self.i + 4 : self.i + 5].isalpha():
                    start = self.i
                    self.i += 4
                    name = self.raw_group().strip()
                    if stop == f"env:{name}":
                        return out
                    if name in self.envs:  # an outer environment ends: close this one too
                        self.warn(f"missing {_closer(stop or '')} before \\end{{{name}}}", start)
                        self.i = start
                        return out
                    self.warn(f"\\end{{{name}}} without \\begin", start)
                elif self.command(out, stop):
                    return out
                continue
            if c not in "{}]$%\n&~":
                match = _LIGATURE.match(s, self.i) or _PLAIN_RUN.match(s, self.i)
                piece = match.group() if match else c
                self.i += len(piece)
                out.append(("text", html.escape(_LIGATURES.get(piece, piece))))
                continue
            self.i += 1
            if c == "{":
                out.extend(self.nodes("}"))
            elif (c == "}" and stop == "}") or (c == "]" and stop == "]"):
                return out
            elif c == "}":
                self.warn("} without {", self.i - 1)
            elif c == "]":
                out.append(("text", "]"))
            elif c == "$":
                if self.peek() == "$":
                    self.i += 1
                    self.math(out, "$$", "$$", display=True)
                else:
                    self.math(out, "$", "$", display=False)
            elif c == "%":
                end = s.find("\n", self.i)
                self.i = len(s) if end < 0 else end + 1
                self.skip_spaces()
                if self.peek() == "\n":
                    out.append(("par", ""))
            elif c == "\n":
                blank = _BLANK_LINE.match(s, self.i - 1)
                out.append(("par", "") if blank else ("text", " "))
                while blank and self.i < len(s) and s[self.i].isspace():
                    self.i += 1
            else:
                out.append(("cell", "") if c == "&" else ("text", "&nbsp;"))
        if stop is not None:
            self.warn(f"missing {_closer(stop)}")
        return out

    def command(self, out: list[Node], stop: str | None) -> bool:
        """Read one command into `out`; True when a declaration has read the rest of the scope."""
        start = self.i
        match = _CONTROL.match(self.s, self.i)
        assert match is not None  # the pattern matches any backslash
        self.i, name = match.end(), match.group(1)
        if not name.isalpha():
            self.control_symbol(name, out)
            return False
        self.skip_spaces()
        if name in vocab.DECLARATIONS:
            out.extend(wrap(self.nodes(stop), vocab.DECLARATIONS[name]))
            return True
        if name in vocab.TEXT_STYLES:
            out.extend(wrap(self.arg_nodes(), vocab.TEXT_STYLES[name]))
        elif name in vocab.SYMBOLS:
            out.append(("text", html.escape(vocab.SYMBOLS[name])))
        elif name in vocab.ACCENTS:
            out.append(("text", html.escape(vocab.accented(self.raw_group(), name))))
        elif name in vocab.IGNORED:
            self.star()
            self.raw_optional()
            for _ in range(vocab.IGNORED[name]):
                self.raw_group()
        elif name in vocab.MACRO_DEFINITIONS:
            self.skip_definition(name, start)
        elif name in vocab.SECTIONS:
            self.star()
            self.raw_optional()
            tag = vocab.SECTIONS[name]
            out.append(("block", f"<{tag}>{inline(self.arg_nodes()).strip()}</{tag}>"))
        elif name == "begin":
            self.environment(out, start)
        else:
            self.other_command(name, out, start)
        return False

    def other_command(self, name: str, out: list[Node], start: int) -> None:
        if name == "item":
            if not (self.envs and self.envs[-1] in vocab.LISTS):
                self.warn("\\item outside a list", start)
            label = ""
            if self.peek() == "[":
                self.i += 1
                label = inline(self.nodes("]")).strip()
            out.append(("item", label))
        elif name == "par":
            out.append(("par", ""))
        elif name in ("newline", "linebreak"):
            out.append(("text", "<br>"))
        elif name == "problemname":
            self.title = plain_text(inline(self.arg_nodes()))
        elif name == "illustration":
            width, src = self.raw_group(), self.image(self.raw_group(), start)
            out.append(("block", illustration_html(width, src, inline(self.arg_nodes()))))
        elif name == "includegraphics":
            self.star()
            options = self.raw_optional()
            if bad := bad_width(options):
                self.warn(f"{bad} is not a number: the image keeps its own width", start)
            out.append(("text", image_html(options, self.image(self.raw_group(), start))))
        elif name == "caption":
            self.raw_optional()
            out.append(("caption", inline(self.arg_nodes()).strip()))
        elif name in ("url", "href"):
            url = self.raw_group()
            text = html.escape(url) if name == "url" else inline(self.arg_nodes())
            href = safe_href(url)
            if href is None:
                self.warn(f"link to {url!r} dropped: only web and mail links are kept", start)
            out.append(("text", f'<a href="{html.escape(href)}">{text}</a>' if href else text))
        elif name == "verb":
            self.star()
            delimiter, self.i = self.s[self.i : self.i + 1], self.i + 1
            end = self.s.find(delimiter, self.i) if delimiter else -1
            end = len(self.s) if end < 0 else end
            out.append(("text", f"<code>{html.escape(self.s[self.i : end])}</code>"))
            self.i = end + 1
        elif name in ("multicolumn", "multirow"):
            self.raw_optional()
            count = self.raw_group().strip()
            self.raw_optional()
            self.raw_group()
            cells = span(count)
            if cells is None:
                self.warn(f"\\{name}{{{count[:20]}}}: a cell spans 1 to {MAX_SPAN}; "
                          "it spans one", start)
            out.append(("colspan" if name == "multicolumn" else "rowspan", str(cells or 1)))
            out.extend(self.arg_nodes())
        elif name == "epigraph":
            text, source = inline(self.arg_nodes()), inline(self.arg_nodes())
            out.append(("block", f'<blockquote class="epigraph">{text}'
                                 f"<footer>{source}</footer></blockquote>"))
        elif name in ("nextsample", "remainingsamples"):
            self.warn(f"\\{name} is not supported: the samples follow the statement", start)
        else:
            self.unknown_command(name, out, start)

    def unknown_command(self, name: str, out: list[Node], start: int) -> None:
        """Keep the arguments' text, drop optional ones, warn once per command."""
        if name not in self.unknown:
            self.unknown.add(name)
            self.warn(f"unknown command \\{name}: kept its text", start)
        self.star()
        while self.raw_optional() is not None:
            pass
        while self.peek() == "{":
            self.i += 1
            out.extend(self.nodes("}"))

    def control_symbol(self, symbol: str, out: list[Node]) -> None:
        if symbol == "\\":
            self.star()
            self.raw_optional()
            out.append(("row", ""))
        elif symbol in ("[", "("):
            closer = "\\]" if symbol == "[" else "\\)"
            self.math(out, f"\\{symbol}", closer, display=symbol == "[")
        elif symbol in vocab.ACCENTS:
            out.append(("text", html.escape(vocab.accented(self.raw_group(), symbol))))
        else:
            out.append(("text", html.escape(vocab.CONTROL_SYMBOLS.get(symbol, symbol))))

    def image(self, path: str, start: int) -> str | None:
        src = safe_src(path)
        if src is None:
            self.warn(f"image {path!r} dropped: images must be files beside the statement", start)
        elif src.lower().endswith(".pdf") or "." not in src.rsplit("/", 1)[-1]:
            self.warn(f"image {path!r} may not show in a browser: use .png, .jpg or .svg", start)
        return src

    def skip_definition(self, name: str, start: int) -> None:
        """Skip a macro definition (its name, parameters and body); macros are not expanded."""
        self.warn(f"\\{name} ignored: macros are not expanded", start)
        if name == "def":
            self.raw_group()
            end = self.s.find("{", self.i)
            self.i = len(self.s) if end < 0 else end
            self.raw_group()
            return
        self.star()
        self.raw_group()
        while self.raw_optional() is not None:
            pass
        self.raw_group()
        if name.endswith("environment"):
            self.raw_group()

    def until_end(self, name: str) -> str:
        """Source text up to \\end{name}, which is consumed."""
        closer = f"\\end{{{name}}}"
        end = self.s.find(closer, self.i)
        if end < 0:
            self.warn(f"missing {closer}")
            end = len(self.s)
        text, self.i = self.s[self.i : end], min(end + len(closer), len(self.s))
        return text

    def environment(self, out: list[Node], start: int) -> None:
        name = self.raw_group().strip()
        if name in vocab.VERBATIM:
            if name == "lstlisting" and self.s.startswith("[", self.i):
                self.raw_optional()
            text = re.sub(r"\A[ \t]*\n", "", self.until_end(name)).rstrip()
            out.append(("block", f"<pre>{html.escape(text)}</pre>"))
            return
        if name in vocab.MATH_ENVS:
            tex = re.sub(r"\\label\{[^{}]*\}|\\nonumber|\\notag", "", self.until_end(name))
            inner = vocab.MATH_ENVS[name]
            if inner:
                columns = "{rcl}" if inner == "array" else ""
                tex = f"\\begin{{{inner}}}{columns}{tex}\\end{{{inner}}}"
            out.append(math(tex, display=name != "math"))
            return
        spec = ""
        if name == "wrapfigure":
            self.raw_optional()
            self.raw_group()
            self.raw_optional()
            self.raw_group()
        elif name in vocab.TABLES:
            self.raw_optional()
            if name != "tabular":
                self.raw_group()
            spec = self.raw_group()
        elif name == "minipage":
            while self.raw_optional() is not None:
                pass
            self.raw_group()
        elif name in vocab.FIGURES or name in vocab.LISTS:
            self.raw_optional()
        self.envs.append(name)
        try:
            body = self.nodes(f"env:{name}")
        finally:
            self.envs.pop()
        if name not in vocab.TEXT_ENVS:
            self.warn(f"unknown environment {name}: kept its text", start)
        out.append(("block", environment_html(name, body, spec)))

