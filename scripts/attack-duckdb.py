#!/usr/bin/env python3
"""Attacks a published release in DuckDB, independently of the product's own audit (another tool, another author).

Joins survey and purchases on the member pseudonym, as anyone holding the release can, and counts what the
person-level promise forbids: persons of a survey class shared by fewer than k persons, and persons whose class with
one or two of their (purchase_month, store) items is shared by fewer than k persons. Also prints the persons unique
under full knowledge of their items (not forbidden by the model; shown for honesty), and the analysts' typed columns
summed (quantity_from, purchase_month_from) to show the Parquet is usable outside Spark.

Usage: scripts/attack-duckdb.py RELEASE_DIR [K]   (needs the duckdb Python package; exit 1 when someone violates)
"""
import sys

import duckdb


def main():
    release, k = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
    c = duckdb.connect()
    c.sql(f"""create view s as select member_id m, concat_ws('|', age, sex, prefecture, occupation, family_structure) cls
              from read_parquet('{release}/survey/*.parquet')""")
    c.sql(f"""create view i as select distinct member_id m, concat_ws('|', purchase_month, store) it
              from read_parquet('{release}/purchases/*.parquet')""")
    c.sql("create view pi as select s.m, s.cls, i.it from s join i using (m)")
    c.sql("create view pairs as select a.m, a.cls, a.it i1, b.it i2 from pi a join pi b on a.m = b.m and a.it < b.it")
    q = {
        "persons (survey rows)": "select count(*) from s",
        "purchasers without a survey row": "select count(distinct m) from i where m not in (select m from s)",
        f"persons in a survey class of < {k}":
            f"select count(*) from s where cls in (select cls from s group by cls having count(*) < {k})",
        f"persons whose class + one item < {k}":
            f"select count(distinct m) from pi where (cls, it) in (select cls, it from pi group by all having count(*) < {k})",
        f"persons whose class + two items < {k}":
            f"select count(distinct m) from pairs where (cls, i1, i2) in"
            f" (select cls, i1, i2 from pairs group by all having count(*) < {k})",
        "unique under full knowledge of their items":
            # every person, with or without purchases (a person with none is known by their class and no items)
            "select count(*) from (select cls, items from (select s.m, s.cls, string_agg(i.it, ',' order by i.it)"
            " items from s left join i using (m) group by s.m, s.cls) group by all having count(*) = 1)",
    }
    out = {name: c.sql(sql).fetchone()[0] for name, sql in q.items()}
    rows, qty, first, last = c.sql(f"""select count(*), sum(quantity_from), min(purchase_month_from),
        max(purchase_month_to) from read_parquet('{release}/purchases/*.parquet')""").fetchone()
    for name, v in out.items():
        print(f"{name}: {v}")
    print(f"purchases: {rows} rows, sum(quantity_from) = {qty}, months {first} .. {last}")
    violating = sum(v for name, v in out.items() if f"< {k}" in name)
    sys.exit(1 if violating else 0)


if __name__ == "__main__":
    main()
