"""The one safe text opener: bytes or buffers to text with encoding detection, BOMs, mixed files."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ..errors import SchemaError, format_problems
from ._common import _shorten

logger = logging.getLogger("paradiplo_net.io")


def _read_bytes(src: Any) -> bytes | str:
    if isinstance(src, (str, Path)):
        return Path(src).read_bytes()
    if hasattr(src, "read"):
        return src.read()
    raise TypeError(
        f"expected a path, a file-like object or a pandas.DataFrame, got {type(src).__name__}"
    )


def _line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


def _refuse_binary(data: bytes, label: str) -> None:
    if b"\x00" in data[:8192]:
        raise SchemaError(
            format_problems(
                label,
                [f"NUL bytes found (first at byte {data.index(0)}): this is not a text table"],
                fix="pass a CSV/TSV text file; for Excel files use pandas.read_excel and pass the "
                "frame",
            )
        )


def _decode_given(data: bytes, encoding: str, label: str) -> str:
    """Decode with the caller's encoding; say which lines it cannot read."""
    try:
        return data.decode(encoding)
    except LookupError:
        raise SchemaError(
            format_problems(
                label,
                [f"unknown encoding {encoding!r}"],
                fix="use a Python codec name such as 'utf-8' or 'cp1252'",
            )
        ) from None
    except UnicodeDecodeError as err:
        bad = [i + 1 for i, line in enumerate(data.split(b"\n")) if not _decodes(line, encoding)]
        guess = "utf-8" if _decodes(data, "utf-8") else "cp1252"
        raise SchemaError(
            format_problems(
                label,
                [
                    f"{len(bad)} line(s) contain bytes that are not valid {encoding}: lines "
                    f"{_shorten(bad)} (first bad byte {data[err.start : err.start + 1]!r} at line "
                    f"{_line_of(data, err.start)})"
                ],
                fix=f"pass encoding={guess!r}, or encoding=None to detect it",
            )
        ) from None


def _refuse_mixed(data: bytes, label: str) -> None:
    """Raise when some lines are UTF-8 with non-ASCII text and others are not UTF-8."""
    lines = data.split(b"\n")
    utf8_lines = [i + 1 for i, ln in enumerate(lines) if not ln.isascii() and _decodes(ln, "utf-8")]
    other_lines = [i + 1 for i, ln in enumerate(lines) if not _decodes(ln, "utf-8")]
    if utf8_lines and other_lines:
        # Mixed file (typically rows pasted together from differently encoded sources): no
        # single encoding reads it, so every guess would garble some names. Say where.
        raise SchemaError(
            format_problems(
                label,
                [
                    f"mixed encodings: {len(utf8_lines)} line(s) are UTF-8 with non-ASCII "
                    f"characters (lines {_shorten(utf8_lines)}) and {len(other_lines)} line(s) "
                    f"are not valid UTF-8 (lines {_shorten(other_lines)})"
                ],
                fix="re-save the file as UTF-8; or pass encoding='mixed' to decode each line on "
                "its own (UTF-8 where valid, else cp1252) and check the names in those lines",
            )
        )


def _decode_detect(data: bytes, label: str, notes: list[str]) -> str:
    """UTF-8 (with or without BOM), else cp1252, else latin-1; a mixed file is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        notes.append("encoding: utf-8 with byte-order mark (utf-8-sig)")
        return data.decode("utf-8-sig")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        first_bad = _line_of(data, err.start)
    _refuse_mixed(data, label)
    for enc in ("cp1252", "latin-1"):
        if _decodes(data, enc):
            notes.append(
                f"encoding: not valid UTF-8 (first bad byte at line {first_bad}); decoded as {enc}"
            )
            return data.decode(enc)
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def _decode(data: bytes, encoding: str | None, label: str, notes: list[str]) -> str:
    """Decode bytes; with ``encoding=None`` try utf-8, utf-8-sig, cp1252, latin-1 (noted)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and encoding is None:
        notes.append("encoding: UTF-16 (byte-order mark)")
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise SchemaError(
                format_problems(
                    label,
                    [
                        f"starts with a UTF-16 byte-order mark but is not valid UTF-16 (bad "
                        f"bytes at byte {err.start}: {err.reason})"
                    ],
                    fix="re-save the file as UTF-8 (or complete UTF-16), or pass encoding=...",
                )
            ) from None
    _refuse_binary(data, label)
    if encoding == "mixed":
        return _decode_lines(data, label, notes)
    if encoding is not None:
        return _decode_given(data, encoding, label)
    return _decode_detect(data, label, notes)


def read_text(
    src: Any,
    *,
    encoding: str | None = None,
    label: str | None = None,
    notes: list[str] | None = None,
    errors: str = "strict",
) -> str:
    """Open a path or a text/binary buffer as text: the one safe text opener of the readers.

    With ``encoding=None`` the encoding is detected: UTF-16 or UTF-8 byte-order marks, then
    UTF-8, then cp1252, then latin-1; the choice is appended to ``notes``. A file mixing
    UTF-8 lines with lines in another encoding is refused (no single guess reads it), and
    ``encoding="mixed"`` decodes it line by line (UTF-8 where valid, else cp1252). Binary
    data (NUL bytes) is refused. With ``errors`` other than ``"strict"`` the bytes are
    decoded leniently with ``encoding`` (UTF-8 by default) and that Python error handler.

    Parameters
    ----------
    src : path or file-like
        A path, or an open text or binary buffer (a text buffer is returned as read).
    encoding : str, optional
        A Python codec name, ``"mixed"``, or None to detect.
    label : str, optional
        Name of the input in error messages (defaults to the path or ``"<buffer>"``).
    notes : list of str, optional
        Receives notes on the encoding used (e.g. a report's notes).
    errors : str, default "strict"
        ``"replace"`` reads undecodable bytes as U+FFFD instead of detecting the encoding.

    Returns
    -------
    str

    Raises
    ------
    SchemaError
        Binary data, an unknown codec, bytes invalid in the given encoding (the lines are
        listed) or a mixed-encoding file.
    TypeError
        If ``src`` is neither a path nor a readable object.

    Examples
    --------
    >>> import io
    >>> notes = []
    >>> read_text(io.BytesIO("Saarbr\u00fccken".encode("cp1252")), notes=notes)
    'Saarbrücken'
    >>> notes
    ['encoding: not valid UTF-8 (first bad byte at line 1); decoded as cp1252']
    """
    raw = _read_bytes(src)
    if isinstance(raw, str):
        return raw
    if errors != "strict":
        return raw.decode(encoding or "utf-8", errors=errors)
    if label is None:
        label = str(src) if isinstance(src, (str, Path)) else "<buffer>"
    return _decode(raw, encoding, label, notes if notes is not None else [])


def _decode_lines(data: bytes, label: str, notes: list[str]) -> str:
    """``encoding="mixed"``: each line UTF-8 where valid, else cp1252 (latin-1 if need be)."""
    lines = data.split(b"\n")
    other = [i + 1 for i, ln in enumerate(lines) if not _decodes(ln, "utf-8")]
    fallback = "cp1252" if all(_decodes(lines[i - 1], "cp1252") for i in other) else "latin-1"
    msg = (
        f"encoding: mixed - {len(other)} line(s) not valid UTF-8 (lines {_shorten(other)}) "
        f"decoded as {fallback}, the rest as UTF-8; check the names in those lines"
    )
    if other:
        logger.warning("%s: %s", label, msg)
        notes.append(msg)
    return "\n".join(
        ln.decode("utf-8") if _decodes(ln, "utf-8") else ln.decode(fallback) for ln in lines
    )


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
