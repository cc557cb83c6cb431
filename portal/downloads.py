"""Private files: the PDF copies, attachments and authority documents people download."""

from flask import Response


def private_file(data: bytes, mimetype: str, filename: str) -> Response:
    """A private file, saved rather than shown, never kept in a shared cache."""
    return Response(
        data,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )
