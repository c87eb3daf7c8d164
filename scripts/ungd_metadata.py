"""Write the metadata CSV for a folder of UN General Debate speeches (``EST_50_1995.txt``).

    python scripts/ungd_metadata.py FOLDER > ungd.csv
    diplograph build FOLDER --metadata ungd.csv

The file name gives the speaker's state (ISO 3166 alpha-3; withdrawn codes such as CSK, DDR
and YUG through ISO 3166-3), the session and the year. The speeches print no date, so the date
is the year; the issuer is the state.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

import pycountry

NAME = re.compile(r"^(?P<code>[A-Z]{3})_(?P<session>\d{2})_(?P<year>\d{4})\.txt$")


def state_id(code: str) -> str | None:
    """The gazetteer id of an ISO alpha-3 code, current or withdrawn."""
    country = pycountry.countries.get(alpha_3=code)
    if country is not None:
        return country.alpha_3.lower()
    historic = pycountry.historic_countries.get(alpha_3=code)
    return historic.alpha_4.lower() if historic is not None else None


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["file", "date", "issuer", "title", "type"])
    for path in sorted(args.folder.rglob("*.txt")):
        match = NAME.match(path.name)
        if match is None:
            print(f"{path}: not named like EST_50_1995.txt; left out", file=sys.stderr)
            continue
        code, session, year = match["code"], int(match["session"]), match["year"]
        issuer = state_id(code)
        if issuer is None:
            print(f"{path}: {code} is no ISO 3166 code; no issuer", file=sys.stderr)
        title = f"General Debate of the {ordinal(session)} session of the UN General Assembly: statement of {code}"
        writer.writerow([path.relative_to(args.folder).as_posix(), year, issuer or "", title, "speech"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
