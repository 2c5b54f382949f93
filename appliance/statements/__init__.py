"""Problem statements to HTML: Markdown and a LaTeX subset."""
