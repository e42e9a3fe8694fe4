#!/usr/bin/env python3
"""Build src/blocwatch/data/countries.csv from pycountry plus hand-written overrides.

Offline builder (never imported at run time). Usage, from the repository root:

    python tools/build_countries.py            # write the CSV
    python tools/build_countries.py --check    # exit 1 if the committed CSV is stale

The set of states is fixed here: the 193 UN member states, the two UN observer
states (Holy See, Palestine), Kosovo (user-assigned code XKX, not in ISO 3166-1)
and Taiwan (in ISO 3166-1; a de facto state that news treats as an actor).

For each state the base row comes from pycountry (ISO 3166-1 alpha-3 code, short
name, official name); ``tools/country_overrides.csv`` then sets the common
English name and adds aliases, demonyms and capitals, may drop base names
that would be ambiguous (``drop`` column, e.g. bare "Congo" for COG), and marks
with ``family_name_first`` the states whose people are named family name first
("Wang Yi" is later "Wang", not "Yi").
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
OVERRIDES = Path(__file__).resolve().with_name("country_overrides.csv")
OUTPUT = ROOT / "src" / "blocwatch" / "data" / "countries.csv"
COLUMNS = ["iso3", "name", "aliases", "demonyms", "capitals", "family_name_first"]
SEP = "|"

# The 193 member states of the United Nations (ISO 3166-1 alpha-3).
UN_MEMBERS = frozenset(  # noqa: SIM905 - a block of codes is easier to check by eye
    [
        "AFG",
        "AGO",
        "ALB",
        "AND",
        "ARE",
        "ARG",
        "ARM",
        "ATG",
        "AUS",
        "AUT",
        "AZE",
        "BDI",
        "BEL",
        "BEN",
        "BFA",
        "BGD",
        "BGR",
        "BHR",
        "BHS",
        "BIH",
        "BLR",
        "BLZ",
        "BOL",
        "BRA",
        "BRB",
        "BRN",
        "BTN",
        "BWA",
        "CAF",
        "CAN",
        "CHE",
        "CHL",
        "CHN",
        "CIV",
        "CMR",
        "COD",
        "COG",
        "COL",
        "COM",
        "CPV",
        "CRI",
        "CUB",
        "CYP",
        "CZE",
        "DEU",
        "DJI",
        "DMA",
        "DNK",
        "DOM",
        "DZA",
        "ECU",
        "EGY",
        "ERI",
        "ESP",
        "EST",
        "ETH",
        "FIN",
        "FJI",
        "FRA",
        "FSM",
        "GAB",
        "GBR",
        "GEO",
        "GHA",
        "GIN",
        "GMB",
        "GNB",
        "GNQ",
        "GRC",
        "GRD",
        "GTM",
        "GUY",
        "HND",
        "HRV",
        "HTI",
        "HUN",
        "IDN",
        "IND",
        "IRL",
        "IRN",
        "IRQ",
        "ISL",
        "ISR",
        "ITA",
        "JAM",
        "JOR",
        "JPN",
        "KAZ",
        "KEN",
        "KGZ",
        "KHM",
        "KIR",
        "KNA",
        "KOR",
        "KWT",
        "LAO",
        "LBN",
        "LBR",
        "LBY",
        "LCA",
        "LIE",
        "LKA",
        "LSO",
        "LTU",
        "LUX",
        "LVA",
        "MAR",
        "MCO",
        "MDA",
        "MDG",
        "MDV",
        "MEX",
        "MHL",
        "MKD",
        "MLI",
        "MLT",
        "MMR",
        "MNE",
        "MNG",
        "MOZ",
        "MRT",
        "MUS",
        "MWI",
        "MYS",
        "NAM",
        "NER",
        "NGA",
        "NIC",
        "NLD",
        "NOR",
        "NPL",
        "NRU",
        "NZL",
        "OMN",
        "PAK",
        "PAN",
        "PER",
        "PHL",
        "PLW",
        "PNG",
        "POL",
        "PRK",
        "PRT",
        "PRY",
        "QAT",
        "ROU",
        "RUS",
        "RWA",
        "SAU",
        "SDN",
        "SEN",
        "SGP",
        "SLB",
        "SLE",
        "SLV",
        "SMR",
        "SOM",
        "SRB",
        "SSD",
        "STP",
        "SUR",
        "SVK",
        "SVN",
        "SWE",
        "SWZ",
        "SYC",
        "SYR",
        "TCD",
        "TGO",
        "THA",
        "TJK",
        "TKM",
        "TLS",
        "TON",
        "TTO",
        "TUN",
        "TUR",
        "TUV",
        "TZA",
        "UGA",
        "UKR",
        "URY",
        "USA",
        "UZB",
        "VCT",
        "VEN",
        "VNM",
        "VUT",
        "WSM",
        "YEM",
        "ZAF",
        "ZMB",
        "ZWE",
    ]
)
UN_OBSERVERS = frozenset({"VAT", "PSE"})
OTHER_STATES = frozenset({"XKX", "TWN"})  # XKX is user-assigned, not in pycountry
STATES = UN_MEMBERS | UN_OBSERVERS | OTHER_STATES


def split(value: str) -> list[str]:
    return [part.strip() for part in value.split(SEP) if part.strip()]


def dedupe(values: list[str], exclude: set[str]) -> list[str]:
    seen: set[str] = set(exclude)
    out: list[str] = []
    for value in values:
        if value not in seen:
            seen.add(value)
            out.append(value)
    return out


def usable_base_name(value: str | None) -> str | None:
    """pycountry names like 'Korea, Republic of' or 'Holy See (Vatican City State)'
    are catalogue forms, not how news writes them: skip them."""
    if not value:
        return None
    value = value.strip()
    if value.startswith("the "):
        value = value[4:]
    if "," in value or "(" in value:
        return None
    return value


def load_overrides() -> dict[str, dict[str, str]]:
    with OVERRIDES.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_code: dict[str, dict[str, str]] = {}
    for row in rows:
        code = row["iso3"].strip()
        if code in by_code:
            raise SystemExit(f"{OVERRIDES.name}: duplicate row for {code}")
        by_code[code] = row
    return by_code


def build_rows() -> list[dict[str, str]]:
    overrides = load_overrides()
    missing = sorted(STATES - overrides.keys())
    extra = sorted(overrides.keys() - STATES)
    if missing or extra:
        raise SystemExit(
            f"{OVERRIDES.name}: states without an override row: {missing}; rows that are not states: {extra}"
        )
    rows = []
    for code in sorted(STATES):
        over = overrides[code]
        rec = pycountry.countries.get(alpha_3=code)
        if rec is None and code not in OTHER_STATES:
            raise SystemExit(f"pycountry does not know {code}")
        base = []
        if rec is not None:
            for attr in ("common_name", "name", "official_name"):
                value = usable_base_name(getattr(rec, attr, None))
                if value:
                    base.append(value)
        name = over["name"].strip() or (base[0] if base else "")
        if not name:
            raise SystemExit(f"{code}: no name")
        drop = set(split(over.get("drop", "")))
        aliases = dedupe(base + split(over["aliases"]), exclude={name} | drop)
        demonyms = split(over["demonyms"])
        if not demonyms:
            raise SystemExit(f"{code}: no demonym in {OVERRIDES.name}")
        rows.append(
            {
                "iso3": code,
                "name": name,
                "aliases": SEP.join(aliases),
                "demonyms": SEP.join(dedupe(demonyms, exclude=set())),
                "capitals": SEP.join(dedupe(split(over["capitals"]), exclude=set())),
                "family_name_first": over["family_name_first"].strip(),
            }
        )
    return rows


def render(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the CSV is stale")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    text = render(build_rows())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is stale: run tools/build_countries.py", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({text.count(chr(10)) - 1} states)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
