// Fuzzes the SQL tokenizer (core/sql_lexer.*), the statement scanner (core/sql_scan.*),
// the ODBC escape translator (core/escape_translate.*) and client-side parameter
// interpolation (core/param_literal.*), under every character set the scanner knows,
// with and without NO_BACKSLASH_ESCAPES and ANSI_QUOTES.
//
// Input: options (charset, sql_mode flags), a payload for a string parameter, a typed
// parameter (C type, SQL type, indicator, bytes), then the statement text. Invariants:
//  - the lexer's tokens tile the text exactly, each non-empty, and end at its end;
//  - scan_sql's markers are ascending offsets of '?' bytes;
//  - translate_escapes returns or throws OdbcError 42000 / 22007, nothing else;
//  - a quoted string literal, lexed with the same options, is exactly one terminated
//    string token (a break-out is a failure);
//  - any parameter literal holds no marker, comment, ';' or unterminated token, and is
//    no longer than param_literal_size_bound() says;
//  - "SELECT ?, ?" with both literals substituted has no markers left and is one statement.
#include <sql.h>
#include <sqlext.h>

#include <array>
#include <string>
#include <vector>

#include "core/convert.h"
#include "core/escape_translate.h"
#include "core/odbc_error.h"
#include "core/param_literal.h"
#include "core/sql_lexer.h"
#include "core/sql_scan.h"
#include "fuzz_support.h"

namespace {

using holdfast::OdbcError;
using holdfast::ScanOptions;
using holdfast::TokenKind;
namespace fz = holdfast::fuzz;

void check_tiling(std::string_view text, const ScanOptions& opt) {
  holdfast::SqlLexer lexer(text, opt);
  std::size_t at = 0;
  for (std::size_t n = 0;; ++n) {
    HOLDFAST_FUZZ_CHECK(n <= text.size() + 1, text);
    const holdfast::Token t = lexer.next();
    if (t.kind == TokenKind::end) break;
    HOLDFAST_FUZZ_CHECK(t.begin == at && t.end > t.begin && t.end <= text.size(), text);
    at = t.end;
  }
  HOLDFAST_FUZZ_CHECK(at == text.size(), text);
}

// A literal the interpolation wrote: no marker, comment, statement end or open token.
void check_literal_tokens(std::string_view lit, const ScanOptions& opt) {
  holdfast::SqlLexer lexer(lit, opt);
  for (;;) {
    const holdfast::Token t = lexer.next();
    if (t.kind == TokenKind::end) break;
    HOLDFAST_FUZZ_CHECK(t.terminated, lit);
    HOLDFAST_FUZZ_CHECK(t.kind != TokenKind::comment && t.kind != TokenKind::exec_comment_open &&
                            t.kind != TokenKind::exec_comment_close,
                        lit);
    if (t.kind == TokenKind::punct) {
      const char c = lexer.first_byte(t);
      HOLDFAST_FUZZ_CHECK(c != '?' && c != ';' && c != '#', lit);
    }
  }
}

constexpr SQLSMALLINT kCTypes[] = {
    SQL_C_CHAR,      SQL_C_WCHAR,         SQL_C_BINARY,        SQL_C_DEFAULT,
    SQL_C_STINYINT,  SQL_C_UTINYINT,      SQL_C_TINYINT,       SQL_C_SSHORT,
    SQL_C_USHORT,    SQL_C_SHORT,         SQL_C_SLONG,         SQL_C_ULONG,
    SQL_C_LONG,      SQL_C_SBIGINT,       SQL_C_UBIGINT,       SQL_C_BIT,
    SQL_C_FLOAT,     SQL_C_DOUBLE,        SQL_C_NUMERIC,       SQL_C_TYPE_DATE,
    SQL_C_TYPE_TIME, SQL_C_TYPE_TIMESTAMP, SQL_C_DATE,         SQL_C_TIME,
    SQL_C_TIMESTAMP, SQL_C_GUID,          SQL_C_INTERVAL_DAY,  SQL_C_INTERVAL_HOUR_TO_SECOND,
    SQL_C_CHAR,      SQL_C_CHAR,          SQL_C_WCHAR,         777,
};

constexpr SQLSMALLINT kSqlTypes[] = {
    SQL_CHAR,      SQL_VARCHAR,       SQL_LONGVARCHAR, SQL_WCHAR,         SQL_WVARCHAR,
    SQL_WLONGVARCHAR, SQL_DECIMAL,    SQL_NUMERIC,     SQL_TINYINT,       SQL_SMALLINT,
    SQL_INTEGER,   SQL_BIGINT,        SQL_REAL,        SQL_FLOAT,         SQL_DOUBLE,
    SQL_BIT,       SQL_TYPE_DATE,     SQL_TYPE_TIME,   SQL_TYPE_TIMESTAMP, SQL_BINARY,
    SQL_VARBINARY, SQL_LONGVARBINARY, SQL_GUID,        SQL_INTERVAL_DAY,  SQL_DATE,
    SQL_TIMESTAMP, -999,
};

constexpr SQLLEN kIndicators[] = {0 /* the byte length */, SQL_NTS, SQL_NULL_DATA,
                                  SQL_DEFAULT_PARAM, SQL_DATA_AT_EXEC, -7, SQL_LEN_DATA_AT_EXEC(5),
                                  1 /* no indicator */};

// A typed parameter whose value buffer holds exactly what the application contract
// says it must (ASan sees any read past it).
struct TypedParam {
  std::vector<char> buffer;
  SQLLEN ind = 0;
  holdfast::ParamSource source;
};

void make_typed(fz::Input& in, TypedParam& tp) {
  auto& p = tp.source;
  p.c_type = in.pick(kCTypes);
  p.sql_type = in.pick(kSqlTypes);
  p.column_size = in.u16();
  p.decimal_digits = static_cast<SQLSMALLINT>(static_cast<std::int8_t>(in.byte()));
  const SQLLEN ind_choice = in.pick(kIndicators);
  const std::string_view bytes = in.bytes(512);
  const SQLLEN fixed = holdfast::c_type_octet_size(p.c_type);
  const bool wide = p.c_type == SQL_C_WCHAR ||
                    (p.c_type == SQL_C_DEFAULT &&
                     (p.sql_type == SQL_WCHAR || p.sql_type == SQL_WVARCHAR || p.sql_type == SQL_WLONGVARCHAR));
  if (fixed > 0) {
    tp.buffer.assign(static_cast<std::size_t>(fixed), 0);
    std::memcpy(tp.buffer.data(), bytes.data(), std::min<std::size_t>(bytes.size(), tp.buffer.size()));
    p.buffer_length = fixed;
  } else {
    // Character, binary, default: the bytes, then a terminator of the right width, and
    // for SQL_C_DEFAULT room for any fixed type it may map to.
    std::size_t n = bytes.size();
    if (wide) n &= ~std::size_t{1};
    tp.buffer.assign(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
    for (char& c : tp.buffer) {
      if (c == 0) c = 1;  // NTS data holds no terminator inside
    }
    tp.buffer.resize(n + (wide ? 2 : 1), 0);
    if (p.c_type == SQL_C_DEFAULT && tp.buffer.size() < 64) tp.buffer.resize(64, 0);
    p.buffer_length = static_cast<SQLLEN>(n);
  }
  p.value = (in.byte() & 7) == 7 ? nullptr : tp.buffer.data();
  if (ind_choice == 1) {
    p.str_len_or_ind = nullptr;
  } else {
    tp.ind = ind_choice == 0 ? p.buffer_length : ind_choice;
    p.str_len_or_ind = &tp.ind;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fz::Input in(data, size);
  ScanOptions opt;
  opt.charset = in.pick(fz::kAllCharsets);
  const std::uint8_t mode = in.byte();
  opt.no_backslash_escapes = (mode & 1) != 0;
  opt.ansi_quotes = (mode & 2) != 0;
  const holdfast::LiteralOptions lit_opt{opt.charset, opt.no_backslash_escapes};

  const fz::ExactBytes payload(in.bytes(1024));
  TypedParam typed;
  make_typed(in, typed);
  const fz::ExactBytes sql(in.rest());

  // The statement text.
  check_tiling(sql.view(), opt);
  const holdfast::ScanResult scan = holdfast::scan_sql(sql.view(), opt);
  for (std::size_t i = 0; i < scan.markers.size(); ++i) {
    HOLDFAST_FUZZ_CHECK(scan.markers[i] < sql.size() && sql.view()[scan.markers[i]] == '?', sql.view());
    HOLDFAST_FUZZ_CHECK(i == 0 || scan.markers[i] > scan.markers[i - 1], sql.view());
  }
  try {
    holdfast::EscapeInfo info;
    const auto translated = holdfast::translate_escapes(sql.view(), opt, &info);
    if (translated) {
      check_tiling(*translated, opt);
      (void)holdfast::scan_sql(*translated, opt);
    }
  } catch (const OdbcError& e) {
    HOLDFAST_FUZZ_CHECK(e.sqlstate() == "42000" || e.sqlstate() == "22007", e.sqlstate());
  }

  // A string literal is one token under the same options.
  std::string lit;
  holdfast::append_quoted_string(lit, payload.view(), lit_opt);
  {
    holdfast::SqlLexer lexer(lit, opt);
    const holdfast::Token t = lexer.next();
    HOLDFAST_FUZZ_CHECK(t.kind == TokenKind::string_literal && t.terminated && t.begin == 0 &&
                            t.end == lit.size(),
                        lit);
    HOLDFAST_FUZZ_CHECK(lexer.next().kind == TokenKind::end, lit);
  }

  // A typed parameter's literal.
  std::string typed_lit;
  bool typed_ok = true;
  try {
    holdfast::append_param_literal(typed_lit, typed.source, lit_opt);
  } catch (const OdbcError&) {
    typed_ok = false;
    HOLDFAST_FUZZ_CHECK(typed_lit.empty(), typed_lit);
  }
  if (typed_ok) {
    check_literal_tokens(typed_lit, opt);
    const std::size_t bound = holdfast::param_literal_size_bound(typed.source);
    HOLDFAST_FUZZ_CHECK(bound == 0 || typed_lit.size() <= bound, typed_lit);
  }

  // Both in a statement.
  holdfast::ParamSource as_char;
  as_char.c_type = SQL_C_CHAR;
  as_char.sql_type = SQL_VARCHAR;
  as_char.value = payload.data() != nullptr ? payload.data() : "";
  as_char.buffer_length = static_cast<SQLLEN>(payload.size());
  SQLLEN as_char_len = static_cast<SQLLEN>(payload.size());
  as_char.str_len_or_ind = &as_char_len;
  const std::array<holdfast::ParamSource, 2> params{as_char, typed.source};
  const std::string_view stmt = "SELECT ?, ?";
  const holdfast::ScanResult stmt_scan = holdfast::scan_sql(stmt, opt);
  HOLDFAST_FUZZ_CHECK(stmt_scan.markers.size() == 2, stmt);
  try {
    const std::string done = holdfast::interpolate_params(stmt, stmt_scan.markers, params, lit_opt);
    HOLDFAST_FUZZ_CHECK(typed_ok, done);
    const holdfast::ScanResult after = holdfast::scan_sql(done, opt);
    HOLDFAST_FUZZ_CHECK(after.markers.empty() && !after.multiple_statements, done);
    check_tiling(done, opt);
  } catch (const OdbcError&) {
    HOLDFAST_FUZZ_CHECK(!typed_ok, typed_lit);
  }
  return 0;
}
