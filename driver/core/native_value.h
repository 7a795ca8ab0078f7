// Values of the binary protocol kept in their native form (a 64-bit integer, a double, a
// MYSQL_TIME) instead of as text: which columns are read that way, and the text the
// server's text protocol would have sent for such a value, rendered on the caller's
// stack, so that every conversion gives the same result on both protocols.
#pragma once

#include <mysql.h>

#include <cstddef>

#include "core/column_meta.h"
#include "core/convert.h"

namespace holdfast {

// The storage of one native value (the buffer bound for its column).
union NativeCell {
  long long integer;
  unsigned long long unsigned_integer;
  double real;
  MYSQL_TIME time;
};

// How a column of `field` is read from the binary protocol: natively where the protocol
// carries the value exactly and its text can be rendered as the server renders it
// (integers other than ZEROFILL ones, DOUBLE without a fixed scale, DATE, DATETIME,
// TIMESTAMP and TIME with at most 6 fraction digits); NativeKind::none (text) otherwise
// (FLOAT, DECIMAL, BIT, strings, blobs, ZEROFILL).
NativeKind native_kind_for(const MYSQL_FIELD& field) noexcept;

// The MYSQL_TYPE_* a column of `kind` and `field_type` is bound as (MYSQL_TYPE_STRING for
// none; a temporal column as its own type).
enum_field_types native_buffer_type(NativeKind kind, enum_field_types field_type) noexcept;

// Room for the text of any native value.
inline constexpr std::size_t kNativeTextRoom = 64;

// `value` as text: itself when it is not native (or NULL), else its text as the text
// protocol sends it for a column described by `meta`, written into `room`.
SourceValue native_as_text(const ColumnMeta& meta, const SourceValue& value, char (&room)[kNativeTextRoom]) noexcept;

// The text of a double as the server writes a DOUBLE without a fixed scale: the shortest
// digits that read back as the same double, positional between 1e-15 and 1e15 (and up to
// 17 digits), "1.5e-16" or "1e15" outside; either zero as "0". Returns the length written
// (at most 40).
std::size_t render_double(double value, char* out) noexcept;

}  // namespace holdfast
