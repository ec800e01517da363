"""Real-sized benchmark documents built from the sample web's texts (real council wording plus filler)."""

from __future__ import annotations

from pathlib import Path

CONTENT = Path(__file__).resolve().parent.parent / "sampleweb" / "content"
POLICY_TEXTS = ("gloucestershire-rule-21.txt", "cambridge-filming.txt", "watford-filming-guidance.txt",
                "haringey-filming-notice.txt", "nalc-standing-order-3.txt", "newport-notice-of-recording.txt",
                "cassington-recording-policy.txt", "filming-protocol-page.txt")
CHARS_PER_PAGE = 3_500


def _body(name: str) -> str:
    """A content file without its source line and comments."""
    lines = (CONTENT / name).read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if line and not line.startswith(("#", "http")))


def constitution(pages: int = 400) -> str:
    """A constitution of `pages` pages of procedure rules, with the recording rule and a protocol inside."""
    filler = _body("procedure-rules.txt") + "\n" + _body("constitution-parts.txt")
    target = pages * CHARS_PER_PAGE
    chunks, size, rule = [], 0, 1
    while size < target:
        chunk = f"\n\nRule {rule}\n{filler}"
        chunks.append(chunk)
        size += len(chunk)
        rule += 1
    chunks.insert(len(chunks) // 2, "\n\n" + _body("gloucestershire-rule-21.txt"))
    chunks.insert(len(chunks) * 4 // 5, "\n\n" + _body("filming-protocol-page.txt"))
    return "".join(chunks)


def policy_dense(size: int = 1_000_000) -> str:
    """Text that is all recording policy: the real protocols and notices, repeated to `size` characters."""
    block = "\n\n".join(_body(name) for name in POLICY_TEXTS)
    return (block + "\n\n") * (size // (len(block) + 2) + 1)
