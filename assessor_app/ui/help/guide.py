"""The user guide's source (resources/help/LANG/guide.md) read into blocks, and the blocks as HTML.

The guide is written in a small part of Markdown, so that one source gives both the page the app
shows (QTextBrowser, HTML) and the PDF shipped beside it (packaging/build_help_pdf.py, reportlab):

    # Title of the guide
    ## Section title {#topic}        a section; `topic` is the context id F1 opens it at
    ### Sub-heading
    - an item of a list
    ![caption](images/file.png)      a picture on a line of its own
    a paragraph (lines up to an empty line); **bold** inside text

No Qt here: the PDF build reads the same blocks without a window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from assessor_app.domain.text import nfc
from assessor_app.paths import resource

GUIDE_FILE = "guide.md"
PDF_NAMES = {"vi": "huong-dan-su-dung.pdf", "en": "user-guide.pdf"}

_HEADING = re.compile(r"^(#{1,3})\s+(.*?)(?:\s+\{#([a-z0-9-]+)\})?\s*$")
_IMAGE = re.compile(r"^!\[(.*)\]\((.+)\)\s*$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str  # empty: not a place F1 opens


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Image:
    path: str  # relative to the guide's folder
    caption: str


Block = Heading | Paragraph | Bullets | Image


def guide_folder(language: str) -> Path:
    """The folder of the guide in `language` (English for a language without a guide)."""
    folder = resource("help", language)
    return folder if (folder / GUIDE_FILE).is_file() else resource("help", "en")


class _Reader:
    """Lines in, blocks out: the paragraph or list being read is closed by an empty line, a
    heading or a picture."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.lines: list[str] = []
        self.items: list[str] = []

    def close(self) -> None:
        if self.lines:
            self.blocks.append(Paragraph(" ".join(self.lines)))
            self.lines.clear()
        if self.items:
            self.blocks.append(Bullets(tuple(self.items)))
            self.items.clear()

    def add(self, line: str) -> None:
        if not line:
            self.close()
        elif heading := _HEADING.match(line):
            self.close()
            self.blocks.append(Heading(len(heading[1]), heading[2], heading[3] or ""))
        elif image := _IMAGE.match(line):
            self.close()
            self.blocks.append(Image(image[2], image[1]))
        elif line.startswith("- "):
            if self.lines:
                self.close()
            self.items.append(line[2:])
        elif self.items:  # a continuation of the last item
            self.items[-1] += " " + line
        else:
            self.lines.append(line)


def parse(source: str) -> list[Block]:
    """The blocks of a guide, in order."""
    reader = _Reader()
    for line in nfc(source).splitlines():
        reader.add(line.strip())
    reader.close()
    return reader.blocks


def read(language: str) -> list[Block]:
    return parse((guide_folder(language) / GUIDE_FILE).read_text(encoding="utf-8"))


def sections(blocks: list[Block]) -> list[Heading]:
    """The sections (level 2) with a context id: the table of contents."""
    return [b for b in blocks if isinstance(b, Heading) and b.level == 2 and b.anchor]


def inline_html(text: str) -> str:
    return _BOLD.sub(r"<b>\1</b>", escape(text, quote=False))


def to_html(blocks: list[Block]) -> str:
    """The guide as one HTML page; each section starts with `<a name="topic">`; pictures are
    relative to the guide's folder (the browser's search path)."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            if block.anchor:
                parts.append(f'<a name="{block.anchor}"></a>')
            parts.append(f"<h{block.level}>{inline_html(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            parts.append(f"<p>{inline_html(block.text)}</p>")
        elif isinstance(block, Bullets):
            parts.append("<ul>" + "".join(f"<li>{inline_html(i)}</li>" for i in block.items))
            parts.append("</ul>")
        else:
            parts.append(
                f'<p align="center"><img src="{escape(block.path)}" width="640"><br>'
                f"<i>{inline_html(block.caption)}</i></p>"
            )
    return "\n".join(parts)
