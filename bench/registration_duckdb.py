#!/usr/bin/env python3
"""The registration check of `saylau registration check`, as one DuckDB SQL query.

Reads the same CSV files (member list, register, other parties' members), checks each member
row in the checker's order and counts it once under its first failing reason:

  invalid_iin, not_in_register, not_citizen, deceased, under_age, barred_occupation,
  outside_window, duplicate, other_party

and prints the wall time and the counts as JSON (`valid_members`, `by_unit`, `rejected`), the
shape saylau's `--format json` has, so that bench/registration.sh can compare them.

The membership age (18) and the barred occupations below are the rulebook's values in force
in 2009 (law/kz/parties.toml), copied here because this script is an independent cross-check.

Duplicates do not depend on the order of the rows: rows of one IIN share their register
attributes, so of the rows of an IIN that pass the first seven checks, the first goes on and
every other one is a duplicate, whichever is first.
"""

import argparse
import calendar
import datetime as dt
import json
import sys
import time

import duckdb

MIN_AGE = 18
BARRED = ["military", "national_security", "law_enforcement", "judge"]
UNITS = [
    "akmola", "aktobe", "almaty_region", "atyrau", "east_kazakhstan", "zhambyl",
    "west_kazakhstan", "karaganda", "kostanay", "kyzylorda", "mangystau", "pavlodar",
    "north_kazakhstan", "south_kazakhstan", "astana", "almaty",
]
REASONS = [
    "invalid_iin", "not_in_register", "not_citizen", "deceased", "under_age",
    "barred_occupation", "outside_window", "duplicate", "other_party",
]


def add_months(d: dt.date, months: int) -> dt.date:
    """The same day-of-month `months` later, clamped to the end of the month."""
    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def digit(i: int) -> str:
    return f"TRY_CAST(substr(iin, {i}, 1) AS INTEGER)"


def weighted_sum_sql(weights: list[int]) -> str:
    """The weighted sum of the first 11 digits of `iin`, mod 11 (NULL when one is no digit)."""
    return "(" + " + ".join(f"{digit(i)} * {w}" for i, w in enumerate(weights, 1)) + ") % 11"


def query(members: str, register: str, others: str, committee: dt.date, date: dt.date) -> str:
    window_end = add_months(committee, 4)
    barred = ", ".join(f"'{b}'" for b in BARRED)
    lit = lambda s: "'" + s.replace("'", "''") + "'"
    return f"""
WITH
reg AS (
    SELECT trim(iin) AS iin, birth_date, unit, citizen, deceased,
           lower(trim(coalesce(occupation, ''))) AS occupation
    FROM read_csv({lit(register)}, header = true, delim = ',', quote = '"', escape = '"',
        columns = {{'iin': 'VARCHAR', 'full_name': 'VARCHAR', 'birth_date': 'DATE',
                    'unit': 'VARCHAR', 'citizen': 'BOOLEAN', 'deceased': 'BOOLEAN',
                    'occupation': 'VARCHAR'}})
),
mem_raw AS (
    SELECT trim(iin) AS iin, signed_on
    FROM read_csv({lit(members)}, header = true, delim = ',', quote = '"', escape = '"',
        columns = {{'iin': 'VARCHAR', 'signed_on': 'DATE'}})
),
mem_sums AS (
    SELECT iin, signed_on,
           {weighted_sum_sql(list(range(1, 12)))} AS r1,
           {weighted_sum_sql([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])} AS r2
    FROM mem_raw
),
mem AS (
    -- 12 digits, and the check digit from the first weights, or the second when the first
    -- give 10; when both give 10 no check digit is valid.
    SELECT iin, signed_on,
           coalesce(regexp_full_match(iin, '[0-9]{{12}}')
                    AND CASE WHEN r1 <> 10 THEN r1 WHEN r2 <> 10 THEN r2 END = {digit(12)},
                    false) AS iin_ok
    FROM mem_sums
),
oth AS (
    SELECT DISTINCT trim(iin) AS iin
    FROM read_csv({lit(others)}, header = true, delim = ',', quote = '"', escape = '"',
        columns = {{'iin': 'VARCHAR', 'party': 'VARCHAR', 'signed_on': 'VARCHAR'}})
),
checked AS (
    SELECT m.iin, r.unit,
        CASE
            WHEN NOT m.iin_ok THEN 'invalid_iin'
            WHEN r.iin IS NULL THEN 'not_in_register'
            WHEN NOT r.citizen THEN 'not_citizen'
            WHEN r.deceased THEN 'deceased'
            WHEN year(m.signed_on) - year(r.birth_date)
                 - CASE WHEN month(m.signed_on) * 100 + day(m.signed_on)
                             < month(r.birth_date) * 100 + day(r.birth_date)
                        THEN 1 ELSE 0 END < {MIN_AGE} THEN 'under_age'
            WHEN r.occupation IN ({barred}) THEN 'barred_occupation'
            WHEN m.signed_on < DATE '{committee}' OR m.signed_on > DATE '{window_end}'
                 OR m.signed_on > DATE '{date}' THEN 'outside_window'
        END AS reason
    FROM mem m LEFT JOIN reg r ON r.iin = m.iin
),
passing AS (
    SELECT iin, any_value(unit) AS unit, count(*) AS n FROM checked WHERE reason IS NULL GROUP BY iin
)
SELECT reason, NULL AS unit, count(*) AS n FROM checked WHERE reason IS NOT NULL GROUP BY reason
UNION ALL
SELECT 'duplicate', NULL, coalesce(sum(n - 1), 0) FROM passing
UNION ALL
SELECT CASE WHEN o.iin IS NULL THEN 'valid' ELSE 'other_party' END AS reason,
       CASE WHEN o.iin IS NULL THEN p.unit END AS unit, count(*) AS n
FROM passing p LEFT JOIN oth o ON o.iin = p.iin
GROUP BY ALL
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--members", required=True)
    ap.add_argument("--register", required=True)
    ap.add_argument("--other-members", required=True)
    ap.add_argument("--date", required=True, type=dt.date.fromisoformat)
    ap.add_argument("--committee-registered", required=True, type=dt.date.fromisoformat)
    ap.add_argument("--out", help="write the counts as JSON to this file")
    ap.add_argument("--print-sql", action="store_true")
    a = ap.parse_args()

    sql = query(a.members, a.register, a.other_members, a.committee_registered, a.date)
    if a.print_sql:
        print(sql)
        return 0
    start = time.perf_counter()
    rows = duckdb.connect().execute(sql).fetchall()
    wall = time.perf_counter() - start

    rejected = {r: 0 for r in REASONS}
    by_unit = {u: 0 for u in UNITS}
    for reason, unit, n in rows:
        n = int(n)
        if reason == "valid":
            by_unit[unit] = by_unit.get(unit, 0) + n
        else:
            rejected[reason] += n
    result = {
        "valid_members": sum(by_unit.values()),
        "by_unit": by_unit,
        "rejected": rejected,
    }
    print(f"duckdb {duckdb.__version__}: query wall time {wall:.2f} s", file=sys.stderr)
    text = json.dumps(result, indent=2)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
