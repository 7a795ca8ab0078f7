#!/usr/bin/python3
"""Statements through pyodbc (Debian's python3-pyodbc), as Python applications run them.

    statement_pyodbc.py

executemany() with fast_executemany off and on (1000 rows read back, and a batch with one
bad row that must raise), parameters of many Python types written and read back, a stored
procedure called with {call proc(?, ?)} returning two result sets (cursor.nextset()), and a
multi-statement batch on a MULTI_STATEMENTS=1 connection (refused without it),
fast_executemany relying on SQLDescribeParam (long strings, Decimals), long values pyodbc
sends with SQLPutData, and a callproc-style {call p(?)}. Connects
DSN-less with TEST_DRIVER, TEST_SERVER, TEST_PORT, TEST_UID, TEST_PASSWORD, TEST_SCHEMA
(defaults: Holdfast, 127.0.0.1, 3310, holdfast, holdfast, holdfast_test). Prints
"statement_pyodbc: OK" on success; exits non-zero after listing every mismatch.
"""
import datetime
import decimal
import os
import sys

try:
    import pyodbc
except ImportError:
    sys.exit("statement_pyodbc: pyodbc is missing (apt-get install python3-pyodbc; run with /usr/bin/python3)")

env = os.environ.get
CONNECTION = (f"DRIVER={{{env('TEST_DRIVER', 'Holdfast')}}};SERVER={env('TEST_SERVER', '127.0.0.1')};"
              f"PORT={env('TEST_PORT', '3310')};UID={env('TEST_UID', 'holdfast')};"
              f"PWD={env('TEST_PASSWORD', 'holdfast')};DATABASE={env('TEST_SCHEMA', 'holdfast_test')}")

failures = []


def check(what, got, want):
    if got != want:
        failures.append(f"{what}:\n  got  {got!r}\n  want {want!r}")


def expect_error(what, action, *, contains=None):
    try:
        action()
    except pyodbc.Error as e:
        if contains is not None and contains not in str(e):
            failures.append(f"{what}: error {e!r} does not mention {contains!r}")
        return
    failures.append(f"{what}: no error raised")


conn = pyodbc.connect(CONNECTION, autocommit=True)
cur = conn.cursor()

# ---- executemany, fast_executemany off and on ----
cur.execute("DROP TABLE IF EXISTS py_many")
cur.execute("CREATE TABLE py_many (id INT PRIMARY KEY, name VARCHAR(40), amount DECIMAL(10,2), note VARCHAR(10))")
rows = [(i, f"name-{i}-\u00e4\u20ac", decimal.Decimal(f"{i}.25"), None if i % 7 == 0 else "n")
        for i in range(1, 1001)]
for fast in (False, True):
    label = f"executemany(fast_executemany={fast})"
    cur.execute("DELETE FROM py_many")
    cur.fast_executemany = fast
    if fast:
        # Parameters are not described by the server over the text protocol: SQLDescribeParam
        # reports VARCHAR(255) with no decimal digits, which pyodbc's fast path takes for the
        # Decimal's scale. Declared sizes, as pyodbc documents for such drivers.
        cur.setinputsizes([None, None, (pyodbc.SQL_DECIMAL, 10, 2), None])
    cur.executemany("INSERT INTO py_many (id, name, amount, note) VALUES (?, ?, ?, ?)", rows)
    got = [tuple(r) for r in cur.execute("SELECT id, name, amount, note FROM py_many ORDER BY id").fetchall()]
    check(f"{label}: row count", len(got), len(rows))
    check(f"{label}: rows read back", got == rows, True)
    if got != rows:
        bad = next((g, w) for g, w in zip(got, rows) if g != w) if got and len(got) == len(rows) else None
        failures.append(f"{label}: first difference {bad!r}")

    # One bad row (a duplicate key) in a batch. Row by row, pyodbc raises. With
    # fast_executemany the batch is one parameter array: the driver runs every set and
    # returns SQL_SUCCESS_WITH_INFO with the bad set marked SQL_PARAM_ERROR, which pyodbc
    # does not look at, so nothing is raised; then exactly the nine good rows are in.
    cur.execute("DELETE FROM py_many")
    batch = [(i, "x", decimal.Decimal("1.00"), None) for i in range(2001, 2011)]
    batch[4] = (2001, "dup", decimal.Decimal("1.00"), None)
    raised = None
    try:
        if fast:
            cur.setinputsizes([None, None, (pyodbc.SQL_DECIMAL, 10, 2), None])
        cur.executemany("INSERT INTO py_many (id, name, amount, note) VALUES (?, ?, ?, ?)", batch)
    except pyodbc.Error as e:
        raised = e
    ids = [r[0] for r in cur.execute("SELECT id FROM py_many ORDER BY id").fetchall()]
    if not fast:
        check(f"{label}: duplicate key raises", raised is not None and "23000" in str(raised), True)
        check(f"{label}: rows before the bad one", ids, [2001, 2002, 2003, 2004])
    elif raised is None:
        check(f"{label}: the good rows of the batch", ids, [2001, 2002, 2003, 2004, 2006, 2007, 2008, 2009, 2010])
    else:
        check(f"{label}: duplicate key error", "23000" in str(raised), True)
cur.fast_executemany = False

# ---- parameters of many types, written and read back ----
cur.execute("DROP TABLE IF EXISTS py_types")
cur.execute("CREATE TABLE py_types (k INT PRIMARY KEY, i BIGINT, f DOUBLE, d DECIMAL(20,6), s VARCHAR(50), "
            "b VARBINARY(50), dt DATE, ts DATETIME(6), n INT NULL)")
values = (1, -9007199254740993, 2.5e-3, decimal.Decimal("-12345678901234.123456"), "gr\u00fc\u00df \u65e5\u672c \U0001f600",
          b"\x00\x01\xfe\xff'\\", datetime.date(2024, 2, 29), datetime.datetime(2024, 1, 31, 23, 59, 58, 123456), None)
cur.execute("INSERT INTO py_types VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", *values)
check("parameters of many types", tuple(cur.execute("SELECT * FROM py_types").fetchone()), values)
for label, value in (("int", 42), ("negative int", -7), ("float", 0.1), ("Decimal", decimal.Decimal("3.14")),
                     ("str", "\u00e9t\u00e9"), ("bytes", b"\x00ab"), ("None", None),
                     ("date", datetime.date(1999, 12, 31)), ("datetime", datetime.datetime(2000, 1, 1, 0, 0, 1))):
    got = cur.execute("SELECT k FROM py_types WHERE ? IS NULL OR ? IS NOT NULL", value, value).fetchone()
    check(f"parameter {label} in a WHERE clause", got and got[0], 1)
check("str parameter compared", cur.execute("SELECT COUNT(*) FROM py_types WHERE s = ?", values[4]).fetchone()[0], 1)
check("bytes parameter compared", cur.execute("SELECT COUNT(*) FROM py_types WHERE b = ?", values[5]).fetchone()[0], 1)
check("date parameter compared", cur.execute("SELECT COUNT(*) FROM py_types WHERE dt = ?", values[6]).fetchone()[0], 1)
check("datetime parameter compared", cur.execute("SELECT COUNT(*) FROM py_types WHERE ts = ?", values[7]).fetchone()[0],
      1)
check("injection attempt stays a value",
      cur.execute("SELECT COUNT(*) FROM py_types WHERE s = ?", "x' OR '1'='1").fetchone()[0], 0)

# ---- a stored procedure returning two result sets ----
cur.execute("DROP PROCEDURE IF EXISTS py_two_sets")
cur.execute("CREATE PROCEDURE py_two_sets(IN a INT, IN b VARCHAR(20)) "
            "BEGIN SELECT a AS x, a * 2 AS y; SELECT b AS s, CONCAT(b, b) AS ss UNION ALL SELECT 'z', 'zz'; END")
cur.execute("{call py_two_sets(?, ?)}", 21, "ab")
check("call: first result", [tuple(r) for r in cur.fetchall()], [(21, 42)])
check("call: second result exists", cur.nextset(), True)
check("call: second result columns", [d[0] for d in cur.description], ["s", "ss"])
check("call: second result", [tuple(r) for r in cur.fetchall()], [("ab", "abab"), ("z", "zz")])
extra = 0
while cur.nextset():
    if cur.description is not None:
        extra += 1
check("call: result sets with columns after the second", extra, 0)
cur.execute("SELECT 1")  # the statement is usable again
check("after call", cur.fetchone()[0], 1)

# ---- fast_executemany without setinputsizes: SQLDescribeParam from the columns ----
# The driver describes each marker from its target column (VARCHAR(4000), DECIMAL(12,4)),
# so pyodbc's fast path sizes its buffers for long strings and keeps the Decimals' scale.
cur.execute("DROP TABLE IF EXISTS py_described")
cur.execute("CREATE TABLE py_described (id INT PRIMARY KEY, long_text VARCHAR(4000), amount DECIMAL(12,4))")
described_rows = [(i, ("\u00e9" + "x" * 2999) if i % 2 else "short", decimal.Decimal(f"{i}.1234"))
                  for i in range(1, 51)]
dcur = conn.cursor()  # no input sizes set on it
dcur.fast_executemany = True
dcur.executemany("INSERT INTO py_described (id, long_text, amount) VALUES (?, ?, ?)", described_rows)
dcur.close()
got = [tuple(r) for r in cur.execute("SELECT id, long_text, amount FROM py_described ORDER BY id").fetchall()]
check("fast_executemany described: rows read back", got == described_rows, True)

# ---- long values pyodbc sends at execution (SQLPutData) ----
long_text = "\u00fc'\\" * 100000
long_bytes = bytes(range(256)) * 1000
cur.execute("DROP TABLE IF EXISTS py_long")
cur.execute("CREATE TABLE py_long (id INT PRIMARY KEY, t LONGTEXT, b LONGBLOB)")
cur.execute("INSERT INTO py_long (id, t, b) VALUES (?, ?, ?)", 1, long_text, long_bytes)
row = cur.execute("SELECT t, b FROM py_long WHERE id = 1").fetchone()
check("long text sent in pieces", row[0] == long_text, True)
check("long bytes sent in pieces", bytes(row[1]) == long_bytes, True)

# ---- callproc-style {call p(?)}: a procedure that writes, run once ----
cur.execute("DROP PROCEDURE IF EXISTS py_add_one")
cur.execute("CREATE PROCEDURE py_add_one(IN v INT) INSERT INTO py_long (id, t) VALUES (v, 'call')")
cur.execute("{call py_add_one(?)}", 7)
while cur.nextset():
    pass
check("call: the procedure ran once", cur.execute("SELECT COUNT(*) FROM py_long WHERE id = 7").fetchone()[0], 1)
cur.execute("DROP PROCEDURE py_add_one")
cur.execute("DROP TABLE py_long")
cur.execute("DROP TABLE py_described")

# ---- a multi-statement batch ----
expect_error("batch without MULTI_STATEMENTS", lambda: cur.execute("SELECT 1; SELECT 2"))
multi = pyodbc.connect(CONNECTION + ";MULTI_STATEMENTS=1", autocommit=True)
mcur = multi.cursor()
mcur.execute("SELECT 1 AS one; UPDATE py_types SET i = i + 1 WHERE k = 1; SELECT 'two' AS two, i FROM py_types")
check("batch: first result", [tuple(r) for r in mcur.fetchall()], [(1,)])
check("batch: update follows", mcur.nextset(), True)
check("batch: update has no columns", mcur.description, None)
check("batch: update row count", mcur.rowcount, 1)
check("batch: third result follows", mcur.nextset(), True)
check("batch: third result", [tuple(r) for r in mcur.fetchall()], [("two", values[1] + 1)])
check("batch: no more results", mcur.nextset(), False)
multi.close()

cur.execute("DROP PROCEDURE py_two_sets")
cur.execute("DROP TABLE py_types")
cur.execute("DROP TABLE py_many")
conn.close()

if failures:
    for f in failures:
        print(f"statement_pyodbc: FAIL: {f}", file=sys.stderr)
    sys.exit(1)
print("statement_pyodbc: OK")
