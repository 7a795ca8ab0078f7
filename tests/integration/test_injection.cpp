// Injection (issue 9): names passed to the catalog functions and parameter values the
// driver interpolates into statement text are quoted safely.
//
// Catalog functions: objects whose names hold a quote, a backtick, a backslash, '%' and '_'
// are found exactly (and only they), with SQL_ATTR_METADATA_ID off (patterns, escaped) and
// on (identifiers); payloads that would break out of a literal return no rows. A canary
// table that the payloads try to drop (or to read) survives, and its row count is checked.
//
// Parameters: with the connection character sets gbk, big5 and sjis, values whose
// multi-byte character has 0x5C ('\') as its second byte, followed by a quote, and stray
// lead bytes before a quote, round-trip byte for byte, under the default sql_mode,
// NO_BACKSLASH_ESCAPES, ANSI_QUOTES and both; a WHERE on such a value matches one row.
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "odbc_test.h"

using namespace odbc_test;

namespace {

const std::string kDb = "holdfast_inj";

// The objects with hostile names (created once per run).
const std::string kQuote = "q'uote";
const std::string kBacktick = "back`tick";
const std::string kBackslash = "back\\slash";
const std::string kWild = "pct%und_";
const std::string kWildDecoy = "pctXundY";  // what an unescaped pattern "pct%und_" also matches
const std::string kProc = "pro'c\\";
const std::string kNone = "";  // the schema argument: tables of a server without schemas

// The payloads: each would break out of a '...' or `...` literal, or widen a LIKE.
const std::vector<std::string> kPayloads = {
    "x' OR '1'='1",
    "x\\' OR 1=1 -- ",
    "x'; DROP TABLE canary; -- ",
    "x` OR 1=1 -- ",
    "x\" OR \"1\"=\"1",
    "q' OR (SELECT COUNT(*) FROM canary) > 0 OR 'a'='",
    "\\",
    "\\'",
    "' UNION SELECT 1,2,3,4,5 -- ",
    "%' OR '1'='1",
    "q\\'uote",
    "q''uote",
    "back``tick",
};

std::string quote_ident(const std::string& name) {
  std::string s = "`";
  for (char c : name) {
    if (c == '`') s += '`';
    s += c;
  }
  return s + "`";
}

std::string in_db(const std::string& name) { return quote_ident(kDb) + "." + quote_ident(name); }

// A search pattern that matches `name` literally: '%', '_' and '\' escaped.
std::string escape_pattern(const std::string& name) {
  std::string s;
  for (char c : name) {
    if (c == '%' || c == '_' || c == '\\') s += '\\';
    s += c;
  }
  return s;
}

void create_schema() {
  static bool created = false;
  if (created) return;
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  const std::vector<std::string> statements = {
      "DROP DATABASE IF EXISTS " + kDb,
      "CREATE DATABASE " + kDb + " CHARACTER SET utf8mb4",
      "CREATE TABLE " + in_db("canary") + " (id INT PRIMARY KEY)",
      "INSERT INTO " + in_db("canary") + " VALUES (1)",
      "CREATE TABLE " + in_db(kQuote) + " (id INT PRIMARY KEY, `c'q` INT, `c\\s` INT) ENGINE=InnoDB",
      "CREATE TABLE " + in_db(kBacktick) + " (id INT PRIMARY KEY, `p'id` INT, FOREIGN KEY (`p'id`) REFERENCES " +
          in_db(kQuote) + " (id)) ENGINE=InnoDB",
      "CREATE TABLE " + in_db(kBackslash) + " (id INT PRIMARY KEY)",
      "CREATE TABLE " + in_db(kWild) + " (id INT PRIMARY KEY)",
      "CREATE TABLE " + in_db(kWildDecoy) + " (id INT PRIMARY KEY)",
      "CREATE PROCEDURE " + in_db(kProc) + " () BEGIN END",
  };
  for (const auto& sql : statements) st.run(sql);
  created = true;
}

// The canary's row count, asked on a fresh connection.
std::string canary_rows() {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  return st.scalar("SELECT COUNT(*) FROM " + in_db("canary"));
}

void set_metadata_id(Stmt& st, bool on) {
  ODBC_OK(SQL_HANDLE_STMT, st.h,
          SQLSetStmtAttr(st.h, SQL_ATTR_METADATA_ID,
                         reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(on ? SQL_TRUE : SQL_FALSE)), 0));
}

// Column `column` of every row of the open result, as text ("<NULL>" for NULL); closes it.
std::vector<std::string> column_values(Stmt& st, SQLUSMALLINT column) {
  std::vector<std::string> values;
  for (;;) {
    const SQLRETURN rc = SQLFetch(st.h);
    if (rc == SQL_NO_DATA) break;
    INFO(describe(SQL_HANDLE_STMT, st.h));
    REQUIRE(SQL_SUCCEEDED(rc));
    char buffer[512];
    SQLLEN ind = 0;
    REQUIRE(SQL_SUCCEEDED(SQLGetData(st.h, column, SQL_C_CHAR, buffer, sizeof buffer, &ind)));
    values.push_back(ind == SQL_NULL_DATA ? std::string("<NULL>") : std::string(buffer));
  }
  SQLFreeStmt(st.h, SQL_CLOSE);
  return values;
}

SQLCHAR* text(const std::string& s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s.c_str())); }

// One catalog call with its arguments (nullptr = NULL argument).
struct CatalogCall {
  const char* name;
  SQLUSMALLINT result_column;  // the column that names what was found
  std::function<SQLRETURN(SQLHSTMT, const std::vector<const std::string*>&)> call;
  std::size_t arguments;
};

SQLCHAR* arg(const std::vector<const std::string*>& a, std::size_t i) { return a[i] ? text(*a[i]) : nullptr; }
SQLSMALLINT len(const std::vector<const std::string*>& a, std::size_t i) { return a[i] ? SQL_NTS : 0; }

const std::vector<CatalogCall>& catalog_calls() {
  static const std::vector<CatalogCall> calls = {
      {"SQLTables", 3,
       [](SQLHSTMT h, const auto& a) {
         return SQLTables(h, arg(a, 0), len(a, 0), arg(a, 1), len(a, 1), arg(a, 2), len(a, 2), arg(a, 3), len(a, 3));
       },
       4},
      {"SQLColumns", 4,
       [](SQLHSTMT h, const auto& a) {
         return SQLColumns(h, arg(a, 0), len(a, 0), arg(a, 1), len(a, 1), arg(a, 2), len(a, 2), arg(a, 3), len(a, 3));
       },
       4},
      {"SQLPrimaryKeys", 4,
       [](SQLHSTMT h, const auto& a) {
         return SQLPrimaryKeys(h, arg(a, 0), len(a, 0), arg(a, 1), len(a, 1), arg(a, 2), len(a, 2));
       },
       3},
      {"SQLStatistics", 6,
       [](SQLHSTMT h, const auto& a) {
         return SQLStatistics(h, arg(a, 0), len(a, 0), arg(a, 1), len(a, 1), arg(a, 2), len(a, 2), SQL_INDEX_ALL,
                              SQL_QUICK);
       },
       3},
      {"SQLForeignKeys", 7,
       [](SQLHSTMT h, const auto& a) {
         return SQLForeignKeys(h, arg(a, 0), len(a, 0), arg(a, 1), len(a, 1), arg(a, 2), len(a, 2), arg(a, 3),
                               len(a, 3), arg(a, 4), len(a, 4), arg(a, 5), len(a, 5));
       },
       6},
      {"SQLProcedures", 3,
       [](SQLHSTMT h, const auto& a) {
         return SQLProcedures(h, arg(a, 0), len(a, 0), arg(a, 1), len(a, 1), arg(a, 2), len(a, 2));
       },
       3},
      {"SQLTablePrivileges", 3,
       [](SQLHSTMT h, const auto& a) {
         return SQLTablePrivileges(h, arg(a, 0), len(a, 0), arg(a, 1), len(a, 1), arg(a, 2), len(a, 2));
       },
       3},
      {"SQLColumnPrivileges", 4,
       [](SQLHSTMT h, const auto& a) {
         return SQLColumnPrivileges(h, arg(a, 0), len(a, 0), arg(a, 1), len(a, 1), arg(a, 2), len(a, 2), arg(a, 3),
                                    len(a, 3));
       },
       4},
      {"SQLSpecialColumns", 2,
       [](SQLHSTMT h, const auto& a) {
         return SQLSpecialColumns(h, SQL_BEST_ROWID, arg(a, 0), len(a, 0), arg(a, 1), len(a, 1), arg(a, 2), len(a, 2),
                                  SQL_SCOPE_SESSION, SQL_NULLABLE);
       },
       3},
  };
  return calls;
}

// The arguments that find something real for each call, which the payload then replaces
// one at a time (so a payload that were ignored, or that widened the query, would show rows).
// No argument is NULL: with SQL_ATTR_METADATA_ID on, a NULL name is HY009. The schema is
// "", the schema of every table of a server without schemas.
std::vector<const std::string*> real_arguments(const std::string& call) {
  static const std::string quote = kQuote, backtick = kBacktick, proc = kProc, column = "c'q", none = "",
                           type = "TABLE";
  if (call == "SQLForeignKeys") return {&kDb, &none, &quote, &kDb, &none, &backtick};
  if (call == "SQLProcedures") return {&kDb, &none, &proc};
  if (call == "SQLColumns" || call == "SQLColumnPrivileges") return {&kDb, &none, &quote, &column};
  if (call == "SQLTables") return {&kDb, &none, &quote, &type};
  return {&kDb, &none, &quote};
}

SQLRETURN run_call(Stmt& st, const CatalogCall& c, const std::vector<const std::string*>& a) {
  return c.call(st.h, a);
}

}  // namespace

TEST_CASE("injection: catalog functions find names with quotes, backticks, backslashes and wildcards exactly",
          "[integration][injection]") {
  create_schema();
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  for (const bool metadata_id : {false, true}) {
    set_metadata_id(st, metadata_id);
    INFO("SQL_ATTR_METADATA_ID " << metadata_id);
    // SQLTables' table name is a pattern unless METADATA_ID: escape it then.
    for (const std::string& name : {kQuote, kBacktick, kBackslash, kWild, kWildDecoy}) {
      INFO("table " << name);
      const std::string pattern = metadata_id ? name : escape_pattern(name);
      ODBC_OK(SQL_HANDLE_STMT, st.h, SQLTables(st.h, text(kDb), SQL_NTS, text(kNone), SQL_NTS, text(pattern), SQL_NTS, nullptr, 0));
      CHECK(column_values(st, 3) == std::vector<std::string>{name});
      // Ordinary arguments (or identifiers) are literal: the name as it is.
      ODBC_OK(SQL_HANDLE_STMT, st.h, SQLPrimaryKeys(st.h, text(kDb), SQL_NTS, text(kNone), SQL_NTS, text(name), SQL_NTS));
      CHECK(column_values(st, 4) == std::vector<std::string>{"id"});
      ODBC_OK(SQL_HANDLE_STMT, st.h,
              SQLSpecialColumns(st.h, SQL_BEST_ROWID, text(kDb), SQL_NTS, text(kNone), SQL_NTS, text(name), SQL_NTS,
                                SQL_SCOPE_SESSION, SQL_NULLABLE));
      CHECK(column_values(st, 2) == std::vector<std::string>{"id"});
      ODBC_OK(SQL_HANDLE_STMT, st.h,
              SQLStatistics(st.h, text(kDb), SQL_NTS, text(kNone), SQL_NTS, text(name), SQL_NTS, SQL_INDEX_UNIQUE, SQL_QUICK));
      std::vector<std::string> stats = column_values(st, 3);  // TABLE_NAME: the statistics row and the PRIMARY index
      REQUIRE(!stats.empty());
      for (const auto& t : stats) CHECK(t == name);
    }
    // The unescaped pattern matches the decoy too (so the escape above is what made it exact),
    // unless METADATA_ID makes it an identifier.
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLTables(st.h, text(kDb), SQL_NTS, text(kNone), SQL_NTS, text(kWild), SQL_NTS, nullptr, 0));
    CHECK(column_values(st, 3) ==
          (metadata_id ? std::vector<std::string>{kWild} : std::vector<std::string>{kWild, kWildDecoy}));

    const std::string column_arg = metadata_id ? "c'q" : escape_pattern("c'q");
    const std::string quote_arg = metadata_id ? kQuote : escape_pattern(kQuote);
    if (!metadata_id) {  // all columns: a NULL column name, which METADATA_ID refuses (HY009)
      ODBC_OK(SQL_HANDLE_STMT, st.h,
              SQLColumns(st.h, text(kDb), SQL_NTS, text(kNone), SQL_NTS, text(quote_arg), SQL_NTS, nullptr, 0));
      CHECK(column_values(st, 4) == std::vector<std::string>{"id", "c'q", "c\\s"});
    }
    ODBC_OK(SQL_HANDLE_STMT, st.h,
            SQLColumns(st.h, text(kDb), SQL_NTS, text(kNone), SQL_NTS, text(quote_arg), SQL_NTS, text(column_arg), SQL_NTS));
    CHECK(column_values(st, 4) == std::vector<std::string>{"c'q"});
    const std::string backslash_column = metadata_id ? "c\\s" : escape_pattern("c\\s");
    ODBC_OK(SQL_HANDLE_STMT, st.h,
            SQLColumns(st.h, text(kDb), SQL_NTS, text(kNone), SQL_NTS, text(quote_arg), SQL_NTS, text(backslash_column), SQL_NTS));
    CHECK(column_values(st, 4) == std::vector<std::string>{"c\\s"});

    for (const SQLUSMALLINT column : {7, 8}) {  // FKTABLE_NAME, FKCOLUMN_NAME
      ODBC_OK(SQL_HANDLE_STMT, st.h,
              SQLForeignKeys(st.h, text(kDb), SQL_NTS, text(kNone), SQL_NTS, text(kQuote), SQL_NTS, text(kDb), SQL_NTS,
                             text(kNone), SQL_NTS, text(kBacktick), SQL_NTS));
      CHECK(column_values(st, column) == std::vector<std::string>{column == 7 ? kBacktick : "p'id"});
    }

    const std::string proc_arg = metadata_id ? kProc : escape_pattern(kProc);
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLProcedures(st.h, text(kDb), SQL_NTS, text(kNone), SQL_NTS, text(proc_arg), SQL_NTS));
    CHECK(column_values(st, 3) == std::vector<std::string>{kProc});
  }
  CHECK(canary_rows() == "1");
}

TEST_CASE("injection: payloads in every catalog argument return no rows and run nothing",
          "[integration][injection]") {
  create_schema();
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  for (const bool metadata_id : {false, true}) {
    set_metadata_id(st, metadata_id);
    for (const CatalogCall& c : catalog_calls()) {
      const std::vector<const std::string*> real = real_arguments(c.name);
      REQUIRE(real.size() == c.arguments);
      for (std::size_t position = 0; position < c.arguments; ++position) {
        for (const std::string& payload : kPayloads) {
          std::vector<const std::string*> a = real;
          a[position] = &payload;
          INFO(c.name << " argument " << position + 1 << " = [" << payload << "], SQL_ATTR_METADATA_ID " << metadata_id);
          const SQLRETURN rc = run_call(st, c, a);
          INFO(describe(SQL_HANDLE_STMT, st.h));
          REQUIRE(SQL_SUCCEEDED(rc));
          CHECK(column_values(st, c.result_column).empty());
        }
      }
    }
  }
  CHECK(canary_rows() == "1");
}

namespace {

// A connection with CHARSET=`charset` and the given sql_mode flags added to the session's.
struct CharsetConnection {
  Env env;
  Dbc dbc{env};
  CharsetConnection(const std::string& charset, const std::string& modes) {
    dbc.connect(connection_string("CHARSET=" + charset));
    Stmt st(dbc);
    CHECK(st.scalar("SELECT @@character_set_client") == charset);
    if (!modes.empty()) st.run("SET SESSION sql_mode = CONCAT(@@sql_mode, '," + modes + "')");
  }
};

// Binds `value` (bytes in the connection's character set) as SQL_C_CHAR parameter `n`.
void bind_text(Stmt& st, SQLUSMALLINT n, const std::string& value, SQLLEN& length) {
  length = static_cast<SQLLEN>(value.size());
  ODBC_OK(SQL_HANDLE_STMT, st.h,
          SQLBindParameter(st.h, n, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 200, 0,
                           const_cast<char*>(value.data()), length, &length));
}

// The bytes stored in column b of row `id` (read as SQL_C_BINARY: no conversion).
std::string stored_bytes(Dbc& dbc, const std::string& table, int id) {
  Stmt st(dbc);
  const std::string sql = "SELECT b FROM " + table + " WHERE id = " + std::to_string(id);
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec(sql));
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  char buffer[512];
  SQLLEN ind = 0;
  REQUIRE(SQLGetData(st.h, 1, SQL_C_BINARY, buffer, sizeof buffer, &ind) == SQL_SUCCESS);
  REQUIRE(ind >= 0);
  return std::string(buffer, static_cast<std::size_t>(ind));
}

struct CharsetCase {
  std::string charset;
  std::vector<std::string> payloads;  // bytes in that character set
};

// Per set: a character whose second byte is 0x5C before a quote, a lead byte alone before
// a quote (escaping it naively would make lead + '\' one character, leaving the quote
// free), and the same before the end of the value.
const std::vector<CharsetCase>& charset_cases() {
  static const std::vector<CharsetCase> cases = {
      {"gbk",
       {"\xbf\x5c' OR 1=1 -- ", "\xbf' OR 1=1 -- ", "\xbf\\' OR 1=1; DROP TABLE canary; -- ", "\x81\x5c\x27",
        "\xbf\x5c", "\xbf", "a\xbf\x5c\\'b'", "\xbf\x5c\x5c\x27"}},
      {"big5",
       {"\xa4\x5c' OR 1=1 -- ", "\xa4' OR 1=1 -- ", "\xb3\x5c\\' OR 1=1 -- ", "\xa4\x5c", "\xa4",
        "\xa4\x5c\x5c\x27"}},
      {"sjis",
       {"\x83\x5c' OR 1=1 -- ", "\x83' OR 1=1 -- ", "\x95\x5c\\' OR 1=1 -- ", "\x83\x5c", "\x83",
        "\x83\x5c\x5c\x27"}},
  };
  return cases;
}

// Plain payloads, the same in every set.
const std::vector<std::string> kAsciiPayloads = {"x' OR '1'='1", "x\\' OR 1=1 -- ", "''", "\\", "\"'\"", "`'`",
                                                  "a'); DROP TABLE canary; -- "};

}  // namespace

TEST_CASE("injection: interpolated parameters round-trip in gbk, big5 and sjis under every quoting sql_mode",
          "[integration][injection]") {
  create_schema();
  for (const CharsetCase& cs : charset_cases()) {
    for (const std::string modes : {"", "NO_BACKSLASH_ESCAPES", "ANSI_QUOTES", "NO_BACKSLASH_ESCAPES,ANSI_QUOTES"}) {
      INFO("CHARSET=" << cs.charset << " sql_mode +" << modes);
      CharsetConnection conn(cs.charset, modes);
      const std::string table = in_db("bytes_" + cs.charset);
      {
        Stmt st(conn.dbc);
        st.run("DROP TABLE IF EXISTS " + table);
        st.run("CREATE TABLE " + table + " (id INT PRIMARY KEY, b VARBINARY(255))");
      }
      std::vector<std::string> payloads = cs.payloads;
      payloads.insert(payloads.end(), kAsciiPayloads.begin(), kAsciiPayloads.end());
      int id = 0;
      for (const std::string& payload : payloads) {
        ++id;
        std::string hex;
        for (unsigned char c : payload) {
          static const char* digits = "0123456789ABCDEF";
          hex += digits[c >> 4];
          hex += digits[c & 15];
        }
        INFO("payload " << hex);
        Stmt st(conn.dbc);
        SQLLEN length = 0;
        bind_text(st, 1, payload, length);
        const std::string insert = "INSERT INTO " + table + " (id, b) VALUES (" + std::to_string(id) + ", ?)";
        ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec(insert));
        SQLFreeStmt(st.h, SQL_CLOSE);
        CHECK(stored_bytes(conn.dbc, table, id) == payload);

        // In a WHERE: exactly the row stored with this value, not every row.
        const std::string count = "SELECT COUNT(*), MAX(id) FROM " + table + " WHERE b = ?";
        ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec(count));
        REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
        SQLINTEGER rows = -1, max_id = -1;
        SQLLEN ind = 0;
        REQUIRE(SQL_SUCCEEDED(SQLGetData(st.h, 1, SQL_C_SLONG, &rows, 0, &ind)));
        REQUIRE(SQL_SUCCEEDED(SQLGetData(st.h, 2, SQL_C_SLONG, &max_id, 0, &ind)));
        CHECK(rows == 1);
        CHECK(max_id == id);
        SQLFreeStmt(st.h, SQL_CLOSE);
      }
      Stmt st(conn.dbc);
      CHECK(st.scalar("SELECT COUNT(*) FROM " + table) == std::to_string(payloads.size()));
      CHECK(st.scalar("SELECT COUNT(*) FROM " + in_db("canary")) == "1");
      st.run("DROP TABLE " + table);
    }
  }
  CHECK(canary_rows() == "1");
}
