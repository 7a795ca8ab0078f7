// A result column's conversion, chosen once per (value kind, C type) pair and reused for
// every row, instead of classifying the C type, checking the pair and sizing the target
// per value. The fast conversions handle the usual shapes of text-protocol values (plain
// digits, "YYYY-MM-DD hh:mm:ss[.ffffff]", text that fits its buffer) and of native values
// of the binary protocol (integers in range, doubles, valid dates and times) and hand
// everything else to convert_value, so their results never differ from it.
#pragma once

#include "core/convert.h"

namespace holdfast {

struct ColumnConversion {
  using Fn = ConvertResult (*)(const ColumnMeta& meta, const SourceValue& value, const CellTarget& target,
                               PieceState* pieces);
  static constexpr SQLSMALLINT kUnchosen = -32768;
  SQLSMALLINT asked = kUnchosen;  // the C type as bound or asked (SQL_C_DEFAULT kept): the key
  SQLSMALLINT c_type = 0;         // the C type it resolved to
  SQLLEN octet_size = 0;          // one value of a fixed-length C type; 0 for variable ones
  Fn convert = nullptr;

  bool chosen_for(SQLSMALLINT c) const noexcept { return asked == c; }
};

// Which conversion fits a column of `meta` read as `c_type` (SQL_C_DEFAULT allowed).
// Never throws: an unsupported pair gets convert_value, which reports it per value.
ColumnConversion choose_conversion(const ColumnMeta& meta, SQLSMALLINT c_type) noexcept;

// Names of the fast conversions, for tests: "generic", "integer", "double", "chars",
// "timestamp", "date", "time".
const char* conversion_name(const ColumnConversion& conversion) noexcept;

}  // namespace holdfast
