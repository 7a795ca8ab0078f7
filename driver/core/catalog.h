// The catalog functions (SQLTables, SQLColumns, SQLPrimaryKeys, SQLStatistics,
// SQLForeignKeys, SQLProcedures, SQLProcedureColumns, SQLSpecialColumns,
// SQLTablePrivileges, SQLColumnPrivileges): what the entry points hand over, and the
// functions that build each result set.
//
// MySQL databases are ODBC catalogs; there are no schemas (TABLE_SCHEM is NULL). With
// DATABASE_AS_SCHEMA=1 they are schemas instead: every result set has the database in its
// schema column and NULL in its catalog column, the schema argument names the database
// (as the catalog argument does otherwise, with the argument kind of the schema) and the
// catalog argument must accept the empty name; SQL_ALL_SCHEMAS lists the databases and
// SQL_ALL_CATALOGS nothing. Every
// query reads information_schema through the connection's session (the resilience
// contract applies; catalog queries are reads), with every name the application gives
// sent as an escaped string literal, never as SQL text. The result is a driver-built
// result set with exactly the columns the ODBC 3.8 reference defines (ODBC 2 names when
// the environment asked for ODBC 2).
//
// Arguments, as "Arguments in Catalog Functions" defines them (SQL_ATTR_METADATA_ID =
// SQL_FALSE / SQL_TRUE):
//   SQLTables      catalog PV (OA under ODBC 2), schema PV, table PV, type VL / ID ID ID VL
//   SQLColumns     catalog OA, schema PV, table PV, column PV                / ID ID ID ID
//   SQLPrimaryKeys, SQLStatistics, SQLSpecialColumns: catalog, schema, table OA / ID ID ID
//   SQLForeignKeys  each table's catalog, schema, table OA                   / ID ID ID
//   SQLProcedures   catalog OA, schema PV, procedure PV                      / ID ID ID
//   SQLProcedureColumns  the same and column PV                              / ID ID ID ID
//   SQLTablePrivileges   catalog OA, schema PV, table PV                     / ID ID ID
//   SQLColumnPrivileges  catalog OA, schema OA, table OA, column PV          / ID ID ID ID
// A null or empty catalog means the current database (every database when there is
// none). A schema argument matches when it accepts the empty name (null, "", "%"); any
// other schema matches nothing.
#pragma once

#include <sql.h>

#include <optional>
#include <string>

namespace holdfast {

class Statement;

// A string argument of a catalog function: std::nullopt for a null pointer.
using CatalogArg = std::optional<std::string>;

struct TablesArgs {
  CatalogArg catalog;
  CatalogArg schema;
  CatalogArg table;
  CatalogArg table_type;
};

struct ColumnsArgs {
  CatalogArg catalog;
  CatalogArg schema;
  CatalogArg table;
  CatalogArg column;
};

// SQLPrimaryKeys and SQLStatistics: one table, named by ordinary arguments.
struct TableArgs {
  CatalogArg catalog;
  CatalogArg schema;
  CatalogArg table;
};

// Each replaces the statement's result with the catalog result set. Errors: 24000 (a
// cursor is open), HY009 (a null argument that must not be null), HY090 (a name longer
// than the server allows), HY100/HY101 (SQLStatistics options), and whatever the
// server or the link reports.
SQLRETURN catalog_tables(Statement& statement, const TablesArgs& args);
SQLRETURN catalog_columns(Statement& statement, const ColumnsArgs& args);
SQLRETURN catalog_primary_keys(Statement& statement, const TableArgs& args);
SQLRETURN catalog_statistics(Statement& statement, const TableArgs& args, SQLUSMALLINT unique,
                             SQLUSMALLINT reserved);

// SQLForeignKeys: the primary key table, the foreign key table, or both (ordinary
// arguments / identifiers); at least one table name is required (HY009).
struct ForeignKeysArgs {
  TableArgs pk;
  TableArgs fk;
};
SQLRETURN catalog_foreign_keys(Statement& statement, const ForeignKeysArgs& args);

// SQLProcedures (catalog OA, schema PV, procedure PV) and SQLProcedureColumns (the same
// and column PV): stored procedures and functions, and their parameters.
struct ProceduresArgs {
  CatalogArg catalog;
  CatalogArg schema;
  CatalogArg procedure;
};
struct ProcedureColumnsArgs {
  CatalogArg catalog;
  CatalogArg schema;
  CatalogArg procedure;
  CatalogArg column;
};
SQLRETURN catalog_procedures(Statement& statement, const ProceduresArgs& args);
SQLRETURN catalog_procedure_columns(Statement& statement, const ProcedureColumnsArgs& args);

// SQLSpecialColumns: SQL_BEST_ROWID (the primary key, else the first unique index, by
// name, whose columns are all NOT NULL) or SQL_ROWVER (ON UPDATE CURRENT_TIMESTAMP
// columns). HY097 / HY098 / HY099 for an identifier type / scope / nullable out of range.
SQLRETURN catalog_special_columns(Statement& statement, SQLUSMALLINT identifier_type, const TableArgs& args,
                                  SQLUSMALLINT scope, SQLUSMALLINT nullable);

// SQLTablePrivileges (catalog OA, schema PV, table PV) and SQLColumnPrivileges (catalog,
// schema, table OA, the table required: HY009; column PV): the privileges that apply to
// each table or column (see catalog_privileges.cpp for which).
struct TablePrivilegesArgs {
  CatalogArg catalog;
  CatalogArg schema;
  CatalogArg table;
};
struct ColumnPrivilegesArgs {
  CatalogArg catalog;
  CatalogArg schema;
  CatalogArg table;
  CatalogArg column;
};
SQLRETURN catalog_table_privileges(Statement& statement, const TablePrivilegesArgs& args);
SQLRETURN catalog_column_privileges(Statement& statement, const ColumnPrivilegesArgs& args);

}  // namespace holdfast
