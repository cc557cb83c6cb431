"""PDF renderings of what people send: made with WeasyPrint from HTML templates."""
