// Catalog functions: SQLTables, SQLColumns, SQLPrimaryKeys, SQLStatistics (A and W).
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

}  // extern "C"
