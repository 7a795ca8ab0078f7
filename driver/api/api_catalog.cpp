// Catalog functions: SQLTables, SQLColumns, SQLPrimaryKeys, SQLStatistics, SQLForeignKeys,
// SQLProcedures, SQLProcedureColumns, SQLSpecialColumns, SQLTablePrivileges,
// SQLColumnPrivileges (A and W).
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

#include "core/catalog.h"
#include "core/dispatch.h"
#include "core/statement.h"
#include "core/text_io.h"

using namespace holdfast;

namespace {

// A null pointer stays distinguishable from an empty string: they mean different things.
template <class Char>
CatalogArg arg(const Char* text, SQLSMALLINT length) {
  if (!text) return std::nullopt;
  return text_in(text, length);
}

template <class Char>
SQLRETURN tables(SQLHSTMT stmt, Char* catalog, SQLSMALLINT catalog_length, Char* schema, SQLSMALLINT schema_length,
                 Char* table, SQLSMALLINT table_length, Char* type, SQLSMALLINT type_length) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return catalog_tables(s, TablesArgs{arg(catalog, catalog_length), arg(schema, schema_length),
                                        arg(table, table_length), arg(type, type_length)});
  });
}

template <class Char>
SQLRETURN columns(SQLHSTMT stmt, Char* catalog, SQLSMALLINT catalog_length, Char* schema, SQLSMALLINT schema_length,
                  Char* table, SQLSMALLINT table_length, Char* column, SQLSMALLINT column_length) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return catalog_columns(s, ColumnsArgs{arg(catalog, catalog_length), arg(schema, schema_length),
                                          arg(table, table_length), arg(column, column_length)});
  });
}

template <class Char>
SQLRETURN primary_keys(SQLHSTMT stmt, Char* catalog, SQLSMALLINT catalog_length, Char* schema,
                       SQLSMALLINT schema_length, Char* table, SQLSMALLINT table_length) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return catalog_primary_keys(
        s, TableArgs{arg(catalog, catalog_length), arg(schema, schema_length), arg(table, table_length)});
  });
}

template <class Char>
SQLRETURN statistics(SQLHSTMT stmt, Char* catalog, SQLSMALLINT catalog_length, Char* schema,
                     SQLSMALLINT schema_length, Char* table, SQLSMALLINT table_length, SQLUSMALLINT unique,
                     SQLUSMALLINT reserved) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return catalog_statistics(
        s, TableArgs{arg(catalog, catalog_length), arg(schema, schema_length), arg(table, table_length)}, unique,
        reserved);
  });
}

template <class Char>
SQLRETURN foreign_keys(SQLHSTMT stmt, Char* pk_catalog, SQLSMALLINT pk_catalog_length, Char* pk_schema,
                       SQLSMALLINT pk_schema_length, Char* pk_table, SQLSMALLINT pk_table_length, Char* fk_catalog,
                       SQLSMALLINT fk_catalog_length, Char* fk_schema, SQLSMALLINT fk_schema_length, Char* fk_table,
                       SQLSMALLINT fk_table_length) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return catalog_foreign_keys(
        s, ForeignKeysArgs{TableArgs{arg(pk_catalog, pk_catalog_length), arg(pk_schema, pk_schema_length),
                                     arg(pk_table, pk_table_length)},
                           TableArgs{arg(fk_catalog, fk_catalog_length), arg(fk_schema, fk_schema_length),
                                     arg(fk_table, fk_table_length)}});
  });
}

template <class Char>
SQLRETURN procedures(SQLHSTMT stmt, Char* catalog, SQLSMALLINT catalog_length, Char* schema, SQLSMALLINT schema_length,
                     Char* procedure, SQLSMALLINT procedure_length) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return catalog_procedures(s, ProceduresArgs{arg(catalog, catalog_length), arg(schema, schema_length),
                                                arg(procedure, procedure_length)});
  });
}

template <class Char>
SQLRETURN procedure_columns(SQLHSTMT stmt, Char* catalog, SQLSMALLINT catalog_length, Char* schema,
                            SQLSMALLINT schema_length, Char* procedure, SQLSMALLINT procedure_length, Char* column,
                            SQLSMALLINT column_length) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return catalog_procedure_columns(
        s, ProcedureColumnsArgs{arg(catalog, catalog_length), arg(schema, schema_length),
                                arg(procedure, procedure_length), arg(column, column_length)});
  });
}

template <class Char>
SQLRETURN special_columns(SQLHSTMT stmt, SQLUSMALLINT identifier_type, Char* catalog, SQLSMALLINT catalog_length,
                          Char* schema, SQLSMALLINT schema_length, Char* table, SQLSMALLINT table_length,
                          SQLUSMALLINT scope, SQLUSMALLINT nullable) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return catalog_special_columns(
        s, identifier_type,
        TableArgs{arg(catalog, catalog_length), arg(schema, schema_length), arg(table, table_length)}, scope,
        nullable);
  });
}

template <class Char>
SQLRETURN table_privileges(SQLHSTMT stmt, Char* catalog, SQLSMALLINT catalog_length, Char* schema,
                           SQLSMALLINT schema_length, Char* table, SQLSMALLINT table_length) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return catalog_table_privileges(s, TablePrivilegesArgs{arg(catalog, catalog_length), arg(schema, schema_length),
                                                           arg(table, table_length)});
  });
}

template <class Char>
SQLRETURN column_privileges(SQLHSTMT stmt, Char* catalog, SQLSMALLINT catalog_length, Char* schema,
                            SQLSMALLINT schema_length, Char* table, SQLSMALLINT table_length, Char* column,
                            SQLSMALLINT column_length) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return catalog_column_privileges(s, ColumnPrivilegesArgs{arg(catalog, catalog_length), arg(schema, schema_length),
                                                             arg(table, table_length), arg(column, column_length)});
  });
}

}  // namespace

extern "C" {

SQLRETURN SQL_API SQLTables(SQLHSTMT stmt, SQLCHAR* catalog, SQLSMALLINT catalog_length, SQLCHAR* schema,
                            SQLSMALLINT schema_length, SQLCHAR* table, SQLSMALLINT table_length, SQLCHAR* type,
                            SQLSMALLINT type_length) {
  return tables(stmt, catalog, catalog_length, schema, schema_length, table, table_length, type, type_length);
}

SQLRETURN SQL_API SQLTablesW(SQLHSTMT stmt, SQLWCHAR* catalog, SQLSMALLINT catalog_length, SQLWCHAR* schema,
                             SQLSMALLINT schema_length, SQLWCHAR* table, SQLSMALLINT table_length, SQLWCHAR* type,
                             SQLSMALLINT type_length) {
  return tables(stmt, catalog, catalog_length, schema, schema_length, table, table_length, type, type_length);
}

SQLRETURN SQL_API SQLColumns(SQLHSTMT stmt, SQLCHAR* catalog, SQLSMALLINT catalog_length, SQLCHAR* schema,
                             SQLSMALLINT schema_length, SQLCHAR* table, SQLSMALLINT table_length, SQLCHAR* column,
                             SQLSMALLINT column_length) {
  return columns(stmt, catalog, catalog_length, schema, schema_length, table, table_length, column, column_length);
}

SQLRETURN SQL_API SQLColumnsW(SQLHSTMT stmt, SQLWCHAR* catalog, SQLSMALLINT catalog_length, SQLWCHAR* schema,
                              SQLSMALLINT schema_length, SQLWCHAR* table, SQLSMALLINT table_length, SQLWCHAR* column,
                              SQLSMALLINT column_length) {
  return columns(stmt, catalog, catalog_length, schema, schema_length, table, table_length, column, column_length);
}

SQLRETURN SQL_API SQLPrimaryKeys(SQLHSTMT stmt, SQLCHAR* catalog, SQLSMALLINT catalog_length, SQLCHAR* schema,
                                 SQLSMALLINT schema_length, SQLCHAR* table, SQLSMALLINT table_length) {
  return primary_keys(stmt, catalog, catalog_length, schema, schema_length, table, table_length);
}

SQLRETURN SQL_API SQLPrimaryKeysW(SQLHSTMT stmt, SQLWCHAR* catalog, SQLSMALLINT catalog_length, SQLWCHAR* schema,
                                  SQLSMALLINT schema_length, SQLWCHAR* table, SQLSMALLINT table_length) {
  return primary_keys(stmt, catalog, catalog_length, schema, schema_length, table, table_length);
}

SQLRETURN SQL_API SQLStatistics(SQLHSTMT stmt, SQLCHAR* catalog, SQLSMALLINT catalog_length, SQLCHAR* schema,
                                SQLSMALLINT schema_length, SQLCHAR* table, SQLSMALLINT table_length,
                                SQLUSMALLINT unique, SQLUSMALLINT reserved) {
  return statistics(stmt, catalog, catalog_length, schema, schema_length, table, table_length, unique, reserved);
}

SQLRETURN SQL_API SQLStatisticsW(SQLHSTMT stmt, SQLWCHAR* catalog, SQLSMALLINT catalog_length, SQLWCHAR* schema,
                                 SQLSMALLINT schema_length, SQLWCHAR* table, SQLSMALLINT table_length,
                                 SQLUSMALLINT unique, SQLUSMALLINT reserved) {
  return statistics(stmt, catalog, catalog_length, schema, schema_length, table, table_length, unique, reserved);
}

SQLRETURN SQL_API SQLForeignKeys(SQLHSTMT stmt, SQLCHAR* pk_catalog, SQLSMALLINT pk_catalog_length,
                                 SQLCHAR* pk_schema, SQLSMALLINT pk_schema_length, SQLCHAR* pk_table,
                                 SQLSMALLINT pk_table_length, SQLCHAR* fk_catalog, SQLSMALLINT fk_catalog_length,
                                 SQLCHAR* fk_schema, SQLSMALLINT fk_schema_length, SQLCHAR* fk_table,
                                 SQLSMALLINT fk_table_length) {
  return foreign_keys(stmt, pk_catalog, pk_catalog_length, pk_schema, pk_schema_length, pk_table, pk_table_length,
                      fk_catalog, fk_catalog_length, fk_schema, fk_schema_length, fk_table, fk_table_length);
}

SQLRETURN SQL_API SQLForeignKeysW(SQLHSTMT stmt, SQLWCHAR* pk_catalog, SQLSMALLINT pk_catalog_length,
                                  SQLWCHAR* pk_schema, SQLSMALLINT pk_schema_length, SQLWCHAR* pk_table,
                                  SQLSMALLINT pk_table_length, SQLWCHAR* fk_catalog, SQLSMALLINT fk_catalog_length,
                                  SQLWCHAR* fk_schema, SQLSMALLINT fk_schema_length, SQLWCHAR* fk_table,
                                  SQLSMALLINT fk_table_length) {
  return foreign_keys(stmt, pk_catalog, pk_catalog_length, pk_schema, pk_schema_length, pk_table, pk_table_length,
                      fk_catalog, fk_catalog_length, fk_schema, fk_schema_length, fk_table, fk_table_length);
}

SQLRETURN SQL_API SQLProcedures(SQLHSTMT stmt, SQLCHAR* catalog, SQLSMALLINT catalog_length, SQLCHAR* schema,
                                SQLSMALLINT schema_length, SQLCHAR* procedure, SQLSMALLINT procedure_length) {
  return procedures(stmt, catalog, catalog_length, schema, schema_length, procedure, procedure_length);
}

SQLRETURN SQL_API SQLProceduresW(SQLHSTMT stmt, SQLWCHAR* catalog, SQLSMALLINT catalog_length, SQLWCHAR* schema,
                                 SQLSMALLINT schema_length, SQLWCHAR* procedure, SQLSMALLINT procedure_length) {
  return procedures(stmt, catalog, catalog_length, schema, schema_length, procedure, procedure_length);
}

SQLRETURN SQL_API SQLProcedureColumns(SQLHSTMT stmt, SQLCHAR* catalog, SQLSMALLINT catalog_length, SQLCHAR* schema,
                                      SQLSMALLINT schema_length, SQLCHAR* procedure, SQLSMALLINT procedure_length,
                                      SQLCHAR* column, SQLSMALLINT column_length) {
  return procedure_columns(stmt, catalog, catalog_length, schema, schema_length, procedure, procedure_length, column,
                           column_length);
}

SQLRETURN SQL_API SQLProcedureColumnsW(SQLHSTMT stmt, SQLWCHAR* catalog, SQLSMALLINT catalog_length, SQLWCHAR* schema,
                                       SQLSMALLINT schema_length, SQLWCHAR* procedure, SQLSMALLINT procedure_length,
                                       SQLWCHAR* column, SQLSMALLINT column_length) {
  return procedure_columns(stmt, catalog, catalog_length, schema, schema_length, procedure, procedure_length, column,
                           column_length);
}

SQLRETURN SQL_API SQLSpecialColumns(SQLHSTMT stmt, SQLUSMALLINT identifier_type, SQLCHAR* catalog,
                                    SQLSMALLINT catalog_length, SQLCHAR* schema, SQLSMALLINT schema_length,
                                    SQLCHAR* table, SQLSMALLINT table_length, SQLUSMALLINT scope,
                                    SQLUSMALLINT nullable) {
  return special_columns(stmt, identifier_type, catalog, catalog_length, schema, schema_length, table, table_length,
                         scope, nullable);
}

SQLRETURN SQL_API SQLSpecialColumnsW(SQLHSTMT stmt, SQLUSMALLINT identifier_type, SQLWCHAR* catalog,
                                     SQLSMALLINT catalog_length, SQLWCHAR* schema, SQLSMALLINT schema_length,
                                     SQLWCHAR* table, SQLSMALLINT table_length, SQLUSMALLINT scope,
                                     SQLUSMALLINT nullable) {
  return special_columns(stmt, identifier_type, catalog, catalog_length, schema, schema_length, table, table_length,
                         scope, nullable);
}

SQLRETURN SQL_API SQLTablePrivileges(SQLHSTMT stmt, SQLCHAR* catalog, SQLSMALLINT catalog_length, SQLCHAR* schema,
                                     SQLSMALLINT schema_length, SQLCHAR* table, SQLSMALLINT table_length) {
  return table_privileges(stmt, catalog, catalog_length, schema, schema_length, table, table_length);
}

SQLRETURN SQL_API SQLTablePrivilegesW(SQLHSTMT stmt, SQLWCHAR* catalog, SQLSMALLINT catalog_length, SQLWCHAR* schema,
                                      SQLSMALLINT schema_length, SQLWCHAR* table, SQLSMALLINT table_length) {
  return table_privileges(stmt, catalog, catalog_length, schema, schema_length, table, table_length);
}

SQLRETURN SQL_API SQLColumnPrivileges(SQLHSTMT stmt, SQLCHAR* catalog, SQLSMALLINT catalog_length, SQLCHAR* schema,
                                      SQLSMALLINT schema_length, SQLCHAR* table, SQLSMALLINT table_length,
                                      SQLCHAR* column, SQLSMALLINT column_length) {
  return column_privileges(stmt, catalog, catalog_length, schema, schema_length, table, table_length, column,
                           column_length);
}

SQLRETURN SQL_API SQLColumnPrivilegesW(SQLHSTMT stmt, SQLWCHAR* catalog, SQLSMALLINT catalog_length, SQLWCHAR* schema,
                                       SQLSMALLINT schema_length, SQLWCHAR* table, SQLSMALLINT table_length,
                                       SQLWCHAR* column, SQLSMALLINT column_length) {
  return column_privileges(stmt, catalog, catalog_length, schema, schema_length, table, table_length, column,
                           column_length);
}

}  // extern "C"
