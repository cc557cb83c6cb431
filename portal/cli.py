"""Commands for operators: flask --app portal demo-data (db upgrade comes from Flask-Migrate)."""
from datetime import date

import click
from flask import Flask


def init_app(app: Flask) -> None:
    @app.cli.command("demo-data")
    def demo_data() -> None:
        """Load the demo content. Safe to run again: nothing is added twice."""
        from .services.notices import load_demo_notices

        added = load_demo_notices(date.today())
        click.echo(f"Demo data loaded: {added} new notice(s).")
