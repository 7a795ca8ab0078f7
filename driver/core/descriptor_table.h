// The descriptor fields ODBC defines: header or record, the C type of the value, and for
// each kind of descriptor whether the field is unused, read-only or read-write
// (SQLSetDescField, "Descriptor fields").
#pragma once

#include <sql.h>

#include "core/descriptor.h"

namespace holdfast {

enum class FieldType { smallint, integer, len, ulen, pointer, text };
enum class Access { none, read, read_write };

struct FieldSpec {
  SQLSMALLINT id;
  bool header;
  FieldType type;
  Access ard, apd, ird, ipd;
  Access access(DescKind kind) const noexcept;
};

// The field's entry, or nullptr for a field ODBC does not define.
const FieldSpec* find_field(SQLSMALLINT field) noexcept;

}  // namespace holdfast
