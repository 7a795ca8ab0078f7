#include "core/unicode.h"

#include <cstring>

#include "core/odbc_error.h"

namespace holdfast {

size_t decode_utf8(std::string_view in, char32_t& code_point) noexcept {
  const auto b0 = static_cast<unsigned char>(in[0]);
  if (b0 < 0x80) {
    code_point = b0;
    return 1;
  }
  size_t need;             // continuation bytes after the lead byte
  unsigned char lo = 0x80;  // allowed range of the first continuation byte
  unsigned char hi = 0xBF;
  char32_t cp;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // no overlong forms
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;  // no overlong forms
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    code_point = kReplacementChar;
    return 1;
  }
  for (size_t i = 1; i <= need; ++i) {
    if (i >= in.size()) {
      code_point = kReplacementChar;
      return i;
    }
    const auto b = static_cast<unsigned char>(in[i]);
    if (b < lo || b > hi) {
      code_point = kReplacementChar;
      return i;
    }
    lo = 0x80;
    hi = 0xBF;
    cp = (cp << 6) | (b & 0x3F);
  }
  code_point = cp;
  return need + 1;
}

namespace {

// One UTF-16 unit of application text, which need not be 2-byte aligned (row-wise
// parameter buffers pack values at any offset).
unsigned unit_at(const SQLWCHAR* s, size_t i) noexcept {
  SQLWCHAR u;
  std::memcpy(&u, reinterpret_cast<const unsigned char*>(s) + i * sizeof(SQLWCHAR), sizeof u);
  return u;
}

}  // namespace

size_t utf16_length(const SQLWCHAR* s, SQLINTEGER len) {
  if (len == SQL_NTS) {
    if (s == nullptr) return 0;
    size_t n = 0;
    while (unit_at(s, n) != 0) ++n;
    return n;
  }
  if (len < 0) throw OdbcError("HY090", "Invalid string or buffer length");
  if (s == nullptr && len > 0) throw OdbcError("HY009", "Invalid use of null pointer");
  return static_cast<size_t>(len);
}

namespace {

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool is_high_surrogate(unsigned u) { return u >= 0xD800 && u <= 0xDBFF; }
bool is_low_surrogate(unsigned u) { return u >= 0xDC00 && u <= 0xDFFF; }

}  // namespace

std::string utf16_to_utf8(const SQLWCHAR* s, SQLINTEGER len) {
  const size_t n = utf16_length(s, len);
  std::string out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const unsigned u = unit_at(s, i);
    char32_t cp;
    if (is_high_surrogate(u) && i + 1 < n && is_low_surrogate(unit_at(s, i + 1))) {
      cp = 0x10000 + ((static_cast<char32_t>(u - 0xD800) << 10) | (unit_at(s, i + 1) - 0xDC00u));
      ++i;
    } else if (is_high_surrogate(u) || is_low_surrogate(u)) {
      cp = kReplacementChar;
    } else {
      cp = u;
    }
    append_utf8(out, cp);
  }
  return out;
}

size_t utf16_length_of_utf8(std::string_view in) noexcept {
  size_t units = 0;
  size_t i = 0;
  while (i < in.size()) {
    // ASCII fast path.
    if (static_cast<unsigned char>(in[i]) < 0x80) {
      ++units;
      ++i;
      continue;
    }
    char32_t cp;
    i += decode_utf8(in.substr(i), cp);
    units += cp >= 0x10000 ? 2 : 1;
  }
  return units;
}

Utf16Written utf8_to_utf16_partial(std::string_view in, SQLWCHAR* out, size_t out_units) noexcept {
  size_t i = 0;
  size_t w = 0;
  while (i < in.size()) {
    const auto b = static_cast<unsigned char>(in[i]);
    if (b < 0x80) {
      if (w >= out_units) break;
      out[w++] = b;
      ++i;
      continue;
    }
    char32_t cp;
    const size_t used = decode_utf8(in.substr(i), cp);
    if (cp >= 0x10000) {
      if (w + 2 > out_units) break;
      const char32_t v = cp - 0x10000;
      out[w++] = static_cast<SQLWCHAR>(0xD800 + (v >> 10));
      out[w++] = static_cast<SQLWCHAR>(0xDC00 + (v & 0x3FF));
    } else {
      if (w >= out_units) break;
      out[w++] = static_cast<SQLWCHAR>(cp);
    }
    i += used;
  }
  return {w, i};
}

size_t utf8_bytes_for_utf16_units(std::string_view in, size_t units) noexcept {
  size_t i = 0;
  size_t w = 0;
  while (i < in.size()) {
    char32_t cp;
    const size_t used = decode_utf8(in.substr(i), cp);
    const size_t need = cp >= 0x10000 ? 2 : 1;
    if (w + need > units) break;
    w += need;
    i += used;
  }
  return i;
}

std::basic_string<SQLWCHAR> utf8_to_utf16_string(std::string_view in) {
  std::basic_string<SQLWCHAR> out(utf16_length_of_utf8(in), SQLWCHAR{0});
  utf8_to_utf16(in, out.data(), out.size());
  return out;
}

}  // namespace holdfast
