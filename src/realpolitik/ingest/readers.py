"""Read articles from files, folders and stdin: `read_inputs(paths)` yields items or failures.

Text is decoded as UTF-8 (a leading byte-order mark is dropped, as `utf-8-sig` does); other
encodings are refused with the offending byte and offset rather than guessed, because every
offset in the analysis record points into the text exactly as read.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger(__name__)

#: Files (and stdin, and single JSONL lines) larger than this are refused unread.
MAX_BYTES = 10 * 1024 * 1024
#: Plain-text extensions: the file's text is the article.
TEXT_EXTENSIONS = (".txt", ".md")
HTML_EXTENSIONS = (".html", ".htm")
JSONL_EXTENSIONS = (".jsonl",)
EXTENSIONS = TEXT_EXTENSIONS + HTML_EXTENSIONS + JSONL_EXTENSIONS
#: The name stdin's item gets; also the path that means stdin.
STDIN = "-"
_BOM = b"\xef\xbb\xbf"
#: Above this share of control bytes, undecodable content is called binary rather than mis-encoded.
_BINARY_SHARE = 0.10


@dataclass
class InputItem:
    """One article read from an input, ready for `analyze`."""

    name: str
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None

    def meta(self) -> dict:
        """The mapping `analyze_many` takes: text and metadata."""
        return {"text": self.text, "title": self.title, "published": self.published,
                "url": self.url, "source": self.source}


@dataclass
class InputFailure:
    """An input that could not be read, with a one-line reason for the user."""

    name: str
    reason: str


class ReadError(ValueError):
    """Raised inside this module for an unreadable input; becomes an InputFailure."""


def read_inputs(paths: Iterable[str | Path], *, stdin: BinaryIO | None = None) -> Iterator[InputItem | InputFailure]:
    """Yield an InputItem per article, or an InputFailure per input that cannot be read, in order.

    A path is a file, a folder (recursed in sorted order; files with known extensions only,
    hidden files and folders skipped) or `-` for stdin (plain text).
    """
    for path in paths:
        if str(path) == STDIN:
            yield _read_stdin(stdin if stdin is not None else sys.stdin.buffer)
            continue
        path = Path(path)
        if path.is_dir():
            for file in expand_dir(path):
                yield from read_file(file)
        else:
            yield from read_file(path)


def expand_dir(folder: Path) -> list[Path]:
    """The readable files under `folder`, sorted, hidden entries and unknown extensions skipped."""
    found = []
    for file in sorted(folder.rglob("*")):
        rel = file.relative_to(folder).parts
        if any(part.startswith(".") for part in rel) or not file.is_file():
            continue
        if file.suffix.lower() in EXTENSIONS:
            found.append(file)
        else:
            log.debug("skipping %s: unknown extension", file)
    return found


def read_file(path: Path) -> Iterator[InputItem | InputFailure]:
    """Yield the article(s) in one file, or a failure."""
    name = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix not in EXTENSIONS:
            raise ReadError(f"unsupported file type {suffix or '(none)'!r} "
                            "(expected .txt, .md, .html, .jsonl)")
        if suffix in JSONL_EXTENSIONS:
            yield from _read_jsonl(path)
            return
        text = decode(_read_bytes(path))
        if suffix in HTML_EXTENSIONS:
            yield _html_item(name, text, source=path.name)
        else:
            yield InputItem(name=name, text=text, source=path.name)
    except ReadError as exc:
        yield InputFailure(name, str(exc))
    except OSError as exc:
        yield InputFailure(name, _os_reason(exc))


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    return (exc.strerror or str(exc)).strip()


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size  # checked before reading, so a huge file is never loaded
    if size > MAX_BYTES:
        raise ReadError(_too_large(size))
    with path.open("rb") as fh:
        return fh.read(MAX_BYTES + 1)


def _too_large(size: int) -> str:
    return f"file too large ({size / 1_000_000:.1f} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB)"


def _read_stdin(stream: BinaryIO) -> InputItem | InputFailure:
    try:
        data = stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise ReadError(f"input too large (over {MAX_BYTES // (1024 * 1024)} MB)")
        return InputItem(name=STDIN, text=decode(data), source=None)
    except ReadError as exc:
        return InputFailure(STDIN, str(exc))


def decode(data: bytes) -> str:
    """Decode UTF-8 text (BOM dropped), raising ReadError for empty, binary or mis-encoded data."""
    if not data.strip():
        raise ReadError("empty file")
    if b"\x00" in data:
        raise ReadError("binary file, not text")
    body = data[len(_BOM):] if data.startswith(_BOM) else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _looks_binary(body):
            raise ReadError("binary file, not text") from exc
        offset = exc.start + (len(data) - len(body))
        raise ReadError(f"not valid UTF-8 (byte 0x{body[exc.start]:02x} at offset {offset})") from exc
    if not text.strip():
        raise ReadError("empty file")
    if _looks_binary(text.encode("utf-8")):
        raise ReadError("binary file, not text")
    return text


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    control = sum(1 for b in sample if (b < 32 and b not in b"\t\n\r\f\v\x1b") or b == 127)
    return control / max(1, len(sample)) > _BINARY_SHARE


def _html_item(name: str, html: str, *, source: str) -> InputItem:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, output_format="txt")
    if not text or not text.strip():
        raise ReadError("no article text found in HTML")
    meta = trafilatura.extract_metadata(html)
    return InputItem(name=name, text=text, source=source,
                     title=getattr(meta, "title", None) or None,
                     published=getattr(meta, "date", None) or None,
                     url=getattr(meta, "url", None) or None)


def _read_jsonl(path: Path) -> Iterator[InputItem | InputFailure]:
    """One item per non-blank line; a broken line is a failure of that line only.

    A JSONL file is streamed, so the size limit applies to each line, not to the file.
    """
    any_line = False
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            any_line = True
            name = f"{path}:{number}"
            try:
                yield _jsonl_item(name, raw, source=path.name)
            except ReadError as exc:
                yield InputFailure(name, str(exc))
    if not any_line:
        yield InputFailure(str(path), "empty file")


def _jsonl_item(name: str, raw: bytes, *, source: str) -> InputItem:
    if len(raw) > MAX_BYTES:
        raise ReadError(f"line too large ({len(raw) / 1_000_000:.1f} MB; the limit is "
                        f"{MAX_BYTES // (1024 * 1024)} MB)")
    try:
        obj = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ReadError(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start} of the line)") from exc
    except json.JSONDecodeError as exc:
        raise ReadError(f"invalid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(obj, dict):
        raise ReadError(f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ReadError('no "text" field with the article text')
    return InputItem(name=name, text=text, title=_opt(obj, "title"), published=_opt(obj, "published"),
                     url=_opt(obj, "url"), source=_opt(obj, "source") or source)


def _opt(obj: dict, key: str) -> str | None:
    value = obj.get(key)
    return None if value in (None, "") else str(value)
