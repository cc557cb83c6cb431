"""Before and after: the in-process profile's times (bench/profile.py) of an earlier commit and
of the working tree, measured at the same time on the same machine.

    python -m bench.compare COMMIT [--size 1000] [--requests 200]

The earlier commit is checked out in a temporary worktree (sharing this tree's virtualenv and
vendored static files, and measured with this tree's bench/), both profiles run side by side, one per core, and the table gives
each page's CPU ms in both and their ratio. On a machine shared with others, times taken an
hour apart can differ by a fifth; times taken together, by a few per cent.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.run import BIN, ROOT


def _worktree(commit: str, folder: Path) -> None:
    subprocess.run(["git", "worktree", "add", "--detach", str(folder), commit], cwd=ROOT, check=True)
    (folder / ".venv").symlink_to(ROOT / ".venv")
    vendor = ROOT / "static" / "vendor"
    if vendor.is_dir() and not (folder / "static" / "vendor").exists():
        shutil.copytree(vendor, folder / "static" / "vendor")
    # The yardstick is this tree's: its profile and seeding, measuring the earlier portal.
    for script in (ROOT / "bench").glob("*.py"):
        shutil.copy(script, folder / "bench" / script.name)
    subprocess.run([str(BIN / "pybabel"), "compile", "-d", "translations"], cwd=folder, check=True, capture_output=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("commit")
    parser.add_argument("--size", default="1000")
    parser.add_argument("--requests", default="200")
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="bench-compare."))
    before = scratch / "before"
    try:
        _worktree(args.commit, before)
        runs = [
            subprocess.Popen(
                [
                    str(BIN / "python"),
                    "-m",
                    "bench.profile",
                    "--no-profile",
                    "--size",
                    args.size,
                    "--requests",
                    args.requests,
                    "--json",
                    str(scratch / f"{name}.json"),
                ],
                cwd=tree,
                stdout=subprocess.DEVNULL,
            )
            for name, tree in (("before", before), ("after", ROOT))
        ]
        if any([run.wait() != 0 for run in runs]):  # both waited for, whichever failed
            print("A profile failed; run python -m bench.profile in each tree to see why.", file=sys.stderr)
            return 1
        old, new = (json.loads((scratch / f"{name}.json").read_text()) for name in ("before", "after"))
        print(
            f"CPU ms per request in one process, SQLite, {int(args.size):,} rows: {args.commit} against the working tree\n"
        )
        print("| page | before | after | after / before |\n|---|---:|---:|---:|")
        for label in new:
            if label in old:
                print(f"| {label} | {old[label]:.2f} | {new[label]:.2f} | {new[label] / old[label]:.2f} |")
            else:
                print(f"| {label} | | {new[label]:.2f} | |")
        return 0
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(before)], cwd=ROOT, capture_output=True)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
