"""Render problem statements (Markdown or LaTeX, as the problem package format has them) to HTML.

Rendering is offline and safe to show: Markdown goes through markdown-it-py with raw HTML turned
off, LaTeX through Podium's own converter for the Kattis subset. Math is never typeset here:
it stays as escaped TeX in `<span class="math inline">` and `<div class="math display">` for
KaTeX in the browser. Relative image paths stay relative (the web serves the statement folder).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin

from appliance.errors import PackageError
from appliance.problems.constants import substitute, substitute_latex
from appliance.statements.latex import latex_to_html
from appliance.statements.latex_html import safe_src

MAX_STATEMENT = 1024 * 1024  # characters of a statement's source: a page, not a book
SAMPLE_LIMIT = 4000  # characters of a sample shown in the statement; the rest is cut
SAMPLE_LINE_LIMIT = 100
_STATEMENT_NAME = re.compile(
    r"^problem(?:\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*))?\.(md|tex|pdf)$")
_SAMPLE_MARKER = re.compile(r"\{\{\s*(nextsample|remainingsamples)\s*\}\}")


@dataclass(frozen=True)
class Statement:
    """A rendered statement: its language, title (plain text, may be empty), HTML and warnings."""

    language: str
    title: str
    html: str
    warnings: tuple[str, ...]


def render_statement(path: Path,
                     constants: Mapping[str, Mapping[str, str]] | None = None) -> Statement:
    """Render `problem.<language>.md` or `.tex`; a legacy `problem.tex` is English.
    problem.yaml's `constants` replace `{{name}}` in Markdown, `\\constant{name}` in LaTeX.
    A PDF statement is not rendered: the page offers the file itself (`pdf_statement`)."""
    match = _STATEMENT_NAME.match(path.name)
    if match is None:
        raise PackageError(f"{path}: not a statement to render "
                           "(expected problem.<language>.md, .tex or .pdf)")
    language, kind = match.group(1) or "en", match.group(2)
    if kind == "pdf":
        return pdf_statement(path.name, language)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise PackageError(f"{path}: not UTF-8 ({error.reason} at byte {error.start})") from error
    except OSError as error:
        raise PackageError(f"{path}: cannot be read ({error.strerror})") from error
    if len(text) > MAX_STATEMENT:
        raise PackageError(f"{path}: {len(text):,} characters; a statement may hold at most "
                           f"{MAX_STATEMENT:,}")
    if kind == "md":
        return render_markdown(substitute(text, constants or {}), language)
    return render_latex(substitute_latex(text, constants or {}), language)


def pdf_statement(name: str, language: str) -> Statement:
    """A PDF statement's place on the page: a link to the file (served beside the page, as
    a download: the format shows a PDF verbatim, its samples inside it)."""
    link = html.escape(name)
    return Statement(language, "", f'<p class="statement-pdf">This statement is a PDF: '
                     f'<a href="{link}" download type="application/pdf">{link}</a> '
                     "(its samples are in it).</p>", ())


def render_latex(text: str, language: str) -> Statement:
    """Render a LaTeX statement body; unknown commands keep their text and add a warning."""
    title, body, warnings = latex_to_html(text)
    return Statement(language, title, body, warnings)


def render_markdown(text: str, language: str) -> Statement:
    """Render a CommonMark statement with tables, footnotes and `$`/`$$` math.

    A level-1 heading opening the statement is taken as its title (the format wants the name
    in problem.yaml, but older statements carry it). Raw HTML is shown as text, never passed
    through; links with scripting schemes are not made links; images must be files beside
    the statement.
    """
    warnings: list[str] = []
    for marker in _SAMPLE_MARKER.findall(text):
        warnings.append(f"{{{{{marker}}}}} is not supported: the samples follow the statement")
    text = _SAMPLE_MARKER.sub("", text)
    md = _markdown()
    env: dict = {}
    tokens = md.parse(text, env)
    title = ""
    if len(tokens) >= 3 and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
        title = _plain(tokens[1])
        tokens = tokens[3:]
    for token in tokens:
        if token.children:
            token.children = [_checked_image(child, warnings) for child in token.children]
    body = md.renderer.render(tokens, md.options, env)
    return Statement(language, title, body.strip(), tuple(warnings))


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(dollarmath_plugin, double_inline=True)
    # Math keeps the same shape as in LaTeX statements, whatever the plugin's default is.
    md.add_render_rule("math_inline", _math_renderer("span", "inline"))
    md.add_render_rule("math_inline_double", _math_renderer("span", "display"))
    md.add_render_rule("math_block", _math_renderer("div", "display"))
    md.add_render_rule("math_block_label", _math_renderer("div", "display"))
    return md


def _math_renderer(tag: str, kind: str) -> Callable[..., str]:
    def render(self: object, tokens: list[Token], idx: int, options: object, env: object) -> str:
        content = html.escape(tokens[idx].content.strip())
        return f'<{tag} class="math {kind}">{content}</{tag}>' + ("\n" if tag == "div" else "")

    return render


def _plain(inline_token: Token) -> str:
    """The text of a heading, markup dropped and math kept as written."""
    parts = []
    for child in inline_token.children or []:
        if child.type in ("math_inline", "math_inline_double"):
            parts.append(f"${child.content}$")
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


def _checked_image(token: Token, warnings: list[str]) -> Token:
    """An image token if its file is beside the statement; otherwise its alt text."""
    if token.type != "image":
        return token
    src = str(token.attrGet("src") or "")
    if safe_src(src) is not None:
        return token
    warnings.append(f"image {src!r} dropped: images must be files beside the statement")
    text = Token("text", "", 0)
    text.content = "".join(child.content for child in token.children or [])
    return text


def samples_table(samples: list[tuple[str, bytes, bytes]]) -> str:
    """The statement's samples as one HTML table: per sample, its input beside its output.

    Each sample is (name, input, output). Bytes are shown as UTF-8 (bad bytes replaced); a
    sample past SAMPLE_LIMIT characters or SAMPLE_LINE_LIMIT lines is cut, with a note.
    """
    if not samples:
        return ""
    rows = []
    for name, given, expected in samples:
        label = html.escape(name)
        rows.append(f'<tr><th>Sample input {label}</th><th>Sample output {label}</th></tr>')
        rows.append(f"<tr><td>{_sample_cell(given)}</td><td>{_sample_cell(expected)}</td></tr>")
    return '<table class="samples">\n' + "\n".join(rows) + "\n</table>"


def _sample_cell(data: bytes) -> str:
    text = data.decode("utf-8", errors="replace")
    lines = text.splitlines(keepends=True)
    shown = "".join(lines[:SAMPLE_LINE_LIMIT])[:SAMPLE_LIMIT]
    cell = f"<pre>{html.escape(shown)}</pre>"
    if len(shown) < len(text):
        shown_lines = len(shown.splitlines())
        cell += (f'<p class="sample-cut">Cut for display: {shown_lines} of {len(lines)} lines, '
                 f"{len(shown)} of {len(text)} characters shown.</p>")
    return cell
