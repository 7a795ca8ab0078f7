#!/usr/bin/python3
"""Smoke test through pyodbc (Debian's python3-pyodbc), as a Python application uses a driver.

Connects through the DSN and DSN-less, writes a row of every common type with literals and
another with ? parameters, commits, reads both back on the other connection and checks each
value and its Python type. Environment: TEST_DSN, TEST_DRIVER, TEST_SERVER, TEST_PORT,
TEST_UID, TEST_PASSWORD, TEST_SCHEMA (defaults: holdfast, Holdfast, 127.0.0.1, 3310,
holdfast, holdfast, holdfast_test). Exits non-zero on the first connection error or after
listing every mismatch.
"""
import datetime
import decimal
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from holdfast_pyodbc import BY_DRIVER, BY_DSN, DRIVER, DSN, connect, load_pyodbc  # noqa: E402

pyodbc = load_pyodbc("pyodbc_smoke")
TABLE = "holdfast_smoke_pyodbc"

COLUMNS = "id, i, b, d, f, s, bl, dt, ts, n"
LITERAL_ROW = (1, -42, 9007199254740993, decimal.Decimal("1234567890.12"), 3.5,
               "Grüße, 日本語, 😀", b"\x00\xff\x10", datetime.date(2024, 2, 29),
               datetime.datetime(2024, 2, 29, 13, 45, 7), None)
PARAM_ROW = (2, 2147483647, -9223372036854775808, decimal.Decimal("-0.05"), 0.1 + 0.2,
             "Ünïcödé ✓ 😀", bytes(range(256)), datetime.date(1999, 12, 31),
             datetime.datetime(2000, 1, 1, 0, 0, 1), None)
TYPES = (int, int, int, decimal.Decimal, float, str, bytes, datetime.date,
         datetime.datetime, type(None))

failures = []


def check(what, got, want, want_type):
    if type(got) is not want_type:
        failures.append(f"{what}: type {type(got).__name__}, expected {want_type.__name__} (value {got!r})")
    elif got != want:
        failures.append(f"{what}: {got!r}, expected {want!r}")


def main():
    by_dsn = connect("pyodbc_smoke", "DSN", BY_DSN)
    dsn_less = connect("pyodbc_smoke", "DSN-less", BY_DRIVER)
    try:
        cur = by_dsn.cursor()
        cur.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cur.execute(f"""CREATE TABLE {TABLE} (
            id INT PRIMARY KEY, i INT, b BIGINT, d DECIMAL(12,2), f DOUBLE,
            s VARCHAR(100), bl BLOB, dt DATE, ts DATETIME, n INT NULL) CHARACTER SET utf8mb4""")
        cur.execute(f"INSERT INTO {TABLE} ({COLUMNS}) VALUES (1, -42, 9007199254740993, 1234567890.12,"
                    " 3.5, 'Grüße, 日本語, 😀', X'00FF10', '2024-02-29', '2024-02-29 13:45:07', NULL)")
        check("literal INSERT rowcount", cur.rowcount, 1, int)
        cur.execute(f"INSERT INTO {TABLE} ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", *PARAM_ROW)
        check("parameter INSERT rowcount", cur.rowcount, 1, int)
        by_dsn.commit()  # pyodbc runs with autocommit off: the other connection sees only committed rows

        for label, cnxn in (("DSN-less", dsn_less), ("DSN", by_dsn)):
            rows = cnxn.cursor().execute(f"SELECT {COLUMNS} FROM {TABLE} ORDER BY id").fetchall()
            check(f"{label}: row count", len(rows), 2, int)
            for row, want_row in zip(rows, (LITERAL_ROW, PARAM_ROW)):
                for name, got, want, want_type in zip(COLUMNS.split(", "), row, want_row, TYPES):
                    check(f"{label}: row {want_row[0]} column {name}", got, want, want_type)
            cnxn.rollback()  # end the read transaction: it holds a metadata lock that DROP TABLE waits for

        cur.execute(f"SELECT s FROM {TABLE} WHERE s = ?", PARAM_ROW[5])
        check("parameter in WHERE", cur.fetchone()[0], PARAM_ROW[5], str)
        cur.execute(f"DROP TABLE {TABLE}")
        by_dsn.commit()
    except pyodbc.Error as e:
        failures.append(f"ODBC error: {e}")
    finally:
        dsn_less.close()
        by_dsn.close()

    if failures:
        for f in failures:
            print(f"pyodbc_smoke: FAIL: {f}", file=sys.stderr)
        sys.exit(1)
    print(f"pyodbc_smoke: OK (DSN {DSN} and DRIVER={{{DRIVER}}}; {len(COLUMNS.split(', '))} types, literals and parameters)")


if __name__ == "__main__":
    main()
