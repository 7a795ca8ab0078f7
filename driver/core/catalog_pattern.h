// Catalog function arguments read as the ODBC reference says ("Pattern Value Arguments",
// "Identifier Arguments", "Ordinary Arguments", "Value List Arguments"), and turned into
// injection-safe conditions on information_schema columns. Pure logic: no server.
//
// Search patterns use '%' (any characters), '_' (one character) and the escape '\'
// (SQL_SEARCH_PATTERN_ESCAPE): "\%", "\_" and "\\" are the literal characters; a '\'
// before anything else is a literal backslash.
//
// Case: a pattern or ordinary argument is taken literally and its case is significant
// wherever the server distinguishes case: database and table names when
// lower_case_table_names = 0 (the condition asks the server), never for column or index
// names, which MySQL always compares without case. An unquoted identifier
// (SQL_ATTR_METADATA_ID = SQL_TRUE) matches without case; a quoted one (`x` or "x")
// matches as a literal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/param_literal.h"

namespace holdfast {

// How an argument is read when SQL_ATTR_METADATA_ID is SQL_FALSE.
enum class ArgKind { ordinary, pattern };

// How the server compares a kind of name.
enum class NameCase {
  table_like,  // databases, tables, views: as lower_case_table_names says
  insensitive  // columns, indexes, routines
};

// What one name argument selects.
struct NameFilter {
  enum class Mode {
    any,       // no restriction
    exact,     // this name, case as the server compares it
    exact_ci,  // this name, case ignored (unquoted identifier)
    like       // a LIKE pattern with '\' as its escape
  };
  Mode mode = Mode::any;
  std::string value;
};

// Names are at most 64 characters (SQL_MAX_*_NAME_LEN).
inline constexpr std::size_t kMaxNameChars = 64;

// An identifier argument: blanks trimmed as the reference says, and the quotes (` or ")
// removed with doubled quotes inside made single.
struct Identifier {
  std::string name;
  bool quoted = false;
};
Identifier parse_identifier(std::string_view text);

// Whether the pattern has an unescaped '%' or '_'.
bool has_wildcard(std::string_view pattern) noexcept;
// The literal name a pattern without wildcards stands for ("a\_b" -> "a_b").
std::string unescape_pattern(std::string_view pattern);
// The pattern as MySQL's LIKE ... ESCAPE '\' must see it: escapes of '%', '_' and '\'
// kept, any other backslash made a literal one ("a\b" -> "a\\b").
std::string like_pattern(std::string_view pattern);
// Whether the pattern matches the empty string (it is empty or only '%').
bool pattern_matches_empty(std::string_view pattern) noexcept;

// Reads a name argument. A null identifier (metadata_id) is HY009, naming `what`
// ("table name"); an exact name longer than kMaxNameChars is HY090.
NameFilter name_filter(const CatalogArg& arg, ArgKind kind, bool metadata_id, std::string_view what);

// Reads a catalog argument: null or empty means `current_catalog` (any catalog when
// that is empty too). `what` names the argument in messages.
NameFilter catalog_filter(const CatalogArg& arg, ArgKind kind, bool metadata_id, std::string_view current_catalog,
                          std::string_view what = "catalog name");

// Whether a schema argument accepts the tables of a server without schemas (they have
// the empty schema name): null, "" and patterns of only '%' do.
bool schema_accepts_none(const CatalogArg& arg, ArgKind kind, bool metadata_id,
                         std::string_view what = "schema name");

// The databases a catalog function selects. Databases are catalogs: the catalog argument
// names the database (catalog_filter) and the schema argument must accept the empty name
// (schema_accepts_none), else nothing matches. With `database_as_schema`
// (DATABASE_AS_SCHEMA=1) the two trade roles: the schema argument names the database,
// read as catalog_filter reads a catalog (null or empty: the current database), and the
// catalog argument must accept the empty name.
struct DatabaseFilter {
  bool possible = true;  // false: the other argument named something; nothing matches
  NameFilter filter;
};
DatabaseFilter database_filter(const CatalogArg& catalog, ArgKind catalog_kind, const CatalogArg& schema,
                               ArgKind schema_kind, bool metadata_id, bool database_as_schema,
                               std::string_view current_catalog);

// The SQL condition selecting rows whose `column` matches; empty for Mode::any. Values
// are written with append_quoted_string.
std::string name_condition(std::string_view column, const NameFilter& filter, NameCase name_case,
                           const LiteralOptions& options);

// `column` in a form that compares and sorts by code point (for ORDER BY).
std::string binary_collated(std::string_view column);

// The TableType value list ("'TABLE','VIEW'", "TABLE, VIEW", "%"): upper-case names
// without quotes. `all` when the list is null, empty or contains "%".
struct TableTypeFilter {
  bool all = true;
  std::vector<std::string> types;
};
TableTypeFilter parse_table_types(const CatalogArg& list);

}  // namespace holdfast
