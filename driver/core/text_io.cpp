#include "core/text_io.h"

#include <cstring>

#include "core/odbc_error.h"
#include "core/unicode.h"

namespace holdfast {

std::string text_in(const SQLCHAR* text, SQLINTEGER length) {
  if (!text) return {};
  if (length == SQL_NTS) return std::string(reinterpret_cast<const char*>(text));
  if (length < 0) throw OdbcError("HY090", "Invalid string or buffer length");
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(length));
}

std::string text_in(const SQLWCHAR* text, SQLINTEGER length) {
  if (!text) return {};
  if (length < 0 && length != SQL_NTS) throw OdbcError("HY090", "Invalid string or buffer length");
  return utf16_to_utf8(text, length);
}

namespace {

// The longest prefix of `value` of at most `max_bytes` that ends on a character boundary.
std::size_t utf8_prefix(std::string_view value, std::size_t max_bytes) {
  if (max_bytes >= value.size()) return value.size();
  std::size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(value[n]) & 0xC0) == 0x80) --n;
  return n;
}

}  // namespace

SQLLEN write_text(std::string_view value, const TextOut& out, bool& truncated) {
  if (out.capacity < 0) throw OdbcError("HY090", "Invalid string or buffer length");
  truncated = false;
  if (out.width == CharWidth::narrow) {
    const auto full = static_cast<SQLLEN>(value.size());
    if (!out.buffer || out.capacity == 0) {  // a length-only request is not a truncation
      truncated = out.buffer && full > 0;
      return full;
    }
    const std::size_t n = utf8_prefix(value, static_cast<std::size_t>(out.capacity) - 1);
    std::memcpy(out.buffer, value.data(), n);
    static_cast<char*>(out.buffer)[n] = '\0';
    truncated = n < value.size();
    return full;
  }
  const std::size_t units = utf16_length_of_utf8(value);
  const SQLLEN full = static_cast<SQLLEN>(out.unit == LengthUnit::bytes ? units * sizeof(SQLWCHAR) : units);
  const std::size_t room =
      out.unit == LengthUnit::bytes ? static_cast<std::size_t>(out.capacity) / sizeof(SQLWCHAR)
                                    : static_cast<std::size_t>(out.capacity);
  if (!out.buffer || room == 0) {
    truncated = out.buffer && units > 0;
    return full;
  }
  auto* dest = static_cast<SQLWCHAR*>(out.buffer);
  const std::size_t written = utf8_to_utf16(value, dest, room - 1);
  dest[written] = 0;
  truncated = written < units;
  return full;
}

}  // namespace holdfast
