// Fuzzes the UTF-8 <-> UTF-16 converters (core/unicode.*).
//
// Input: a mode byte, a unit budget, then the text, read both as UTF-8 and as UTF-16.
// Invariants:
//  - decode_utf8 consumes 1..4 bytes, never past the end;
//  - utf16_length_of_utf8 is the length utf8_to_utf16_string produces;
//  - UTF-8 -> UTF-16 -> UTF-8 is the identity on well-formed UTF-8, and after one pass
//    (ill-formed parts become U+FFFD) the result round-trips exactly;
//  - UTF-16 -> UTF-8 -> UTF-16 is the identity on UTF-16 without unpaired surrogates;
//  - the partial converters never write past the units given, never split a surrogate
//    pair, and agree with the whole-string conversion on the prefix they cover.
#include <sql.h>
#include <sqlext.h>

#include <cstring>
#include <memory>
#include <string>

#include "core/odbc_error.h"
#include "core/unicode.h"
#include "fuzz_support.h"

namespace {

namespace fz = holdfast::fuzz;
using U16 = std::basic_string<SQLWCHAR>;

// Negative lengths that are not SQL_NTS (-3).
constexpr SQLINTEGER kBadLengths[] = {-1, -2, -4, -2147483647 - 1};

std::string_view as_bytes(const U16& s) {
  return {reinterpret_cast<const char*>(s.data()), s.size() * sizeof(SQLWCHAR)};
}

bool has_unpaired_surrogate(const SQLWCHAR* s, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    if (s[i] >= 0xD800 && s[i] <= 0xDBFF) {
      if (i + 1 < n && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
        ++i;
        continue;
      }
      return true;
    }
    if (s[i] >= 0xDC00 && s[i] <= 0xDFFF) return true;
  }
  return false;
}

void check_utf8(std::string_view in) {
  for (std::size_t at = 0; at < in.size();) {
    char32_t cp = 0;
    const std::size_t n = holdfast::decode_utf8(in.substr(at), cp);
    HOLDFAST_FUZZ_CHECK(n >= 1 && n <= 4 && at + n <= in.size(), in);
    HOLDFAST_FUZZ_CHECK(cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF), in);
    at += n;
  }

  const U16 wide = holdfast::utf8_to_utf16_string(in);
  HOLDFAST_FUZZ_CHECK(holdfast::utf16_length_of_utf8(in) == wide.size(), in);
  HOLDFAST_FUZZ_CHECK(!has_unpaired_surrogate(wide.data(), wide.size()), as_bytes(wide));
  const std::string back = holdfast::utf16_to_utf8(wide.data(), static_cast<SQLINTEGER>(wide.size()));
  // No U+FFFD in the result: nothing was ill-formed (and none was written), so the
  // text came back unchanged.
  if (back.find("\xEF\xBF\xBD") == std::string::npos) HOLDFAST_FUZZ_CHECK(back == in, in);
  HOLDFAST_FUZZ_CHECK(holdfast::utf8_to_utf16_string(back) == wide, in);
}

void check_partial(std::string_view in, std::size_t units) {
  const U16 whole = holdfast::utf8_to_utf16_string(in);
  std::unique_ptr<SQLWCHAR[]> out(units == 0 ? nullptr : new SQLWCHAR[units]);
  const holdfast::Utf16Written w = holdfast::utf8_to_utf16_partial(in, out.get(), units);
  HOLDFAST_FUZZ_CHECK(w.units_written <= units && w.bytes_consumed <= in.size(), in);
  HOLDFAST_FUZZ_CHECK(w.units_written <= whole.size(), in);
  HOLDFAST_FUZZ_CHECK(U16(out.get(), w.units_written) == whole.substr(0, w.units_written), in);
  HOLDFAST_FUZZ_CHECK(holdfast::utf8_to_utf16_string(in.substr(0, w.bytes_consumed)).size() == w.units_written,
                      in);
  // As much as fits: the whole text, or the next character would not fit.
  if (w.units_written < whole.size()) {
    const bool pair = whole[w.units_written] >= 0xD800 && whole[w.units_written] <= 0xDBFF;
    HOLDFAST_FUZZ_CHECK(w.units_written + (pair ? 2 : 1) > units, in);
  } else {
    HOLDFAST_FUZZ_CHECK(w.bytes_consumed == in.size(), in);
  }
  const std::size_t b = holdfast::utf8_bytes_for_utf16_units(in, units);
  HOLDFAST_FUZZ_CHECK(b <= in.size(), in);
  HOLDFAST_FUZZ_CHECK(holdfast::utf8_to_utf16_string(in.substr(0, b)).size() <= units, in);
  HOLDFAST_FUZZ_CHECK(b == w.bytes_consumed, in);
}

void check_utf16(std::string_view raw, bool nts) {
  const std::size_t n = raw.size() / 2;
  std::unique_ptr<SQLWCHAR[]> s(new SQLWCHAR[n + (nts ? 1 : 0)]);
  if (n != 0) std::memcpy(s.get(), raw.data(), n * 2);
  std::size_t len = n;
  if (nts) {
    s[n] = 0;
    len = 0;
    while (s[len] != 0) ++len;
  }
  const std::string utf8 = holdfast::utf16_to_utf8(
      n == 0 && !nts ? nullptr : s.get(), nts ? SQL_NTS : static_cast<SQLINTEGER>(n));
  HOLDFAST_FUZZ_CHECK(holdfast::utf16_length(s.get(), nts ? SQL_NTS : static_cast<SQLINTEGER>(n)) == len, raw);
  // The UTF-8 written is well-formed: it decodes without replacement unless the input
  // held U+FFFD or an unpaired surrogate, and re-encodes to itself.
  const U16 again = holdfast::utf8_to_utf16_string(utf8);
  if (!has_unpaired_surrogate(s.get(), len)) {
    HOLDFAST_FUZZ_CHECK(again == U16(s.get(), len), raw);
  }
  HOLDFAST_FUZZ_CHECK(holdfast::utf16_to_utf8(again.data(), static_cast<SQLINTEGER>(again.size())) == utf8, raw);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fz::Input in(data, size);
  const std::uint8_t mode = in.byte();
  const std::size_t units = in.byte();
  const fz::ExactBytes text(in.rest());
  check_utf8(text.view());
  check_partial(text.view(), units);
  check_utf16(text.view(), (mode & 1) != 0);

  // Bad lengths are errors, not reads.
  try {
    (void)holdfast::utf16_length(nullptr, 5);
    fz::fail("null with a length accepted");
  } catch (const holdfast::OdbcError& e) {
    HOLDFAST_FUZZ_CHECK(e.sqlstate() == "HY009", e.sqlstate());
  }
  try {
    (void)holdfast::utf16_length(reinterpret_cast<const SQLWCHAR*>(u"x"), kBadLengths[mode % 4]);
    fz::fail("negative length accepted");
  } catch (const holdfast::OdbcError& e) {
    HOLDFAST_FUZZ_CHECK(e.sqlstate() == "HY090", e.sqlstate());
  }
  return 0;
}
