"""HTML pages to plain text, for the documents stage: markup stripped, entities decoded, scripts and styles
dropped, and each block (title, heading, paragraph, list item, table cell, <br>) on a line of its own so that
the sentence splitter sees the page's structure. Inline markup (<b>, <a>, <span>) joins its text to its
neighbours: "support <b>Jintian</b> Copper" stays one sentence.

Parsed by Beautiful Soup with Python's own html.parser: no native code, lenient with the broken markup of
scraped pages, and nothing in a page is ever run or fetched (no script, no external entity, no URL).
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction

# Markup whose content is not text a reader sees.
DROPPED = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas", "head")
BLOCKS = frozenset(
    "address article aside blockquote br caption dd details div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead title tr ul"
    .split()
)
_BREAK = "\x00"  # stands for a block boundary while the text is assembled; documents hold no NUL
_SPACE_RE = re.compile(r"[ \t\r\n\f\v]+")
_HTML_START_RE = re.compile(
    r"(?:\ufeff)?\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_META_CHARSET_RE = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.\-]{1,40})", re.IGNORECASE)


def looks_like_html(name: str, text: str) -> bool:
    """An HTML page: by its file name (.html, .htm ...), or a .txt saved from a browser that starts with
    <!DOCTYPE html>, <html>, <head> or <body>."""
    return name.lower().endswith(HTML_SUFFIXES) or bool(_HTML_START_RE.match(text[:4096]))


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its start, if any."""
    match = _META_CHARSET_RE.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def html_to_text(html: str) -> str:
    """The text a reader sees on the page, one block per line (blank lines between blocks collapsed)."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(DROPPED):
        if tag.name == "head":
            # the page title is the document's title; the rest of <head> is metadata
            for child in list(tag.children):
                if getattr(child, "name", None) != "title":
                    child.extract()
        else:
            tag.decompose()
    for node in soup.find_all(string=lambda s: isinstance(s, (Comment, Declaration, Doctype,
                                                                ProcessingInstruction))):
        node.extract()
    for tag in soup.find_all(BLOCKS):
        tag.insert_before(_BREAK)
        tag.append(_BREAK)
    text = _SPACE_RE.sub(" ", soup.get_text())
    lines = (line.strip() for line in text.split(_BREAK))
    return "\n".join(line for line in lines if line)
