// A column as information_schema.COLUMNS describes it, turned into the description
// SQLDescribeCol gives for the same column in a result set: the row is rebuilt as the
// MYSQL_FIELD the server would send (type, length in bytes of the connection's
// character set, flags) and handed to describe_field, so both paths share one mapping.
// Pure logic: no server.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/column_meta.h"

namespace holdfast {

// What SQLColumns reads from one row of information_schema.COLUMNS.
struct InfoSchemaColumn {
  std::string data_type;    // DATA_TYPE: "int", "varchar", "point" (any case)
  std::string column_type;  // COLUMN_TYPE: "int(10) unsigned", "enum('a','b')"
  std::optional<std::uint64_t> char_max_length;    // CHARACTER_MAXIMUM_LENGTH (characters)
  std::optional<std::uint64_t> numeric_precision;  // NUMERIC_PRECISION
  std::optional<std::uint64_t> numeric_scale;      // NUMERIC_SCALE
  std::optional<std::uint64_t> datetime_precision; // DATETIME_PRECISION
  std::optional<std::string> charset;              // CHARACTER_SET_NAME
  bool nullable = true;                            // IS_NULLABLE = 'YES'
  std::string extra;                               // EXTRA: "auto_increment", "VIRTUAL GENERATED"
};

// The MYSQL_FIELD a result set would carry for the column.
//  max_bytes_per_char: of the connection (result) character set, as describe_field takes it.
MYSQL_FIELD field_for_info_schema_column(const InfoSchemaColumn& c, unsigned max_bytes_per_char);

// describe_field(field_for_info_schema_column(c, ...), ...).
ColumnMeta describe_info_schema_column(const InfoSchemaColumn& c, unsigned max_bytes_per_char, bool unicode_text);

// Characters of SQLColumns' COLUMN_DEF; longer defaults are reported as TRUNCATED.
inline constexpr std::size_t kColumnDefChars = 4000;

// COLUMN_DEF as the reference defines it: a character default in single quotes, the
// word NULL for a NULL default, an expression (CURRENT_TIMESTAMP) as it is, NULL when
// there is no default (generated columns included). `raw` is COLUMN_DEFAULT;
// `mysql_style` says it is written as MySQL does (strings unquoted, NULL for a NULL
// default) rather than as MariaDB 10.2.7+ does (already in the reference's form).
std::optional<std::string> column_default(const InfoSchemaColumn& c, const std::optional<std::string>& raw,
                                          bool mysql_style);

}  // namespace holdfast
