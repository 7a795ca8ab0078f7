"""What the Python test scripts share: pyodbc, the test server and driver named by the
environment, and connecting to them.

Environment: TEST_DSN, TEST_DRIVER, TEST_SERVER, TEST_PORT, TEST_UID, TEST_PASSWORD,
TEST_SCHEMA (defaults: holdfast, Holdfast, 127.0.0.1, 3310, holdfast, holdfast,
holdfast_test). A script imports it after putting this folder on sys.path.
"""
import os
import sys


def load_pyodbc(script):
    """pyodbc, or exit naming `script` and how to install it."""
    try:
        import pyodbc
    except ImportError:
        sys.exit(f"{script}: pyodbc is missing (apt-get install python3-pyodbc; run with /usr/bin/python3)")
    return pyodbc


env = os.environ.get
DSN = env("TEST_DSN", "holdfast")
DRIVER = env("TEST_DRIVER", "Holdfast")
SERVER = env("TEST_SERVER", "127.0.0.1")
PORT = env("TEST_PORT", "3310")
UID = env("TEST_UID", "holdfast")
PWD = env("TEST_PASSWORD", "holdfast")
SCHEMA = env("TEST_SCHEMA", "holdfast_test")

# Through the data source, and DSN-less with the driver's name.
BY_DSN = f"DSN={DSN};UID={UID};PWD={PWD}"
BY_DRIVER = f"DRIVER={{{DRIVER}}};SERVER={SERVER};PORT={PORT};DATABASE={SCHEMA};UID={UID};PWD={PWD}"


def connect(script, label, conn_str, **options):
    """A pyodbc connection (10 s login timeout), or exit naming `script` and what failed."""
    pyodbc = load_pyodbc(script)
    try:
        return pyodbc.connect(conn_str, timeout=10, **options)
    except pyodbc.Error as e:
        sys.exit(f"{script}: FAIL: cannot connect ({label}: {conn_str}): {e}")
