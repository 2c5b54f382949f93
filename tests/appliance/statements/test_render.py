"""Problem statements render to safe HTML: Markdown through markdown-it-py, Kattis LaTeX by hand."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from appliance.errors import PackageError
from appliance.statements.render import (
    SAMPLE_LIMIT,
    Statement,
    render_latex,
    render_markdown,
    render_statement,
    samples_table,
)
from tests import paths

FIXTURES = paths.FIXTURES / "statements"
SUM = paths.PACKS / "sum/statement/problem.en.md"


def md(text: str) -> str:
    return render_markdown(text, "en").html


def tex(text: str) -> str:
    return render_latex(text, "en").html


# --- Markdown -------------------------------------------------------------------------------

MARKDOWN_CONSTRUCTS = {
    "inline_math_stays_tex_in_a_span": ("Let $a^2$ be.", '<span class="math inline">a^2</span>'),
    "display_math_stays_tex_in_a_div": ("$$\n\\sum_i x_i\n$$",
                                        '<div class="math display">\\sum_i x_i</div>'),
    "double_dollar_inside_a_paragraph_is_display_math": (
        "so $$x+1$$ holds", '<span class="math display">x+1</span>'),
    "math_is_escaped_not_typeset": ("$a<b$ and $c>d$", '<span class="math inline">a&lt;b</span>'),
    "math_keeps_underscores_and_stars": ("$a_1 * b_2$ and $a*b$",
                                         '<span class="math inline">a_1 * b_2</span>'),
    "escaped_dollar_is_text": (r"costs \$5", "<p>costs $5</p>"),
    "second_level_heading": ("## Input", "<h2>Input</h2>"),
    "emphasis_and_strong": ("*a* **b**", "<em>a</em> <strong>b</strong>"),
    "inline_code": ("print `x < y`", "<code>x &lt; y</code>"),
    "fenced_code_is_escaped": ("```\n<b>\n```", "<pre><code>&lt;b&gt;\n</code></pre>"),
    "relative_image_stays_relative": ("![tree](images/tree.png)",
                                      '<img src="images/tree.png" alt="tree" />'),
    "svg_image_is_allowed": ("![g](graph.svg)", '<img src="graph.svg" alt="g" />'),
    "web_link_is_kept": ("[Kattis](https://open.kattis.com)",
                         '<a href="https://open.kattis.com">Kattis</a>'),
    "pipe_table": ("| a | b |\n|---|--:|\n| 1 | 2 |", '<td style="text-align:right">2</td>'),
    "footnote": ("Big[^1].\n\n[^1]: Use 64 bits.", 'class="footnote-ref"'),
    "strikethrough": ("~~old~~", "<s>old</s>"),
    "bullet_list": ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
}


@pytest.mark.parametrize(("source", "expected"), MARKDOWN_CONSTRUCTS.values(),
                         ids=MARKDOWN_CONSTRUCTS.keys())
def test_markdown_renders_construct(source: str, expected: str) -> None:
    assert expected in md(source)


MARKDOWN_HOSTILE = {
    "script_tag_is_shown_as_text": ("<script>alert(1)</script>", "&lt;script&gt;"),
    "inline_html_is_shown_as_text": ("a <img src=x onerror=alert(1)> b", "&lt;img src=x"),
    "html_block_is_shown_as_text": ('<div onclick="x()">\nhi\n</div>', "&lt;div onclick="),
    "javascript_link_is_not_a_link": ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
    "javascript_image_is_not_an_image": ("![x](javascript:alert(1))", "![x](javascript:alert(1))"),
    "javascript_autolink_is_not_a_link": ("<javascript:alert(1)>", "&lt;javascript:alert(1)&gt;"),
    "math_cannot_close_its_span": ("$</span><script>x$",
                                   "&lt;/span&gt;&lt;script&gt;x</span>"),
    "display_math_cannot_close_its_div": ("$$\n</div><script>\n$$",
                                          "&lt;/div&gt;&lt;script&gt;"),
    "code_span_is_escaped": ("`<script>`", "<code>&lt;script&gt;</code>"),
}


@pytest.mark.parametrize(("source", "expected"), MARKDOWN_HOSTILE.values(),
                         ids=MARKDOWN_HOSTILE.keys())
def test_markdown_escapes_hostile_text(source: str, expected: str) -> None:
    rendered = md(source)
    assert expected in rendered
    assert "<script" not in rendered and "javascript:" not in rendered.replace(expected, "")
    assert "onerror=" not in rendered.replace("&lt;img src=x onerror=", "")


@pytest.mark.parametrize("src", ["http://example.com/x.png", "/etc/passwd.png", "../up.png",
                                 "data:image/png;base64,AAAA", "//cdn.example/x.png"])
def test_markdown_image_outside_the_statement_folder_is_dropped_with_a_warning(src: str) -> None:
    statement = render_markdown(f"see ![the map]({src})", "en")
    assert "<img" not in statement.html
    assert "the map" in statement.html
    assert any("dropped" in warning for warning in statement.warnings)


def test_markdown_leading_level_one_heading_becomes_the_title() -> None:
    statement = render_markdown("# Sum of $n$ Numbers\n\nAdd them.", "en")
    assert statement.title == "Sum of $n$ Numbers"
    assert "<h1>" not in statement.html
    assert statement.html == "<p>Add them.</p>"


def test_markdown_without_heading_has_empty_title_and_keeps_later_headings() -> None:
    statement = render_markdown("Text.\n\n# Later", "en")
    assert statement.title == ""
    assert "<h1>Later</h1>" in statement.html


@pytest.mark.parametrize("marker", ["{{nextsample}}", "{{ remainingsamples }}"])
def test_markdown_sample_markers_are_removed_with_a_warning(marker: str) -> None:
    statement = render_markdown(f"Before.\n\n{marker}\n\nAfter.", "en")
    assert "{{" not in statement.html
    assert "samples follow the statement" in statement.warnings[0]


def test_markdown_fixture_with_math_table_footnote_and_image() -> None:
    statement = render_statement(FIXTURES / "trail/problem.en.md")
    page = statement.html
    assert (statement.language, statement.title, statement.warnings) == ("en", "", ())
    assert '<img src="images/trails.png" alt="The trails of the second sample;' in page
    assert '<div class="math display">T(u, v) = \\sum_{e \\in P(u,v)} \\ell_e \\cdot d_e</div>' \
        in page
    assert '<span class="math inline">u &lt; v</span>' in page
    assert page.count('class="math inline"') == 22
    assert "<h2>Input</h2>" in page and "<h2>Output</h2>" in page
    assert '<td style="text-align:right">70</td>' in page
    assert "<code>long long</code>" in page and 'class="footnote-item"' in page


def test_markdown_statement_of_the_bundled_problem_takes_its_setext_title() -> None:
    statement = render_statement(SUM)
    assert statement.title == "Sum of Two Integers"
    assert '<span class="math inline">-10^{18} \\le a, b \\le 10^{18}</span>' in statement.html


# --- LaTeX ----------------------------------------------------------------------------------

LATEX_CONSTRUCTS = {
    "paragraphs_split_at_blank_lines": ("one\ntwo\n\nthree", "<p>one two</p>\n<p>three</p>"),
    "section_star_is_a_second_level_heading": (r"\section*{Input}", "<h2>Input</h2>"),
    "section_without_star": (r"\section{Output}", "<h2>Output</h2>"),
    "subsection": (r"\subsection*{Limits}", "<h3>Limits</h3>"),
    "input_environment_of_the_format": (r"\begin{Input}Two numbers.\end{Input}",
                                        "<h2>Input</h2>\n<p>Two numbers.</p>"),
    "itemize": ("\\begin{itemize}\n\\item one\n\\item two\n\\end{itemize}",
                "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
    "enumerate": (r"\begin{enumerate}\item a\item b\end{enumerate}",
                  "<ol>\n<li>a</li>\n<li>b</li>\n</ol>"),
    "item_with_label": (r"\begin{itemize}\item[(a)] x\end{itemize}", "<li><strong>(a)</strong> x"),
    "description_list": (r"\begin{description}\item[N] size\end{description}",
                         "<dt>N</dt><dd>size</dd>"),
    "nested_lists": (r"\begin{itemize}\item a\begin{enumerate}\item b\end{enumerate}"
                     r"\end{itemize}", "<ol>\n<li>b</li>\n</ol></li>\n</ul>"),
    "verbatim_keeps_spacing_and_escapes": ("\\begin{verbatim}\n  a  <b> % &\n\\end{verbatim}",
                                           "<pre>  a  &lt;b&gt; % &amp;</pre>"),
    "lstlisting_drops_its_options": ("\\begin{lstlisting}[language=C]\nint x;\n\\end{lstlisting}",
                                     "<pre>int x;</pre>"),
    "texttt": (r"print \texttt{impossible}", "<code>impossible</code>"),
    "textbf": (r"\textbf{least}", "<strong>least</strong>"),
    "emph": (r"\emph{not}", "<em>not</em>"),
    "textit": (r"\textit{x}", "<em>x</em>"),
    "underline_and_sout": (r"\underline{u}\sout{s}", "<u>u</u><s>s</s>"),
    "bf_declaration_styles_the_rest_of_its_group": (r"a {\bf b c} d", "a <strong>b c</strong> d"),
    "it_and_tt_declarations": (r"{\it x}{\tt y}", "<em>x</em><code>y</code>"),
    "size_declaration": (r"{\large big}", '<span class="size-large">big</span>'),
    "inline_math": (r"with $1 \le n \le 10^5$ items",
                    '<span class="math inline">1 \\le n \\le 10^5</span>'),
    "display_math_dollars": ("$$ x^2 $$", '<div class="math display">x^2</div>'),
    "display_math_brackets": (r"\[ y \]", '<div class="math display">y</div>'),
    "inline_math_parentheses": (r"\( z \)", '<span class="math inline">z</span>'),
    "equation_star": (r"\begin{equation*} a = b \end{equation*}",
                      '<div class="math display">a = b</div>'),
    "equation_label_is_dropped": (r"\begin{equation}e\label{eq:1}\end{equation}",
                                  '<div class="math display">e</div>'),
    "align_star_becomes_aligned": (r"\begin{align*}a&=b\end{align*}",
                                   "\\begin{aligned}a&amp;=b\\end{aligned}"),
    "escaped_dollar_is_text": (r"\$5", "<p>$5</p>"),
    "math_keeps_percent_escapes": (r"$50\%$", '<span class="math inline">50\\%</span>'),
    "illustration_floats_with_caption": (
        r"\illustration{0.3}{ferry.png}{A ferry}",
        '<figure class="illustration" style="width: 30%"><img src="ferry.png" alt="A ferry">'
        "<figcaption>A ferry</figcaption></figure>"),
    "includegraphics_keeps_width_fraction": (r"\includegraphics[width=0.5\textwidth]{g.png}",
                                             '<img src="g.png" alt="" style="width: 50%">'),
    "includegraphics_plain": (r"\includegraphics{g.jpg}", '<img src="g.jpg" alt="">'),
    "figure_with_caption": (r"\begin{figure}[h]\centering\includegraphics{f.png}"
                            r"\caption{Map}\end{figure}",
                            '<figure class="figure">\n<p><img src="f.png" alt=""></p>\n'
                            "<figcaption>Map</figcaption>\n</figure>"),
    "tabular_rows_cells_and_alignment": (
        r"\begin{tabular}{|l|r|}\hline a & b \\ \hline c & d \\ \hline\end{tabular}",
        '<table class="tabular">\n<tr><td class="align-l">a</td><td class="align-r">b</td></tr>\n'
        '<tr><td class="align-l">c</td><td class="align-r">d</td></tr>\n</table>'),
    "tabular_multicolumn": (r"\begin{tabular}{ccc}\multicolumn{2}{c}{ab} & c\end{tabular}",
                            '<td class="align-c" colspan="2">ab</td><td class="align-c">c</td>'),
    "tabular_multirow_covers_the_cell_below": (
        r"\begin{tabular}{ll}\multirow{2}{*}{m} & a \\ & b\end{tabular}",
        '<tr><td class="align-l">b</td></tr>'),
    "url": (r"\url{https://kattis.com/a_b}",
            '<a href="https://kattis.com/a_b">https://kattis.com/a_b</a>'),
    "href": (r"\href{https://icpc.global}{ICPC}", '<a href="https://icpc.global">ICPC</a>'),
    "double_backslash_breaks_the_line": (r"a\\b", "<p>a<br>b</p>"),
    "tilde_is_a_non_breaking_space": ("island~$1$", "island&nbsp;<span"),
    "en_and_em_dashes": ("1--2 and a---b", "1–2 and a—b"),
    "tex_quotes": ("``as early as possible''", "“as early as possible”"),
    "single_quotes": ("`a' don't", "‘a’ don’t"),
    "comments_are_dropped": ("shown % hidden\nnext", "<p>shown next</p>"),
    "escaped_percent_is_text": (r"100\% sure", "<p>100% sure</p>"),
    "special_characters": (r"\& \# \_ \{ \}", "<p>&amp; # _ { }</p>"),
    "ellipsis": (r"1, 2, \ldots, n", "1, 2, …, n"),
    "accents_compose": (r"Sol\"o caf\'e \aa{} na\"{\i}ve \c{c}", "Solö café å naïve ç"),
    "quote_environment": (r"\begin{quote}q\end{quote}", "<blockquote><p>q</p></blockquote>"),
    "center_environment": (r"\begin{center}c\end{center}", '<div class="center"><p>c</p></div>'),
    "epigraph": (r"\epigraph{To be}{Hamlet}",
                 '<blockquote class="epigraph">To be<footer>Hamlet</footer></blockquote>'),
    "verb": (r"\verb|a<b|", "<code>a&lt;b</code>"),
    "layout_commands_vanish": (r"\noindent a\medskip\vspace{2mm} b", "<p>a b</p>"),
}


@pytest.mark.parametrize(("source", "expected"), LATEX_CONSTRUCTS.values(),
                         ids=LATEX_CONSTRUCTS.keys())
def test_latex_renders_construct(source: str, expected: str) -> None:
    statement = render_latex(source, "en")
    assert expected in statement.html
    assert statement.warnings == ()


@pytest.mark.parametrize(("source", "title"), [
    (r"\problemname{Ferry Timetable}", "Ferry Timetable"),
    (r"\problemname{The \emph{Best} Route}", "The Best Route"),
    (r"\problemname{Kaffe \& kakor}", "Kaffe & kakor"),
    ("No name here.", ""),
])
def test_latex_problemname_gives_a_plain_text_title_and_no_html(source: str, title: str) -> None:
    statement = render_latex(source, "sv")
    assert (statement.title, statement.language) == (title, "sv")
    assert "problemname" not in statement.html and "Ferry" not in statement.html


LATEX_HOSTILE = {
    "script_in_text": ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    "script_in_texttt": (r"\texttt{<script>}", "<code>&lt;script&gt;</code>"),
    "script_in_verbatim": ("\\begin{verbatim}\n<script>\n\\end{verbatim}", "&lt;script&gt;"),
    "script_in_math": ("$</span><script>$", "&lt;/span&gt;&lt;script&gt;"),
    "quote_in_url_cannot_leave_the_attribute": (r'\url{https://x.org/"><script>}',
                                                'href="https://x.org/&quot;&gt;&lt;script&gt;"'),
    "script_in_caption": (r"\illustration{0.5}{a.png}{<script>}",
                          'alt="&lt;script&gt;"><figcaption>&lt;script&gt;'),
}


@pytest.mark.parametrize(("source", "expected"), LATEX_HOSTILE.values(),
                         ids=LATEX_HOSTILE.keys())
def test_latex_escapes_hostile_text(source: str, expected: str) -> None:
    rendered = tex(source)
    assert expected in rendered
    assert "<script" not in rendered


@pytest.mark.parametrize("source", [
    r"\href{javascript:alert(1)}{click}",
    r"\href{java	script:alert(1)}{click}",
    r"\url{vbscript:x}",
    r"\includegraphics{javascript:alert(1)}",
    r"\includegraphics{../../secret.png}",
    r"\illustration{0.5}{http://tracker.example/p.png}{x}",
    r"\includegraphics{/etc/hosts.png}",
])
def test_latex_unsafe_link_or_image_is_dropped_with_a_warning(source: str) -> None:
    statement = render_latex(source, "en")
    assert "href=" not in statement.html and "src=" not in statement.html
    assert len(statement.warnings) == 1 and "dropped" in statement.warnings[0]


LATEX_WARNINGS = {
    "unknown_command_keeps_its_argument": (r"a \foo[opt]{kept} b", "a kept b",
                                           "line 1: unknown command \\foo: kept its text"),
    "unknown_environment_keeps_its_text": ("x\n\\begin{weird}inside\\end{weird}", "inside",
                                           "line 2: unknown environment weird: kept its text"),
    "macro_definitions_are_ignored": (r"\newcommand{\N}[1]{#1}a", "<p>a</p>",
                                      "line 1: \\newcommand ignored: macros are not expanded"),
    "def_is_ignored": (r"\def \htmlPixelsInCm{10}a", "<p>a</p>",
                       "line 1: \\def ignored: macros are not expanded"),
    "nextsample_is_not_supported": (r"a\nextsample", "<p>a</p>",
                                    "line 1: \\nextsample is not supported: "
                                    "the samples follow the statement"),
    "unclosed_group": ("{\\bf a\n\nb", "<strong>a</strong>", "line 3: missing }"),
    "stray_closing_brace": ("a}b", "<p>ab</p>", "line 1: } without {"),
    "unclosed_inline_math": ("$x\n\ny", "<p>$x</p>", "line 1: $ without $: kept as text"),
    "missing_end": (r"\begin{itemize}\item a", "<li>a</li>", "line 1: missing \\end{itemize}"),
    "end_without_begin": (r"a\end{center}", "<p>a</p>", "line 1: \\end{center} without \\begin"),
    "unclosed_item_label": (r"\begin{itemize}\item[a b", "<li><strong>a b</strong>",
                            "line 1: missing ]"),
    "unclosed_optional_argument": (r"x\\[2mm", "<p>x</p>", "line 1: missing ]"),
    "item_outside_a_list": (r"\item a", "<p>a</p>", "line 1: \\item outside a list"),
    "pdf_image": (r"\includegraphics{fig.pdf}", 'src="fig.pdf"',
                  "line 1: image 'fig.pdf' may not show in a browser: use .png, .jpg or .svg"),
}


@pytest.mark.parametrize(("source", "expected", "warning"), LATEX_WARNINGS.values(),
                         ids=LATEX_WARNINGS.keys())
def test_latex_records_a_warning_and_renders_on(source: str, expected: str, warning: str) -> None:
    statement = render_latex(source, "en")
    assert expected in statement.html
    assert warning in statement.warnings


def test_latex_unknown_command_is_warned_once_with_its_first_line() -> None:
    statement = render_latex("\\foo{a}\n\\foo{b}\n\\bar", "en")
    assert statement.warnings == ("line 1: unknown command \\foo: kept its text",
                                  "line 3: unknown command \\bar: kept its text")


def test_latex_brace_missing_inside_a_list_closes_at_the_lists_end() -> None:
    statement = render_latex(r"\begin{itemize}\item {\em x\end{itemize} after", "en")
    assert "<li><em>x</em></li>\n</ul>\n<p>after</p>" in statement.html
    assert statement.warnings == ("line 1: missing } before \\end{itemize}",)


def test_latex_deep_nesting_falls_back_to_source_instead_of_crashing() -> None:
    statement = render_latex("{" * 5000 + "x" + "}" * 5000, "en")
    assert statement.html.startswith("<pre>{{{")
    assert statement.warnings == ("nested too deeply to convert: shown as source",)


def test_latex_never_raises_or_lets_markup_through_on_random_input() -> None:
    alphabet = ["\\", "{", "}", "[", "]", "$", "$$", "%", "&", "~", "\n", "\n\n", " ", "a", "<",
                ">", '"', "'", "`", "-", r"\begin{itemize}", r"\end{itemize}", r"\item",
                r"\begin{tabular}{lc}", r"\end{tabular}", r"\\", r"\bf", r"\textbf", r"\foo",
                r"\verb", r"\url", r"\href", r"\[", r"\]", r"\begin{verbatim}", "<script>"]
    rng = random.Random(2023)
    for _ in range(500):
        source = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        statement = render_latex(source, "en")
        assert "<script" not in statement.html, source


def test_latex_crlf_line_ends_split_paragraphs_too() -> None:
    assert tex("one\r\n\r\ntwo") == "<p>one</p>\n<p>two</p>"


def test_latex_fixture_in_kattis_style() -> None:
    statement = render_statement(FIXTURES / "ferries/problem.en.tex")
    page = statement.html
    assert (statement.language, statement.title, statement.warnings) == \
        ("en", "Ferry Timetable", ())
    assert page.startswith('<figure class="illustration" style="width: 35%">'
                           '<img src="ferry.png" alt="The ferry Solö at the northern pier.">')
    assert "Statement for the ferry problem" not in page
    assert "<h2>Input</h2>" in page and "<h2>Output</h2>" in page and "<h3>Example</h3>" in page
    assert "<p>Your friend Ola lives on island&nbsp;" in page
    assert "“as early as possible” is not the whole story – Ola" in page
    assert '<div class="math display">W = \\sum_{k=1}^{r-1}' in page
    assert page.count("<li>") == 2 and "the number of islands and departures.</li>" in page
    assert "<code>impossible</code>" in page and "<strong>least</strong>" in page
    assert '<tr><td class="align-c">1</td><td class="align-c">2</td>' in page
    assert "island&nbsp;<span class=\"math inline\">2</span>—see" in page
    assert '<a href="https://en.wikipedia.org/wiki/Ferry">' in page
    assert "<pre>2 3\n1 2 0 10</pre>" in page


# --- Files ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "language", "html"), [
    ("problem.en.md", "en", "<p><em>hi</em></p>"),
    ("problem.sv.tex", "sv", "<p><em>hi</em></p>"),
    ("problem.pt-BR.md", "pt-BR", "<p><em>hi</em></p>"),
    ("problem.tex", "en", "<p><em>hi</em></p>"),
])
def test_statement_file_name_chooses_language_and_format(
        tmp_path: Path, name: str, language: str, html: str) -> None:
    path = tmp_path / name
    path.write_text("*hi*" if name.endswith(".md") else r"\emph{hi}", encoding="utf-8")
    assert render_statement(path) == Statement(language, "", html, ())


@pytest.mark.parametrize("name", ["problem.en.docx", "statement.en.md", "problem.english.tex"])
def test_statement_file_that_is_not_markdown_or_latex_is_a_package_error(
        tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("x")
    with pytest.raises(PackageError, match=name):
        render_statement(path)


def test_statement_file_that_is_not_utf8_is_a_package_error(tmp_path: Path) -> None:
    path = tmp_path / "problem.en.md"
    path.write_bytes(b"caf\xe9")
    with pytest.raises(PackageError, match="problem.en.md: not UTF-8"):
        render_statement(path)


# --- Samples --------------------------------------------------------------------------------

def test_samples_table_puts_each_input_beside_its_output() -> None:
    table = samples_table([("1", b"1 2\n", b"3\n"), ("2", b"5 5\n", b"10\n")])
    assert table.startswith('<table class="samples">')
    assert "<tr><th>Sample input 1</th><th>Sample output 1</th></tr>" in table
    assert "<tr><td><pre>1 2\n</pre></td><td><pre>3\n</pre></td></tr>" in table
    assert table.index("Sample input 1") < table.index("Sample input 2")
    assert "sample-cut" not in table


def test_samples_table_escapes_names_and_contents() -> None:
    table = samples_table([("<b>", b"<script>alert(1)</script>\n", b"a & b\n")])
    assert "<script" not in table and "<b>" not in table
    assert "<pre>&lt;script&gt;alert(1)&lt;/script&gt;\n</pre>" in table
    assert "<pre>a &amp; b\n</pre>" in table and "Sample input &lt;b&gt;" in table


def test_samples_table_shows_bad_utf8_as_replacement_characters() -> None:
    assert "<pre>caf\ufffd\n</pre>" in samples_table([("1", b"caf\xe9\n", b"")])


@pytest.mark.parametrize(("data", "note"), [
    (b"1\n" * 1000, "Cut for display: 100 of 1000 lines, 200 of 2000 characters shown."),
    (b"9" * (SAMPLE_LIMIT + 10), f"Cut for display: 1 of 1 lines, {SAMPLE_LIMIT} of "
                                 f"{SAMPLE_LIMIT + 10} characters shown."),
])
def test_samples_table_cuts_a_large_sample_with_a_note(data: bytes, note: str) -> None:
    table = samples_table([("big", data, b"ok\n")])
    assert note in table
    assert table.count("sample-cut") == 1
    assert len(table) < SAMPLE_LIMIT + 1000


def test_samples_table_of_no_samples_is_empty() -> None:
    assert samples_table([]) == ""
