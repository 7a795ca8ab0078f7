// The type description SQLColumns and SQLProcedureColumns share: their columns
// DATA_TYPE .. IS_NULLABLE (14 columns, the same in both result sets), built from what
// information_schema says of a column or parameter (implemented in catalog_columns.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/catalog_column_type.h"
#include "core/catalog_query.h"

namespace holdfast {

// Appends DATA_TYPE, TYPE_NAME, COLUMN_SIZE, BUFFER_LENGTH, DECIMAL_DIGITS,
// NUM_PREC_RADIX, NULLABLE, REMARKS, COLUMN_DEF, SQL_DATA_TYPE, SQL_DATETIME_SUB,
// CHAR_OCTET_LENGTH, ORDINAL_POSITION, IS_NULLABLE. ODBC 2 applications see the ODBC 2
// date/time codes.
// Reads the seven columns that describe a type, in information_schema's order starting
// at `first`: DATA_TYPE, COLUMN_TYPE (DTD_IDENTIFIER for parameters),
// CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION,
// CHARACTER_SET_NAME. Nullability and EXTRA are the caller's.
InfoSchemaColumn read_type_columns(const ResultSet& rows, std::size_t first);

void append_type_description(LocalResult::Row& row, const InfoSchemaColumn& info, std::optional<std::string> remarks,
                             std::optional<std::string> column_def, std::int64_t ordinal, const CatalogContext& c);

}  // namespace holdfast
