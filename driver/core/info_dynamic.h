// Internal to the SQLGetInfo table: the answers that depend on the connection.
#pragma once

#include "core/info_values.h"

namespace holdfast::info {

// Server version as a number (101106), from the context's number or else its string.
unsigned long server_version(const InfoContext& context) noexcept;

// Strings.
InfoValue dbms_name(SQLUSMALLINT, const InfoContext& context);
InfoValue dbms_ver(SQLUSMALLINT, const InfoContext& context);
InfoValue driver_ver(SQLUSMALLINT, const InfoContext& context);
InfoValue data_source_name(SQLUSMALLINT, const InfoContext& context);
InfoValue server_name(SQLUSMALLINT, const InfoContext& context);
InfoValue database_name(SQLUSMALLINT, const InfoContext& context);
InfoValue user_name(SQLUSMALLINT, const InfoContext& context);
InfoValue collation_seq(SQLUSMALLINT, const InfoContext& context);
InfoValue integrity(SQLUSMALLINT, const InfoContext& context);
InfoValue keywords(SQLUSMALLINT, const InfoContext& context);

// Numbers.
InfoValue identifier_case(SQLUSMALLINT, const InfoContext& context);
InfoValue max_user_name_len(SQLUSMALLINT, const InfoContext& context);
InfoValue max_columns_in_index(SQLUSMALLINT, const InfoContext& context);
InfoValue relational_join_operators(SQLUSMALLINT, const InfoContext& context);
InfoValue info_schema_views(SQLUSMALLINT, const InfoContext& context);
InfoValue string_functions(SQLUSMALLINT, const InfoContext& context);
InfoValue timedate_intervals(SQLUSMALLINT, const InfoContext& context);
InfoValue convert_functions(SQLUSMALLINT, const InfoContext& context);
InfoValue convert_targets(SQLUSMALLINT type, const InfoContext& context);  // SQL_CONVERT_*

// Catalogs and schemas: databases are catalogs, or schemas with DATABASE_AS_SCHEMA.
InfoValue catalog_text(SQLUSMALLINT type, const InfoContext& context);    // NAME, TERM, NAME_SEPARATOR
InfoValue schema_text(SQLUSMALLINT type, const InfoContext& context);     // SQL_SCHEMA_TERM
InfoValue catalog_location(SQLUSMALLINT, const InfoContext& context);
InfoValue catalog_usage(SQLUSMALLINT, const InfoContext& context);
InfoValue schema_usage(SQLUSMALLINT, const InfoContext& context);
InfoValue create_schema(SQLUSMALLINT, const InfoContext& context);
InfoValue drop_schema(SQLUSMALLINT, const InfoContext& context);
InfoValue max_database_name_len(SQLUSMALLINT type, const InfoContext& context);  // CATALOG / SCHEMA

// Handles.
InfoValue driver_hdbc(SQLUSMALLINT, const InfoContext& context);
InfoValue driver_henv(SQLUSMALLINT, const InfoContext& context);
InfoValue driver_input_handle(SQLUSMALLINT, const InfoContext& context);

// The server family's reserved words that are not ODBC keywords, comma-separated.
const std::string& server_keywords(bool mariadb);

}  // namespace holdfast::info
