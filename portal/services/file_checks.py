"""An upload read in full before it is kept: a PDF with pypdf, a picture with Pillow. It must be
what its first bytes say, and a PDF must hold nothing a viewer would run or open (the list is
portal.rules.files'), since caseworkers open what people send."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ..rules.files import MAX_PIXELS, is_active_pdf_part

if TYPE_CHECKING:
    from pypdf import PdfReader

# Pillow's name for each picture type portal.rules.files.sniff knows.
_PICTURES = {"image/jpeg": "JPEG", "image/png": "PNG"}
# The entries portal.rules.files.is_active_pdf_part reads the values of.
_NAMED = ("/S", "/Type", "/Subtype", "/URI")


def problem_with(data: bytes, content_type: str) -> str | None:
    """Why the file cannot be kept: 'unreadable_pdf', 'locked_pdf', 'active_pdf',
    'unreadable_image' or 'image_too_large'; None when it is fine."""
    if content_type == "application/pdf":
        return _pdf_problem(data)
    return _picture_problem(data, _PICTURES[content_type])


def _pdf_problem(data: bytes) -> str | None:
    from pypdf import PdfReader  # lazy: pypdf and cryptography, some 14 MB a worker, only for uploads

    try:
        reader = PdfReader(io.BytesIO(data))
        # Many PDFs are encrypted with an empty password only to limit printing or copying:
        # they open without a question, and are read here the same way.
        if reader.is_encrypted and not reader.decrypt(""):
            return "locked_pdf"
        if len(reader.pages) == 0:
            return "unreadable_pdf"
        return "active_pdf" if _has_active_part(reader) else None
    except Exception:  # a broken or hostile file makes pypdf raise all sorts; each means the same
        return "unreadable_pdf"


def _has_active_part(reader: PdfReader) -> bool:
    """Every object the file holds, whether the document reaches it or not (a viewer that
    repairs a file may find it), each dictionary judged by the rule."""
    from pypdf.generic import IndirectObject  # lazy, as above

    waiting: list = [reader.trailer]
    for generation, numbers in reader.xref.items():
        waiting += [IndirectObject(number, generation, reader) for number in numbers]
    waiting += [IndirectObject(number, 0, reader) for number in reader.xref_objStm]
    seen: set[tuple[int, int]] = set()
    while waiting:
        item = waiting.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, dict):
            # Indexing a pypdf dictionary follows a reference (an action's /S may be one); its
            # values as listed do not, and are followed here once each.
            named = {key: _plain(item[key]) for key in _NAMED if key in item}
            if is_active_pdf_part({**item, **named}):
                return True
            waiting.extend(item.values())
        elif isinstance(item, list):
            waiting.extend(item)
    return False


def _plain(value: object) -> object:
    """A PDF string as text (a link stored as bytes, say); anything else as it is."""
    return bytes(value).decode("latin-1") if isinstance(value, bytes) else value


def _picture_problem(data: bytes, kind: str) -> str | None:
    from PIL import Image  # lazy: Pillow, only for uploads

    try:
        with _whole_pictures_only():
            with Image.open(io.BytesIO(data), formats=[kind]) as picture:
                width, height = picture.size
                if width * height > MAX_PIXELS:
                    return "image_too_large"
                picture.verify()  # the structure: PNG's chunks and their checksums
            with Image.open(io.BytesIO(data), formats=[kind]) as picture:
                # Every byte decoded; a JPEG at an eighth of its size, which reads all its
                # data but needs a sixty-fourth of the memory.
                picture.draft(picture.mode, (max(1, width // 8), max(1, height // 8)))
                picture.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return "image_too_large"
    except Exception:  # as for a PDF: what Pillow cannot decode is no picture to keep
        return "unreadable_image"
    return None


_pillow_settings = threading.Lock()


@contextmanager
def _whole_pictures_only() -> Iterator[None]:
    """WeasyPrint, once imported, tells Pillow to fill in whatever a cut-off picture lacks (a
    global, ImageFile.LOAD_TRUNCATED_IMAGES); a picture that arrived in part must be refused
    all the same, whether or not a PDF has been drawn in this process yet. The portal's PDFs
    hold no pictures, so they do not mind the moment it is off."""
    from PIL import ImageFile  # lazy, as above

    with _pillow_settings:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before
