"""Private files: the PDF copies, attachments and authority documents people download."""

from flask import Response

# An uploaded file is whatever its sender made it. Should a browser show one rather than save
# it (an old browser, a PDF viewer in a tab, someone opening the link directly), it runs as a
# page from a unique origin with no scripts, no forms and no access to the portal's cookies:
# this replaces the pages' policy, which would allow the portal's own scripts.
SANDBOX = "sandbox"


def private_file(data: bytes, mimetype: str, filename: str) -> Response:
    """A private file, saved rather than shown, never kept in a shared cache, never sniffed
    into something else, and sandboxed should it be shown after all."""
    return Response(
        data,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
            "Content-Security-Policy": SANDBOX,
            "X-Content-Type-Options": "nosniff",
        },
    )
