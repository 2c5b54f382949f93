"""HTML pieces for the LaTeX statement reader: nodes arranged into paragraphs, lists, tables
and figures, and the checks that keep links and images harmless.

The reader (`statements_latex`) turns LaTeX into a flat list of nodes, `(kind, payload)` pairs
whose kinds are text, block, par, item, cell, row, caption, colspan and rowspan; the functions
here arrange them. Every payload is HTML already escaped by the reader.
"""

from __future__ import annotations

import html
import re

from appliance.statements import latex_commands as vocab

Node = tuple[str, str]
ALLOWED_SCHEMES = {"http", "https", "mailto", "ftp"}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_WIDTH = re.compile(r"width\s*=\s*([0-9.]*)\s*\\(?:text|line|column)width")
MAX_SPAN = 100  # columns or rows one cell spans; a table's columns (browsers stop at 1000)
_REPEATED = 10_000  # characters a `*{n}{...}` column specification may expand to


def _compact(url: str) -> str:
    # Browsers drop whitespace and control characters inside a URL ("java\tscript:").
    return re.sub(r"[\x00-\x20\x7f]+", "", url)


def safe_href(url: str) -> str | None:
    """The URL if a link to it is harmless (web, mail or relative), else None."""
    match = _SCHEME.match(_compact(url))
    return url.strip() if match is None or match.group(1).lower() in ALLOWED_SCHEMES else None


def safe_src(path: str) -> str | None:
    """The image path if it stays inside the statement folder, else None."""
    compact = _compact(path)
    if (not compact or _SCHEME.match(compact) or compact.startswith(("/", "\\"))
            or ".." in compact.split("/")):
        return None
    return path.strip()


def _strip_math_comments(tex: str) -> str:
    return re.sub(r"(?<!\\)%[^\n]*", "", tex)


def math(tex: str, display: bool) -> Node:
    """TeX kept for KaTeX in the browser: escaped, inside a span (inline) or a div (display)."""
    body = html.escape(_strip_math_comments(tex).strip())
    if display:
        return ("block", f'<div class="math display">{body}</div>')
    return ("text", f'<span class="math inline">{body}</span>')


def _merge(nodes: list[Node]) -> list[Node]:
    merged: list[Node] = []
    for kind, payload in nodes:
        if kind == "text" and merged and merged[-1][0] == "text":
            merged[-1] = ("text", merged[-1][1] + payload)
        else:
            merged.append((kind, payload))
    return merged


def wrap(nodes: list[Node], style: tuple[str, str]) -> list[Node]:
    """Put each run of inline text between the style's tags, leaving structure alone."""
    opening, closing = style
    return [("text", f"{opening}{payload}{closing}") if kind == "text" and payload.strip()
            else (kind, payload) for kind, payload in _merge(nodes)]


def inline(nodes: list[Node]) -> str:
    """Nodes flattened into inline HTML (structure becomes spaces or line breaks)."""
    flat = {"par": " ", "row": "<br>", "cell": " &amp; ", "item": "", "colspan": "",
            "rowspan": ""}
    return "".join(flat.get(kind, payload) for kind, payload in nodes)


def blocks(nodes: list[Node]) -> str:
    """Nodes arranged into paragraphs and blocks."""
    out: list[str] = []
    para: list[str] = []

    def flush() -> None:
        text = re.sub(r"\s+", " ", "".join(para)).strip()
        text = re.sub(r"^(<br>\s*)+|(\s*<br>)+$", "", text)
        if text:
            out.append(f"<p>{text}</p>")
        para.clear()

    for kind, payload in nodes:
        if kind == "block":
            flush()
            out.append(payload)
        elif kind == "caption":
            flush()
            out.append(f'<p class="caption">{payload}</p>')
        elif kind == "par":
            flush()
        else:
            para.append(inline([(kind, payload)]))
    flush()
    return "\n".join(out)


def _unwrap_single_paragraph(text: str) -> str:
    if text.startswith("<p>") and text.endswith("</p>") and text.count("<p>") == 1:
        return text[3:-4]
    return text


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, tags dropped and entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", fragment)).strip()


def list_html(tag: str, body: list[Node]) -> str:
    """An itemize, enumerate or description body, split at its items."""
    items: list[tuple[str, list[Node]]] = []
    for kind, payload in body:
        if kind == "item":
            items.append((payload, []))
        elif items:
            items[-1][1].append((kind, payload))
    parts = []
    for label, content in items:
        text = _unwrap_single_paragraph(blocks(content))
        if tag == "dl":
            parts.append(f"<dt>{label}</dt><dd>{text}</dd>")
        else:
            if label:
                label = f"<strong>{label}</strong> "
                text = f"<p>{label}{text[3:]}" if text.startswith("<p>") else label + text
            parts.append(f"<li>{text}</li>")
    return f"<{tag}>\n" + "\n".join(parts) + f"\n</{tag}>"


def column_aligns(spec: str) -> list[str]:
    """Column alignments (l, c, r) from a tabular column specification."""
    spec = re.sub(r"\*\{(\d+)\}\{([^{}]*)\}", _repeated, spec)
    spec = re.sub(r"[@<>!]\{[^{}]*\}", "", spec)
    aligns = []
    for match in re.finditer(r"[lcr]|[pmbX](\{[^{}]*\})?", spec):
        aligns.append(match.group(0) if match.group(0) in "lcr" else "l")
    return aligns


def _repeated(match: re.Match[str]) -> str:
    """`*{n}{cols}` as n copies of cols, no more than the bounds allow."""
    count, columns = match.group(1), match.group(2)
    times = min(int(count) if len(count) <= 4 else MAX_SPAN, MAX_SPAN)
    return columns * max(1, min(times, _REPEATED // max(1, len(columns))))


def span(count: str) -> int | None:
    """A \\multicolumn or \\multirow count as a number of cells, 1 to MAX_SPAN; None when it
    is not one (the caller warns and spans one cell)."""
    count = count.strip()
    if not re.fullmatch(r"[0-9]{1,4}", count) or not 1 <= int(count) <= MAX_SPAN:
        return None
    return int(count)


def table_html(spec: str, body: list[Node]) -> str:
    """A tabular body split into rows at \\\\ and cells at &, with colspan and rowspan."""
    aligns = column_aligns(spec)
    rows: list[list[list[Node]]] = [[[]]]
    for kind, payload in body:
        if kind == "row":
            rows.append([[]])
        elif kind == "cell":
            rows[-1].append([])
        else:
            rows[-1][-1].append((kind, payload))
    if len(rows) > 1 and all(not inline(cell).strip() for cell in rows[-1]):
        rows.pop()
    covered: dict[int, int] = {}
    lines = []
    for row in rows:
        col, cells, new_cover = 0, [], {}
        for cell in row:
            spans = {kind: int(payload) for kind, payload in cell if kind in ("colspan", "rowspan")}
            text = re.sub(r"\s+", " ", inline(cell)).strip()
            if covered.get(col, 0) > 0 and not text:
                col += 1
                continue
            colspan, rowspan = spans.get("colspan", 1), spans.get("rowspan", 1)
            align = aligns[col] if col < len(aligns) else "l"
            attrs = f' class="align-{align}"'
            attrs += f' colspan="{colspan}"' if colspan > 1 else ""
            attrs += f' rowspan="{rowspan}"' if rowspan > 1 else ""
            cells.append(f"<td{attrs}>{text}</td>")
            for c in range(col, col + colspan):
                if rowspan > 1:
                    new_cover[c] = rowspan - 1
            col += colspan
        covered = {c: n - 1 for c, n in covered.items() if n > 1} | new_cover
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return '<table class="tabular">\n' + "\n".join(lines) + "\n</table>"


def figure_html(env: str, body: list[Node]) -> str:
    """A float: its content, with any caption moved to a figcaption."""
    captions = [payload for kind, payload in body if kind == "caption"]
    content = blocks([(k, p) for k, p in body if k != "caption"])
    caption = f"\n<figcaption>{' '.join(captions)}</figcaption>" if captions else ""
    css = "wrapfigure" if env == "wrapfigure" else "figure"
    return f'<figure class="{css}">\n{content}{caption}\n</figure>'


def illustration_html(width: str, src: str | None, caption: str) -> str:
    """The package format's \\illustration: a right-floated figure of a fraction of the width."""
    try:
        fraction = float(width)
    except ValueError:
        fraction = 0.5
    fraction = min(max(fraction, 0.05), 1.0) if fraction == fraction else 0.5  # NaN is not
    alt = html.escape(plain_text(caption))
    image = f'<img src="{html.escape(src)}" alt="{alt}">' if src else ""
    figcaption = f"<figcaption>{caption}</figcaption>" if caption.strip() else ""
    return (f'<figure class="illustration" style="width: {fraction * 100:g}%">'
            f"{image}{figcaption}</figure>")


def width_fraction(options: str | None) -> float | None:
    """The fraction of the text width an image's options ask for (`width=0.5\\textwidth`);
    None when they ask none, or none that reads as a number (`width=1.2.3\\textwidth`)."""
    match = _WIDTH.search(options or "")
    if match is None:
        return None
    if match.group(1) in ("", "."):
        return 1.0
    try:
        return float(match.group(1))
    except ValueError:
        return None


def bad_width(options: str | None) -> str | None:
    """The width an image's options give that is not a number, or None."""
    match = _WIDTH.search(options or "")
    return match.group(0) if match and width_fraction(options) is None else None


def image_html(options: str | None, src: str | None) -> str:
    """An \\includegraphics image; a width given as a fraction of the text width is kept."""
    if src is None:
        return ""
    fraction = width_fraction(options)
    style = f' style="width: {min(fraction, 1.0) * 100:g}%"' if fraction is not None else ""
    return f'<img src="{html.escape(src)}" alt=""{style}>'



def environment_html(name: str, body: list[Node], spec: str) -> str:
    """A text environment's body arranged as its kind wants; an unknown one as a plain div."""
    if name in vocab.LISTS:
        return list_html(vocab.LISTS[name], body)
    if name in vocab.TABLES:
        return table_html(spec, body)
    if name in vocab.FIGURES:
        return figure_html(name, body)
    if name in vocab.HEADED:
        return f"<h2>{name}</h2>\n{blocks(body)}"
    opening, closing = vocab.BLOCK_ENVS.get(name, ("<div>", "</div>"))
    return f"{opening}{blocks(body)}{closing}"
