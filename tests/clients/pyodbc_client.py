#!/usr/bin/python3
"""pyodbc (Debian's python3-pyodbc) as a Python application uses a driver: the same
script as the other clients in tests/clients.

    tests/clients/pyodbc_client.py

Connects by DSN and by connection string (pyodbc uses the W entry points); creates a
table; inserts with ? parameters; selects and checks every value and its Python type;
cursor.tables() and cursor.columns(); a transaction rolled back and one committed (checked
from the other connection); UTF-8 text with a 4-byte emoji (as str, and as the bytes the
server stored); and a connection killed by KILL CONNECTION from the second connection
after a commit: the next statement works (transparent reconnect, a new server connection
id) and nothing committed is lost; a kill inside a transaction is reported (08S01),
rolled back, and the connection works again. Environment: TEST_DSN, TEST_DRIVER,
TEST_SERVER, TEST_PORT, TEST_UID, TEST_PASSWORD, TEST_SCHEMA (defaults: holdfast,
Holdfast, 127.0.0.1, 3310, holdfast, holdfast, holdfast_test). Exits non-zero after
printing every mismatch.
"""
import decimal
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from holdfast_pyodbc import BY_DRIVER, BY_DSN, DRIVER, DSN, SCHEMA, connect, load_pyodbc  # noqa: E402

pyodbc = load_pyodbc("pyodbc_client")
TABLE = "holdfast_client_pyodbc"
TEXT = "Grüße, 日本語, 😀"  # 13 characters, 24 bytes in UTF-8
TEXT_HEX = "4772C3BCC39F652C20E697A5E69CACE8AA9E2C20F09F9880"

failures = []


def check(what, got, want):
    if got != want or type(got) is not type(want):
        failures.append(f"{what}: got {got!r}, expected {want!r}")


def scalar(cnxn, sql, *params):
    return cnxn.cursor().execute(sql, *params).fetchone()[0]


def kill_connection(admin, connection_id):
    """KILL CONNECTION from `admin`, then wait until the server has closed the connection."""
    admin.cursor().execute(f"KILL CONNECTION {connection_id}")
    for _ in range(100):
        if scalar(admin, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?", connection_id) == 0:
            break
        time.sleep(0.02)
    time.sleep(0.15)  # the FIN and the server's farewell packet reach the victim's socket


def ids(cnxn):
    return [r[0] for r in cnxn.cursor().execute(f"SELECT id FROM {TABLE} ORDER BY id").fetchall()]


def main():
    # pyodbc's default: autocommit off, the application commits.
    by_dsn = connect("pyodbc_client", "DSN", BY_DSN, autocommit=False)
    by_string = connect("pyodbc_client", "connection string", BY_DRIVER, autocommit=True)
    try:
        check("DSN connection: database", scalar(by_dsn, "SELECT DATABASE()"), SCHEMA)
        cur = by_dsn.cursor()
        cur.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cur.execute(f"CREATE TABLE {TABLE} (id INT PRIMARY KEY, txt VARCHAR(100) NOT NULL,"
                    " amount DECIMAL(10,2), n INT NULL) CHARACTER SET utf8mb4")
        insert = f"INSERT INTO {TABLE} (id, txt, amount, n) VALUES (?, ?, ?, ?)"
        cur.execute(insert, 1, TEXT, decimal.Decimal("12.50"), None)
        check("insert row 1: rowcount", cur.rowcount, 1)
        cur.execute(insert, 2, "plain ascii", decimal.Decimal("-0.05"), 7)
        by_dsn.commit()

        rows = [tuple(r) for r in by_string.cursor().execute(
            f"SELECT id, txt, amount, n FROM {TABLE} ORDER BY id").fetchall()]
        check("rows", rows, [(1, TEXT, decimal.Decimal("12.50"), None),
                             (2, "plain ascii", decimal.Decimal("-0.05"), 7)])
        stored = tuple(by_string.cursor().execute(
            f"SELECT CHAR_LENGTH(txt), HEX(txt) FROM {TABLE} WHERE txt = ?", TEXT).fetchone())
        check("UTF-8 text in a WHERE parameter: characters and bytes stored", stored, (13, TEXT_HEX))

        # Catalog: the table and its columns.
        tables = [(t.table_cat, t.table_name, t.table_type) for t in cur.tables(table=TABLE, tableType="TABLE")]
        check("cursor.tables()", tables, [(SCHEMA, TABLE, "TABLE")])
        columns = [(c.column_name, c.column_size) for c in cur.columns(table=TABLE)]
        check("cursor.columns()", columns, [("id", 10), ("txt", 100), ("amount", 10), ("n", 10)])
        by_dsn.commit()

        # A transaction rolled back, then one committed; the other connection sees only the second.
        cur.execute(insert, 3, "rolled back", None, None)
        by_dsn.rollback()
        cur.execute(insert, 4, "committed 😀", None, None)
        check("row 4 invisible to the other connection before commit",
              scalar(by_string, f"SELECT COUNT(*) FROM {TABLE} WHERE id = 4"), 0)
        by_dsn.commit()
        check("ids after rollback and commit", ids(by_string), [1, 2, 4])

        # The DSN connection killed from the other one after a commit (no transaction
        # open): the next statement runs on a new server connection, nothing is lost.
        old_id = scalar(by_dsn, "SELECT CONNECTION_ID()")
        by_dsn.commit()
        kill_connection(by_string, old_id)
        try:
            check("rows after KILL (transparent reconnect)", scalar(by_dsn, f"SELECT COUNT(*) FROM {TABLE}"), 3)
        except pyodbc.Error as e:
            failures.append(f"first statement after KILL: {e}")
        new_id = scalar(by_dsn, "SELECT CONNECTION_ID()")
        check("a new server connection after KILL", new_id != old_id, True)
        cur = by_dsn.cursor()
        cur.execute(insert, 5, "after kill ✓", None, None)
        by_dsn.commit()

        # Killed inside a transaction: the loss is reported, never hidden; after the
        # rollback the connection works again and the uncommitted row is gone.
        cur.execute(insert, 6, "lost with the transaction", None, None)
        kill_connection(by_string, scalar(by_dsn, "SELECT CONNECTION_ID()"))
        try:
            cur.execute(f"INSERT INTO {TABLE} (id, txt) VALUES (7, 'x')")
            failures.append("statement after KILL inside a transaction succeeded")
        except pyodbc.Error as e:
            check("its SQLSTATE", e.args[0], "08S01")
        by_dsn.rollback()
        check("ids after the lost transaction", ids(by_dsn), [1, 2, 4, 5])
        check("UTF-8 row read after reconnect", scalar(by_dsn, f"SELECT txt FROM {TABLE} WHERE id = 5"),
              "after kill ✓")
        by_dsn.commit()

        by_string.cursor().execute(f"DROP TABLE {TABLE}")
    except pyodbc.Error as e:
        failures.append(f"ODBC error: {e}")
    finally:
        by_string.close()
        by_dsn.close()

    if failures:
        for f in failures:
            print(f"pyodbc_client: FAIL: {f}", file=sys.stderr)
        sys.exit(1)
    print(f"pyodbc_client: OK (pyodbc {pyodbc.version}; DSN {DSN} and DRIVER={{{DRIVER}}})")


if __name__ == "__main__":
    main()
