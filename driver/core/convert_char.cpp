// Variable-length outputs: SQL_C_CHAR, SQL_C_WCHAR and SQL_C_BINARY, in pieces for
// SQLGetData.
#include <cstring>

#include "core/convert_detail.h"
#include "core/odbc_error.h"
#include "core/unicode.h"

namespace holdfast::convert_detail {

void set_length(const CellTarget& t, SQLLEN len) noexcept {
  if (t.length_ptr != nullptr) *t.length_ptr = len;
  if (t.indicator_ptr != nullptr && t.indicator_ptr != t.length_ptr) *t.indicator_ptr = 0;
}

ConvertResult fixed_done(PieceState* pieces, const char* warning) noexcept {
  if (pieces != nullptr) {
    pieces->started = true;
    pieces->exhausted = true;
  }
  return warning != nullptr ? ConvertResult{SQL_SUCCESS_WITH_INFO, warning} : ConvertResult{};
}

ConvertResult put_null(const CellTarget& t, PieceState* pieces) {
  if (t.indicator_ptr == nullptr) {
    throw OdbcError("22002", "Indicator variable required but not supplied");
  }
  *t.indicator_ptr = SQL_NULL_DATA;
  return fixed_done(pieces, nullptr);
}

namespace {

constexpr ConvertResult kTruncated{SQL_SUCCESS_WITH_INFO, "01004"};

void check_buffer_length(const CellTarget& t) {
  if (t.buffer_length < 0) throw OdbcError("HY090", "Invalid string or buffer length");
}

void advance(PieceState* pieces, size_t by, bool done) noexcept {
  if (pieces == nullptr) return;
  pieces->offset += by;
  pieces->started = true;
  pieces->exhausted = done;
}

// Output made of one unit (char or SQLWCHAR) per stream position. fill(pos, count, out)
// writes `count` units of the stream starting at `pos`.
template <class Unit, class Fill>
ConvertResult put_unit_stream(size_t total, const CellTarget& t, PieceState* pieces,
                              size_t must_fit, Fill fill) {
  check_buffer_length(t);
  const size_t offset = pieces != nullptr ? pieces->offset : 0;
  const size_t remaining = offset < total ? total - offset : 0;
  const size_t capacity = static_cast<size_t>(t.buffer_length) / sizeof(Unit);
  if (t.buffer != nullptr && offset == 0 && must_fit > 0 && must_fit >= capacity) {
    throw OdbcError("22003", "Numeric value out of range: the buffer cannot hold the value");
  }
  set_length(t, static_cast<SQLLEN>(remaining * sizeof(Unit)));
  if (t.buffer == nullptr) {  // only the length was asked for
    return remaining == 0 ? ConvertResult{} : kTruncated;
  }
  auto* out = static_cast<Unit*>(t.buffer);
  if (remaining < capacity) {
    fill(offset, remaining, out);
    out[remaining] = 0;
    advance(pieces, remaining, true);
    return {};
  }
  const size_t n = capacity > 0 ? capacity - 1 : 0;
  if (capacity > 0) {
    fill(offset, n, out);
    out[n] = 0;
  }
  advance(pieces, n, false);
  return kTruncated;
}

constexpr char kHexDigits[] = "0123456789ABCDEF";

template <class Unit>
void fill_hex(std::string_view bytes, size_t pos, size_t count, Unit* out) {
  for (size_t i = 0; i < count; ++i, ++pos) {
    const auto b = static_cast<unsigned char>(bytes[pos / 2]);
    out[i] = static_cast<Unit>(kHexDigits[(pos % 2) == 0 ? (b >> 4) : (b & 0x0F)]);
  }
}

}  // namespace

ConvertResult put_char_text(std::string_view text, const CellTarget& t, PieceState* pieces,
                            size_t must_fit) {
  return put_unit_stream<char>(text.size(), t, pieces, must_fit,
                               [text](size_t pos, size_t count, char* out) {
                                 if (count > 0) std::memcpy(out, text.data() + pos, count);
                               });
}

ConvertResult put_char_hex(std::string_view bytes, const CellTarget& t, PieceState* pieces) {
  return put_unit_stream<char>(bytes.size() * 2, t, pieces, 0,
                               [bytes](size_t pos, size_t count, char* out) {
                                 fill_hex(bytes, pos, count, out);
                               });
}

ConvertResult put_wchar_hex(std::string_view bytes, const CellTarget& t, PieceState* pieces) {
  return put_unit_stream<SQLWCHAR>(bytes.size() * 2, t, pieces, 0,
                                   [bytes](size_t pos, size_t count, SQLWCHAR* out) {
                                     fill_hex(bytes, pos, count, out);
                                   });
}

// UTF-8 in, UTF-16 out: positions in `pieces` are UTF-8 bytes of the source; lengths
// reported to the application are UTF-16 bytes. Truncation keeps surrogate pairs whole.
ConvertResult put_wchar_text(std::string_view utf8, const CellTarget& t, PieceState* pieces,
                             size_t must_fit) {
  check_buffer_length(t);
  const size_t offset = pieces != nullptr ? pieces->offset : 0;
  const std::string_view rest = offset < utf8.size() ? utf8.substr(offset) : std::string_view{};
  const size_t capacity = static_cast<size_t>(t.buffer_length) / sizeof(SQLWCHAR);
  if (t.buffer != nullptr && offset == 0 && must_fit > 0 && must_fit >= capacity) {
    throw OdbcError("22003", "Numeric value out of range: the buffer cannot hold the value");
  }
  const size_t units = utf16_length_of_utf8(rest);
  set_length(t, static_cast<SQLLEN>(units * sizeof(SQLWCHAR)));
  if (t.buffer == nullptr) {
    return units == 0 ? ConvertResult{} : kTruncated;
  }
  auto* out = static_cast<SQLWCHAR*>(t.buffer);
  if (units < capacity) {
    const size_t written = utf8_to_utf16(rest, out, units);
    out[written] = 0;
    advance(pieces, rest.size(), true);
    return {};
  }
  if (capacity == 0) {
    advance(pieces, 0, false);
    return kTruncated;
  }
  const Utf16Written w = utf8_to_utf16_partial(rest, out, capacity - 1);
  out[w.units_written] = 0;
  advance(pieces, w.bytes_consumed, false);
  return kTruncated;
}

ConvertResult put_binary(std::string_view bytes, const CellTarget& t, PieceState* pieces,
                         bool all_or_error) {
  check_buffer_length(t);
  const size_t offset = pieces != nullptr ? pieces->offset : 0;
  const size_t remaining = offset < bytes.size() ? bytes.size() - offset : 0;
  const auto capacity = static_cast<size_t>(t.buffer_length);
  if (t.buffer != nullptr && all_or_error && offset == 0 && remaining > capacity) {
    throw OdbcError("22003", "Numeric value out of range: the buffer cannot hold the value");
  }
  set_length(t, static_cast<SQLLEN>(remaining));
  if (t.buffer == nullptr) {
    return remaining == 0 ? ConvertResult{} : kTruncated;
  }
  const size_t n = remaining <= capacity ? remaining : capacity;
  if (n > 0) std::memcpy(t.buffer, bytes.data() + offset, n);
  advance(pieces, n, n == remaining);
  return n == remaining ? ConvertResult{} : kTruncated;
}

}  // namespace holdfast::convert_detail
