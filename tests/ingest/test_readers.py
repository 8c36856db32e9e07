"""Reading inputs: every good format, and one clear failure per bad input."""

from __future__ import annotations

import io
import json
import os

import pytest

from realpolitik.ingest import MAX_BYTES, InputFailure, InputItem, read_inputs
from realpolitik.ingest import readers

ARTICLE = "Armenia accused Azerbaijan of shelling Jermuk. Baku denied the claim.\n"
HTML = """<html><head><title>Border clash | Wire</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Border clash near Jermuk</h1>
<p>Armenia said on Tuesday that Azerbaijani forces had shelled positions near the spa town of Jermuk
overnight, and called the attack aggression against a sovereign state. Azerbaijan denied targeting
civilians and said its army had responded to provocations by Armenian units near the border.</p>
<p>The United States and the European Union urged both sides to return to negotiations, and Russia
said a ceasefire had been agreed. Officials in both capitals gave very different accounts of the
fighting, which killed dozens of soldiers on each side according to their governments.</p>
</article><footer>Copyright Wire</footer></body></html>"""


def read(*paths, **kw):
    return list(read_inputs([str(p) for p in paths], **kw))


def only(results):
    assert len(results) == 1
    return results[0]


def failure(results) -> str:
    result = only(results)
    assert isinstance(result, InputFailure), result
    return result.reason


@pytest.mark.parametrize("suffix", [".txt", ".md", ".TXT"])
def test_plain_text(tmp_path, suffix):
    path = tmp_path / f"a{suffix}"
    path.write_text(ARTICLE, encoding="utf-8")
    item = only(read(path))
    assert isinstance(item, InputItem)
    assert item.text == ARTICLE and item.source == path.name and item.name == str(path)
    assert item.meta()["text"] == ARTICLE


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    assert only(read(path)).text == ARTICLE


def test_html(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    item = only(read(path))
    assert isinstance(item, InputItem), item
    assert "shelled positions near the spa town of Jermuk" in item.text
    assert "Home" not in item.text and "Copyright" not in item.text
    assert item.title and "Border clash" in item.title


def test_html_without_article(tmp_path):
    path = tmp_path / "empty.htm"
    path.write_text("<html><head><title>t</title><script>var x = 1;</script></head><body><div></div>"
                    "</body></html>", encoding="utf-8")
    assert failure(read(path)) == "no article text found in HTML"


def test_jsonl_lines_are_items_and_a_broken_line_fails_alone(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": ARTICLE, "title": "One", "published": "2022-09-13",
                         "url": "https://example.org/1"}),
             '{"text": "broken',
             "",
             json.dumps({"title": "no text"}),
             json.dumps(["not", "an", "object"]),
             json.dumps({"text": "Second article.", "source": "Wire"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = read(path)
    assert [type(r).__name__ for r in results] == ["InputItem", "InputFailure", "InputFailure",
                                                   "InputFailure", "InputItem"]
    first, broken, no_text, not_object, last = results
    assert (first.name, first.title, first.published, first.url, first.source) == (
        f"{path}:1", "One", "2022-09-13", "https://example.org/1", "feed.jsonl")
    assert broken.name == f"{path}:2" and broken.reason.startswith("invalid JSON")
    assert no_text.name == f"{path}:4" and "text" in no_text.reason
    assert not_object.name == f"{path}:5" and "JSON object" in not_object.reason
    assert last.name == f"{path}:6" and last.source == "Wire"


def test_stdin():
    item = only(read("-", stdin=io.BytesIO(ARTICLE.encode())))
    assert isinstance(item, InputItem) and item.name == "-" and item.text == ARTICLE


def test_stdin_failure():
    assert failure(read("-", stdin=io.BytesIO(b""))) == "empty file"


def test_directory_recursed_sorted_known_only(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for rel in ("b/2.txt", "a.md", "c.html", ".secret.txt", ".hidden/x.txt", "notes.docx", "z.jsonl"):
        (tmp_path / rel).write_text(ARTICLE if not rel.endswith((".html", ".jsonl")) else
                                    (HTML if rel.endswith(".html") else json.dumps({"text": ARTICLE})))
    names = [r.name for r in read(tmp_path)]
    assert names == [str(tmp_path / "a.md"), str(tmp_path / "b/2.txt"), str(tmp_path / "c.html"),
                     f"{tmp_path / 'z.jsonl'}:1"]


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert failure(read(path)) == "empty file"
    path.write_bytes(b"  \n\t\n")
    assert failure(read(path)) == "empty file"


def test_empty_jsonl(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n")
    assert failure(read(path)) == "empty file"


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    bytes(range(1, 32)) * 40 + b"\xff\xfe",  # no NUL, but mostly control bytes
])
def test_binary_file(tmp_path, data):
    path = tmp_path / "image.txt"
    path.write_bytes(data)
    assert failure(read(path)) == "binary file, not text"


def test_invalid_utf8(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9 talks in Yerevan".encode("latin-1"))
    assert failure(read(path)) == "not valid UTF-8 (byte 0xe9 at offset 3)"


def test_invalid_utf8_offset_counts_the_bom(tmp_path):
    path = tmp_path / "bom-latin1.txt"
    path.write_bytes(b"\xef\xbb\xbfCaf\xe9 talks")
    assert failure(read(path)) == "not valid UTF-8 (byte 0xe9 at offset 6)"


def test_large_file_is_refused_unread(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * 1000 * 1000 + 400_000)

    def never(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(readers.Path, "open", never)
    assert failure(read(path)) == f"file too large (50.4 MB; the limit is {MAX_BYTES // 2**20} MB)"


def test_limit_is_a_module_constant(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 10)
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    assert failure(read(path)).startswith("file too large")


def test_unknown_extension(tmp_path):
    path = tmp_path / "report.xyz"
    path.write_text(ARTICLE)
    assert failure(read(path)) == "unsupported file type '.xyz' (expected .txt, .md, .html, .jsonl)"


def test_missing_file(tmp_path):
    assert failure(read(tmp_path / "nope.txt")) == "no such file or directory"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE)
    path.chmod(0)
    try:
        assert failure(read(path)) == "Permission denied"
    finally:
        path.chmod(0o600)


def test_order_is_kept_across_good_and_bad(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(ARTICLE)
    bad.write_bytes(b"")
    kinds = [type(r).__name__ for r in read(good, bad, good)]
    assert kinds == ["InputItem", "InputFailure", "InputItem"]
