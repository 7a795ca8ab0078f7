// Statement scanning: parameter markers, comments and literals by MySQL's rules, the
// first keyword, read detection (RETRY_READS), multiple statements; multi-byte charsets.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "core/sql_charset.h"
#include "core/sql_lexer.h"
#include "core/sql_scan.h"

using namespace holdfast;

namespace {

ScanOptions opts(SqlCharset cs = SqlCharset::utf8, bool nbe = false, bool ansi = false) {
  ScanOptions o;
  o.charset = cs;
  o.no_backslash_escapes = nbe;
  o.ansi_quotes = ansi;
  return o;
}

struct MarkerCase {
  std::string sql;
  ScanOptions options;
  std::vector<std::size_t> markers;
};

}  // namespace

TEST_CASE("scan_sql finds parameter markers only in code", "[unit][sqlscan]") {
  const std::vector<MarkerCase> cases{
      {"SELECT ?", opts(), {7}},
      {"?", opts(), {0}},
      {"SELECT '?', ?", opts(), {12}},
      {"SELECT \"?\", ?", opts(), {12}},
      {"SELECT `?`, ?", opts(), {12}},
      {"SELECT `a``?`, ?", opts(), {15}},
      {"SELECT 'it''s ?', ?", opts(), {18}},
      {"SELECT \"a\"\"?\", ?", opts(), {15}},
      {"SELECT 'a\\'?', ?", opts(), {15}},        // \' inside a string
      {"SELECT 'abc\\\\', ?", opts(), {16}},      // escaped backslash at the end of a literal
      {"SELECT 'abc\\', ?", opts(), {}},          // \' escapes the quote: the string never ends
      {"SELECT 'abc\\', ?", opts(SqlCharset::utf8, true), {15}},  // NO_BACKSLASH_ESCAPES: '\' is plain
      {"SELECT 'a\\', ? , 'b'", opts(SqlCharset::utf8, true), {13}},
      {"SELECT 1 -- ?\n, ?", opts(), {16}},
      {"SELECT 1 --\t?\n, ?", opts(), {16}},
      {"SELECT 1 --?", opts(), {11}},             // "--" without a space is two minus signs
      {"SELECT 1--?", opts(), {10}},
      {"SELECT 1 --", opts(), {}},
      {"SELECT 1 # ?\n, ?", opts(), {15}},
      {"SELECT /* ? */ ?", opts(), {15}},
      {"SELECT /* ' */ ?", opts(), {15}},         // a quote in a comment opens nothing
      {"SELECT 1 -- it's\n, ?", opts(), {19}},
      {"SELECT /*! ? */", opts(), {11}},          // executable comments are code
      {"SELECT /*!50001 ? */ , ?", opts(), {16, 23}},
      {"SELECT /*!?*/", opts(), {10}},
      {"SELECT /*M!100100 ? */", opts(), {18}},
      {"SELECT /*+ hint(?) */ ?", opts(), {22}},  // optimizer hints are comments
      {"SELECT /*! '*/' */ ?", opts(), {19}},      // '*/' in a string does not end the comment
      {"SELECT '/*', ?, '*/'", opts(), {13}},
      {"SELECT '--', ?", opts(), {13}},
      {"SELECT ? /* ?", opts(), {7}},              // unterminated comment runs to the end
      {"SELECT 'abc", opts(), {}},
      {"{call p(?, ?)}", opts(), {8, 11}},
      {"SELECT \"a\\\" , ? , \"x\"", opts(), {}},    // "a\" , ? , " is a string, then x, then an open string
      {"SELECT \"a\\\" , ? , \"x\"", opts(SqlCharset::utf8, false, true), {14}},  // ANSI_QUOTES: identifiers
      // gbk: 0x95 0x5C is one character; its trail byte is not a backslash.
      {"SELECT '\x95\x5c', ?", opts(SqlCharset::gbk), {13}},
      {"SELECT '\x95\x5c', ?", opts(SqlCharset::utf8), {}},
      // gbk: 0x95 0x60 is one character, not the start of a `quoted identifier`.
      {"SELECT \x95\x60, ?", opts(SqlCharset::gbk), {11}},
      {"SELECT \x95\x60, ?", opts(SqlCharset::utf8), {}},
      // gbk: 0xBF 0x5C is a character, so "\'" is not an escape there: '' continues the string.
      {"SELECT '\xbf\\'', ?", opts(SqlCharset::gbk), {}},
      {"SELECT '\xbf\\'', ?", opts(SqlCharset::utf8), {14}},
      {"SELECT '\x81\x5c', ?", opts(SqlCharset::sjis), {13}},
      {"SELECT '\x81\x5c', ?", opts(SqlCharset::cp932), {13}},
      {"SELECT '\xa4\x5c', ?", opts(SqlCharset::big5), {13}},
      {"SELECT '\x81\x30\x81\x30\\', ?", opts(SqlCharset::gb18030), {}},  // 4-byte char, then \'
      {"SELECT '\x81\x5c', ?", opts(SqlCharset::gb18030), {13}},
      // euckr trails are never '\': 0xB0 0x5C is a byte and a backslash.
      {"SELECT '\xb0\\'', ?", opts(SqlCharset::euckr), {14}},
  };
  ScanResult r;
  for (const auto& c : cases) {
    INFO("sql: " << c.sql);
    scan_sql(c.sql, c.options, r);
    CHECK(r.markers == c.markers);
  }
}

TEST_CASE("scan_sql reports the first keyword and whether the statement is a read", "[unit][sqlscan]") {
  struct Case {
    const char* sql;
    const char* keyword;
    bool read;
  };
  const std::vector<Case> cases{
      {"SELECT 1", "SELECT", true},
      {"  select 1", "SELECT", true},
      {"(SELECT 1) UNION (SELECT 2)", "SELECT", true},
      {"/* c */ SELECT 1", "SELECT", true},
      {"-- c\nSELECT 1", "SELECT", true},
      {"# c\nSHOW TABLES", "SHOW", true},
      {"DESCRIBE t", "DESCRIBE", true},
      {"desc t", "DESC", true},
      {"EXPLAIN SELECT * FROM t", "EXPLAIN", true},
      {"WITH c AS (SELECT 1) SELECT * FROM c", "WITH", true},
      {"VALUES ROW(1, 2)", "VALUES", true},
      {"TABLE t", "TABLE", true},
      {"SELECT SLEEP(1)", "SELECT", true},
      {"SELECT @@version, @@session.sql_mode", "SELECT", true},
      {"SELECT INSERT('abc', 1, 1, 'x')", "SELECT", true},   // the string function
      {"SELECT REPLACE (a, 'b', 'c') FROM t", "SELECT", true},
      {"SELECT 'FOR UPDATE', \"INTO\"", "SELECT", true},
      {"SELECT `update`, `lock` FROM t", "SELECT", true},
      {"SELECT * FROM t -- FOR UPDATE", "SELECT", true},
      {"SELECT * FROM t ORDER BY a DESC", "SELECT", true},
      {"SELECT 1;", "SELECT", true},
      {"SELECT * FROM t FOR UPDATE", "SELECT", false},
      {"select * from t for update nowait", "SELECT", false},
      {"SELECT * FROM t FOR SHARE", "SELECT", false},
      {"SELECT * FROM t LOCK IN SHARE MODE", "SELECT", false},
      {"select 1 /*! for update */", "SELECT", false},
      {"SELECT 1 INTO @x", "SELECT", false},
      {"SELECT * INTO OUTFILE '/tmp/x' FROM t", "SELECT", false},
      {"SELECT GET_LOCK('a', 10)", "SELECT", false},
      {"SELECT RELEASE_LOCK('a')", "SELECT", false},
      {"SELECT RELEASE_ALL_LOCKS()", "SELECT", false},
      {"SELECT @a", "SELECT", false},
      {"SELECT @`a`", "SELECT", false},
      {"SELECT a := 1", "SELECT", false},
      {"SELECT LAST_INSERT_ID()", "SELECT", false},
      {"SELECT FOUND_ROWS()", "SELECT", false},
      {"SELECT ROW_COUNT()", "SELECT", false},
      {"SELECT NEXTVAL(s)", "SELECT", false},
      {"SELECT NEXT VALUE FOR s", "SELECT", false},
      {"SELECT PREVIOUS VALUE FOR s", "SELECT", false},
      {"WITH c AS (SELECT 1) UPDATE t SET a = 1", "WITH", false},
      {"WITH c AS (SELECT 1) DELETE FROM t", "WITH", false},
      {"EXPLAIN DELETE FROM t", "EXPLAIN", false},
      {"EXPLAIN INSERT INTO t VALUES (1)", "EXPLAIN", false},
      {"SELECT 1; DROP TABLE t", "SELECT", false},
      {"SET @a = 1", "SET", false},
      {"CALL p()", "CALL", false},
      {"INSERT INTO t VALUES (1)", "INSERT", false},
      {"UPDATE t SET a = 1", "UPDATE", false},
      {"DELETE FROM t", "DELETE", false},
      {"DO GET_LOCK('a', 1)", "DO", false},
      {"HANDLER t READ FIRST", "HANDLER", false},
      {"/*!40101 SET NAMES utf8 */", "SET", false},
      {"{call p}", "", false},
      {"", "", false},
      {"   ", "", false},
      {"?", "", false},
  };
  for (const auto& c : cases) {
    INFO("sql: " << c.sql);
    const ScanResult r = scan_sql(c.sql, opts());
    CHECK(r.first_keyword == c.keyword);
    CHECK(r.is_read == c.read);
  }
}

TEST_CASE("scan_sql detects more than one statement", "[unit][sqlscan]") {
  struct Case {
    const char* sql;
    bool multiple;
  };
  const std::vector<Case> cases{
      {"SELECT 1; SELECT 2", true},
      {"SELECT 1;SELECT 2", true},
      {"SELECT 1; /* x */ SELECT 2", true},
      {"SELECT 1;", false},
      {"SELECT 1 ;  ", false},
      {"SELECT 1; -- done\n", false},
      {"SELECT 1; # done", false},
      {"SELECT 1;;", false},
      {"SELECT ';', \";\", `;`", false},
      {"SELECT 1 /* ; x */", false},
      {"SELECT 1 /*! ; SELECT 2 */", true},
  };
  for (const auto& c : cases) {
    INFO("sql: " << c.sql);
    CHECK(scan_sql(c.sql, opts()).multiple_statements == c.multiple);
  }
}

TEST_CASE("scan_sql flags ODBC escape braces in code only", "[unit][sqlscan]") {
  CHECK(scan_sql("SELECT {fn UCASE('a')}", opts()).has_escape);
  CHECK_FALSE(scan_sql("SELECT '{fn x}', `{`, \"{\" /* { */", opts()).has_escape);
  CHECK(scan_sql("SELECT \x95{fn x}", opts(SqlCharset::utf8)).has_escape);
  CHECK_FALSE(scan_sql("SELECT \x95{fn x}", opts(SqlCharset::gbk)).has_escape);  // 0x95 0x7B is one char
}

TEST_CASE("scan_sql reuses its result and is linear on huge statements", "[unit][sqlscan]") {
  std::string sql = "INSERT INTO t VALUES ";
  const std::string row = "(?, 'x''y\\'z?', \"q?\", /* ? */ `c?`),";
  constexpr std::size_t kRows = 200'000;
  sql.reserve(sql.size() + row.size() * kRows + 1);
  for (std::size_t i = 0; i < kRows; ++i) sql += row;
  sql.back() = ';';

  ScanResult r;
  const auto t0 = std::chrono::steady_clock::now();
  scan_sql(sql, opts(), r);
  const auto elapsed = std::chrono::steady_clock::now() - t0;
  REQUIRE(r.markers.size() == kRows);
  CHECK(r.markers.front() == 22);
  CHECK(r.markers.back() == 21 + (kRows - 1) * row.size() + 1);
  CHECK(r.first_keyword == "INSERT");
  CHECK_FALSE(r.multiple_statements);
  CHECK(elapsed < std::chrono::seconds(5));  // ~8 MB: milliseconds if linear

  // A 16 MB literal with markers inside and one after it.
  std::string big = "SELECT '" + std::string(16u << 20, '?') + "', ?";
  scan_sql(big, opts(SqlCharset::gbk), r);
  REQUIRE(r.markers.size() == 1);
  CHECK(r.markers[0] == big.size() - 1);

  scan_sql("SELECT 1", opts(), r);  // reuse: previous results are cleared
  CHECK(r.markers.empty());
  CHECK(r.is_read);
}

TEST_CASE("SqlLexer tokens", "[unit][sqlscan]") {
  const std::string sql = "SELECT/*!50001 a*/'x''y'#c\n`i`?";
  SqlLexer lex(sql, opts());
  std::vector<TokenKind> kinds;
  for (Token t = lex.next(); t.kind != TokenKind::end; t = lex.next()) kinds.push_back(t.kind);
  const std::vector<TokenKind> expected{TokenKind::word,          TokenKind::exec_comment_open,
                                        TokenKind::whitespace,    TokenKind::word,
                                        TokenKind::exec_comment_close, TokenKind::string_literal,
                                        TokenKind::comment,       TokenKind::whitespace,
                                        TokenKind::quoted_identifier, TokenKind::punct};
  CHECK(kinds == expected);

  SqlLexer open(std::string_view("'abc"), opts());
  const Token t = open.next();
  CHECK(t.kind == TokenKind::string_literal);
  CHECK_FALSE(t.terminated);
  CHECK(t.end == 4);
}

TEST_CASE("multi-byte character boundaries follow the server's tables", "[unit][sqlscan]") {
  const auto len = [](SqlCharset cs, std::string_view s) {
    return mb_char_length(cs, reinterpret_cast<const unsigned char*>(s.data()), s.size());
  };
  CHECK(len(SqlCharset::gbk, "\xbf\x5c") == 2);
  CHECK(len(SqlCharset::gbk, "\xbf\x27") == 0);  // 0x27 is no gbk trail byte
  CHECK(len(SqlCharset::gbk, "\xbf") == 0);       // cut off
  CHECK(len(SqlCharset::gbk, "\x5c\x5c") == 0);
  CHECK(len(SqlCharset::big5, "\xa4\x5c") == 2);
  CHECK(len(SqlCharset::big5, "\x81\x5c") == 0);  // 0x81 is no big5 lead byte
  CHECK(len(SqlCharset::sjis, "\x81\x5c") == 2);
  CHECK(len(SqlCharset::sjis, "\xa1\x5c") == 0);  // half-width katakana: one byte
  CHECK(len(SqlCharset::cp932, "\xe0\x40") == 2);
  CHECK(len(SqlCharset::euckr, "\xb0\x41") == 2);
  CHECK(len(SqlCharset::euckr, "\xb0\x5c") == 0);
  CHECK(len(SqlCharset::gb2312, "\xb0\xa1") == 2);
  CHECK(len(SqlCharset::gb2312, "\xb0\x5c") == 0);
  CHECK(len(SqlCharset::ujis, "\x8f\xa1\xa1") == 3);
  CHECK(len(SqlCharset::ujis, "\x8e\xa1") == 2);
  CHECK(len(SqlCharset::eucjpms, "\xa4\xa2") == 2);
  CHECK(len(SqlCharset::gb18030, "\x81\x30\x81\x30") == 4);
  CHECK(len(SqlCharset::gb18030, "\x81\x30\x81") == 0);
  CHECK(len(SqlCharset::utf8, "\xe4\xb8\xad") == 0);
  CHECK(len(SqlCharset::single_byte, "\xbf\x5c") == 0);

  CHECK(charset_from_mysql_name("utf8mb4") == SqlCharset::utf8);
  CHECK(charset_from_mysql_name("UTF8") == SqlCharset::utf8);
  CHECK(charset_from_mysql_name("GBK") == SqlCharset::gbk);
  CHECK(charset_from_mysql_name("cp932") == SqlCharset::cp932);
  CHECK(charset_from_mysql_name("latin1") == SqlCharset::single_byte);
  CHECK(charset_from_mysql_name("binary") == SqlCharset::single_byte);
  CHECK_FALSE(charset_from_mysql_name("utf16").has_value());
  CHECK_FALSE(charset_from_mysql_name("klingon").has_value());
}
