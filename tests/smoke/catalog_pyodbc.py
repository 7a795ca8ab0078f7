#!/usr/bin/python3
"""Catalog functions through pyodbc (Debian's python3-pyodbc), as Python tools discover a database.

    catalog_pyodbc.py DATABASE

Reads the schema tests/integration/test_catalog_support.h creates in DATABASE (the
integration test [catalog] runs this script after creating it) with cursor.tables(),
columns(), primaryKeys() and statistics(), and holdfast_rel with foreignKeys(),
procedures(), procedureColumns(), rowIdColumns() and rowVerColumns(), and getTypeInfo(), and checks the rows.
Connects DSN-less with
TEST_DRIVER, TEST_SERVER, TEST_PORT, TEST_UID, TEST_PASSWORD (defaults: Holdfast,
127.0.0.1, 3310, holdfast, holdfast). Exits non-zero after listing every mismatch.
"""
import os
import sys

try:
    import pyodbc
except ImportError:
    sys.exit("catalog_pyodbc: pyodbc is missing (apt-get install python3-pyodbc; run with /usr/bin/python3)")

if len(sys.argv) != 2:
    sys.exit(__doc__)
DB = sys.argv[1]
env = os.environ.get
CONNECTION = (f"DRIVER={{{env('TEST_DRIVER', 'Holdfast')}}};SERVER={env('TEST_SERVER', '127.0.0.1')};"
              f"PORT={env('TEST_PORT', '3310')};UID={env('TEST_UID', 'holdfast')};"
              f"PWD={env('TEST_PASSWORD', 'holdfast')};DATABASE={DB}")

failures = []


def check(what, got, want):
    if got != want:
        failures.append(f"{what}:\n  got  {got!r}\n  want {want!r}")


conn = pyodbc.connect(CONNECTION, autocommit=True)
cur = conn.cursor()

# tables(): every table of the current database, by type then name; rows by attribute.
rows = cur.tables().fetchall()
check("tables()", [tuple(r) for r in rows], [
    (DB, None, "seq1", "SEQUENCE", ""),
    (DB, None, "Mixed", "TABLE", ""),
    (DB, None, "a_b", "TABLE", ""),
    (DB, None, "all_types", "TABLE", ""),
    (DB, None, "axb", "TABLE", ""),
    (DB, None, "pk2", "TABLE", ""),
    (DB, None, "tbl_one", "TABLE", "first table"),
    (DB, None, "v_one", "VIEW", ""),
])
check("tables() attributes", [(r.table_cat, r.table_schem, r.table_name, r.table_type, r.remarks) for r in rows[6:7]],
      [(DB, None, "tbl_one", "TABLE", "first table")])
check("tables(table='a_b')", [r.table_name for r in cur.tables(table="a_b")], ["a_b", "axb"])
check("tables(table='a\\_b')", [r.table_name for r in cur.tables(table="a\\_b")], ["a_b"])
check("tables(tableType='VIEW')", [r.table_name for r in cur.tables(tableType="VIEW")], ["v_one"])
check("tables(tableType='TABLE,VIEW', table='t%')",
      [r.table_name for r in cur.tables(table="t%", tableType="TABLE,VIEW")], ["tbl_one"])
catalogs = [r.table_cat for r in cur.tables(catalog="%", schema="", table="")]
check("tables(catalog='%') lists the database", DB in catalogs and "information_schema" in catalogs, True)
check("tables(tableType='%') lists the types",
      [r.table_type for r in cur.tables(catalog="", schema="", table="", tableType="%")],
      ["SEQUENCE", "SYSTEM TABLE", "TABLE", "VIEW"])

# columns(): the 18 columns, typed as pyodbc maps them.
cols = cur.columns(table="tbl_one").fetchall()
check("columns() names", [r.column_name for r in cols],
      ["id", "amount", "name", "created", "body", "data", "state", "flag", "yr", "doc", "nothing", "twice"])
check("columns() description", [d[0] for d in cur.description], [
    "table_cat", "table_schem", "table_name", "column_name", "data_type", "type_name", "column_size",
    "buffer_length", "decimal_digits", "num_prec_radix", "nullable", "remarks", "column_def", "sql_data_type",
    "sql_datetime_sub", "char_octet_length", "ordinal_position", "is_nullable"])
check("columns() id", tuple(cols[0]),
      (DB, None, "tbl_one", "id", 4, "int unsigned", 10, 4, 0, 10, 0, "the key", None, 4, None, None, 1, "NO"))
check("columns() amount", tuple(cols[1]),
      (DB, None, "tbl_one", "amount", 3, "decimal", 12, 14, 2, 10, 0, "money", "0.00", 3, None, None, 2, "NO"))
check("columns() name", tuple(cols[2]),
      (DB, None, "tbl_one", "name", -9, "varchar", 100, 400, None, None, 1, "Grüße", "'it''s'", -9, None, 400, 3,
       "YES"))
check("columns() created", tuple(cols[3]),
      (DB, None, "tbl_one", "created", 93, "datetime", 23, 16, 3, None, 1, "", "current_timestamp(3)", 9, 3, None,
       4, "YES"))
check("columns(column='n%')", [r.column_name for r in cur.columns(table="tbl_one", column="n%")],
      ["name", "nothing"])
check("columns(table='a\\_b')", [(r.table_name, r.column_name) for r in cur.columns(table="a\\_b")],
      [("a_b", "x")])

# primaryKeys() and statistics().
check("primaryKeys('pk2')", [tuple(r) for r in cur.primaryKeys("pk2")],
      [(DB, None, "pk2", "b", 1, "PRIMARY"), (DB, None, "pk2", "a", 2, "PRIMARY")])
stats = cur.statistics("tbl_one").fetchall()
check("statistics('tbl_one')", [(r.non_unique, r.index_name, r.type, r.ordinal_position, r.column_name,
                                  r.asc_or_desc) for r in stats],
      [(None, None, 0, None, None, None), (0, "PRIMARY", 3, 1, "id", "A"), (0, "uq_name", 3, 1, "name", "A"),
       (1, "ix_state_yr", 3, 1, "state", "A"), (1, "ix_state_yr", 3, 2, "yr", "D")])
check("statistics('tbl_one', unique=True)",
      [r.index_name for r in cur.statistics("tbl_one", unique=True)], [None, "PRIMARY", "uq_name"])

# foreignKeys() on holdfast_rel (foreign keys in both directions).
REL = "holdfast_rel"
check("foreignKeys(table='parent')",
      [tuple(r) for r in cur.foreignKeys(table="parent", catalog=REL)],
      [(REL, None, "parent", "a", REL, None, "child", "pa", 1, 3, 3, "fk_child_ab", "uq_ab", 7),
       (REL, None, "parent", "b", REL, None, "child", "pb", 2, 3, 3, "fk_child_ab", "uq_ab", 7),
       (REL, None, "parent", "id", REL, None, "child", "parent_id", 1, 2, 0, "fk_child_parent", "PRIMARY", 7)])
check("foreignKeys(foreignTable='grandchild')",
      [(r.pktable_name, r.pkcolumn_name, r.fktable_name, r.fkcolumn_name, r.key_seq, r.update_rule, r.delete_rule,
        r.fk_name) for r in cur.foreignKeys(foreignTable="grandchild", foreignCatalog=REL)],
      [("child", "id", "grandchild", "child_id", 1, 0, 3, "fk_gc_child")])

# procedures() and procedureColumns() on holdfast_rel.
check("procedures(catalog=holdfast_rel)",
      [(r.procedure_cat, r.procedure_schem, r.procedure_name, r.remarks, r.procedure_type)
       for r in cur.procedures(catalog=REL)],
      [(REL, None, "fn_add", "a function", 2), (REL, None, "proc_io", "a procedure", 1),
       (REL, None, "proc_none", "", 1)])
check("procedureColumns('proc_io')",
      [(r.column_name, r.column_type, r.type_name, r.ordinal_position)
       for r in cur.procedureColumns(procedure="proc_io", catalog=REL)],
      [("p_in", 1, "int", 1), ("p_out", 4, "varchar", 2), ("p_both", 2, "decimal", 3)])

# rowIdColumns() and rowVerColumns() (SQLSpecialColumns) on holdfast_rel.uniq.
check("rowIdColumns('uniq')", [(r.scope, r.column_name, r.type_name, r.pseudo_column)
                               for r in cur.rowIdColumns("uniq", catalog=REL)],
      [(2, "c", "int", 1), (2, "b", "varchar", 1)])
check("rowVerColumns('uniq', nullable=False)",
      [r.column_name for r in cur.rowVerColumns("uniq", catalog=REL, nullable=False)], ["changed"])

# getTypeInfo() (SQLGetTypeInfo): every column, named as pyodbc lower-cases them; rows
# ordered by DATA_TYPE; sizes as SQLColumns and SQLDescribeCol report them.
# (pyodbc has no tablePrivileges() or columnPrivileges().)
types = cur.getTypeInfo().fetchall()
check("getTypeInfo() description", [d[0] for d in cur.description], [
    "type_name", "data_type", "column_size", "literal_prefix", "literal_suffix", "create_params", "nullable",
    "case_sensitive", "searchable", "unsigned_attribute", "fixed_prec_scale", "auto_unique_value", "local_type_name",
    "minimum_scale", "maximum_scale", "sql_data_type", "sql_datetime_sub", "num_prec_radix", "interval_precision"])
check("getTypeInfo() ordered by data_type", [r.data_type for r in types], sorted(r.data_type for r in types))
check("getTypeInfo() has the common types",
      {"varchar", "char", "int", "bigint", "decimal", "double", "float", "date", "datetime", "blob", "text"}
      <= {r.type_name for r in types}, True)
check("getTypeInfo(SQL_INTEGER)",
      [(r.type_name, r.column_size, r.unsigned_attribute, r.num_prec_radix, r.auto_unique_value)
       for r in cur.getTypeInfo(pyodbc.SQL_INTEGER)],
      [("int", 10, 0, 10, 0), ("int unsigned", 10, 1, 10, 0), ("integer", 10, 0, 10, 0),
       ("integer unsigned", 10, 1, 10, 0), ("mediumint", 10, 0, 10, 0), ("mediumint unsigned", 10, 1, 10, 0)])
check("getTypeInfo(SQL_REAL), (SQL_DOUBLE)",
      [(r.type_name, r.data_type, r.column_size, r.num_prec_radix)
       for t in (pyodbc.SQL_REAL, pyodbc.SQL_DOUBLE) for r in cur.getTypeInfo(t)],
      [("float", 7, 7, 10), ("double", 8, 15, 10)])
check("getTypeInfo(SQL_DECIMAL)", [tuple(r) for r in cur.getTypeInfo(pyodbc.SQL_DECIMAL)],
      [("decimal", 3, 65, None, None, "precision,scale", 1, 0, 3, 0, 0, 0, None, 0, 30, 3, None, 10, None)])
check("getTypeInfo(SQL_TYPE_TIMESTAMP)",
      [(r.type_name, r.column_size, r.literal_prefix, r.literal_suffix, r.create_params, r.sql_data_type,
        r.sql_datetime_sub, r.maximum_scale) for r in cur.getTypeInfo(pyodbc.SQL_TYPE_TIMESTAMP)],
      [("datetime", 26, "'", "'", "precision", 9, 3, 6), ("timestamp", 26, "'", "'", "precision", 9, 3, 6)])
check("getTypeInfo(SQL_WVARCHAR)",
      [(r.type_name, r.column_size, r.literal_prefix, r.create_params, r.case_sensitive, r.searchable)
       for r in cur.getTypeInfo(pyodbc.SQL_WVARCHAR)],
      [("varchar", 65535, "'", "length", 0, 3)])
check("getTypeInfo(SQL_GUID) is empty", cur.getTypeInfo(pyodbc.SQL_GUID).fetchall(), [])

conn.close()
if failures:
    print("catalog_pyodbc: FAIL\n" + "\n".join(failures))
    sys.exit(1)
print("catalog_pyodbc: OK")
